import Foundation

/// The parsers behind what teams write, reachable from the fuzz targets under Fuzz/ and the
/// regression tests (`@_spi(Fuzzing) import GoalwallKit`). Each entry takes raw bytes the
/// way the site loader would get them and returns diagnostics: any input may be wrong, none
/// may crash or hang.
@_spi(Fuzzing) public enum Fuzzing {
    /// A metric CSV (§4) through `CSVRecords` and `MetricTable.read`; the row and column
    /// counts show that a table was made.
    public static func readMetricCSV(_ bytes: [UInt8]) -> (rows: Int, columns: Int, diagnostics: [Diagnostic]) {
        let path = "content/metrics/m.csv"
        _ = CSVRecords(bytes: bytes, path: path).read()
        let (table, diagnostics) = MetricTable.read(bytes: bytes, name: "m", path: path)
        return (table.dates.count, table.columns.count, diagnostics.sorted)
    }

    /// A metric CSV read under a §11 dialect that the first byte picks (delimiter, decimal
    /// mark, date order, and whether the default `missing` words apply); the rest is the
    /// file.
    public static func readDialectCSV(_ bytes: [UInt8]) -> (rows: Int, columns: Int, diagnostics: [Diagnostic]) {
        guard let choice = bytes.first.map(Int.init) else { return (0, 0, []) }
        var dialect = CSVDialect()
        dialect.delimiter = CSVDialect.Delimiter.allCases[choice % CSVDialect.Delimiter.allCases.count]
        dialect.decimal = CSVDialect.DecimalMark.allCases[(choice / 4) % CSVDialect.DecimalMark.allCases.count]
        dialect.dates = CSVDialect.DateOrder.allCases[(choice / 8) % CSVDialect.DateOrder.allCases.count]
        if choice >= 128 { dialect.missing = ["", "?", "0"] }
        let file = Array(bytes.dropFirst())
        let (table, diagnostics) = MetricTable.read(
            bytes: file, name: "m", path: "content/metrics/m.csv", dialect: dialect)
        return (table.dates.count, table.columns.count, diagnostics.sorted)
    }

    /// A §10 formula: read, then evaluated on column values that provoke what a period's
    /// sums can hold (zeros, huge values, a missing column). Evaluation gives a finite value
    /// or nothing. Returns the columns it names, or the error's message.
    public static func formula(_ text: String) -> Result<[String], FormulaError> {
        Formula.parse(text).map { formula in
            let periods: [@Sendable (String) -> Double?] = [
                { _ in 0 }, { Double($0.utf8.count) }, { _ in 1e308 }, { $0.count % 2 == 0 ? nil : -1 },
            ]
            for columns in periods {
                if let value = formula.value(columns) { precondition(value.isFinite, "\(text) gave \(value)") }
            }
            return formula.columns
        }
    }

    /// A §10 duration (`6:30`, `-1:02:03.5`): its seconds, or why it is not one (nil
    /// seconds and nil problem: the text has no `:`, so it is not meant as a duration).
    public static func duration(_ text: String) -> (seconds: Double?, problem: String?) {
        switch DurationText(text) {
        case .seconds(let seconds): (seconds, nil)
        case .notADuration: (nil, nil)
        case .invalid(let reason): (nil, reason)
        }
    }

    /// A goal file (§3): UTF-8 check, front matter, YAML fields, Markdown body, through
    /// `GoalReader` against the metric table `m` (columns `calls`, `wait`); a goal that
    /// reads is then computed on `asOf`, as a build would.
    public static func readGoal(
        _ bytes: [UInt8], fileName: String = "goal.md", asOf: Day = Day(year: 2026, month: 3, day: 2)!
    ) -> (goal: Goal?, diagnostics: [Diagnostic]) {
        let file = SiteFile(path: "content/goals/\(fileName)", url: URL(filePath: "/dev/null"))
        var diagnostics = Diagnostics()
        guard let text = SiteFiles.text(from: bytes, of: file, into: &diagnostics) else {
            return (nil, diagnostics.sorted)
        }
        let reader = GoalReader(path: file.path, fileName: fileName, tables: SmallSite.tables)
        let goal = reader.read(text, into: &diagnostics)
        if let goal {
            _ = Standing.compute(goal, metrics: SmallSite.tables, asOf: asOf, tolerance: 0.1, into: &diagnostics)
        }
        return (goal, diagnostics.sorted)
    }

    /// goalwall.yml (§2) through `SiteSettings.read`.
    public static func readSettings(_ bytes: [UInt8]) -> (settings: SiteSettings?, diagnostics: [Diagnostic]) {
        let file = SiteFile(path: "goalwall.yml", url: URL(filePath: "/dev/null"))
        var diagnostics = Diagnostics()
        guard let text = SiteFiles.text(from: bytes, of: file, into: &diagnostics) else {
            return (nil, diagnostics.sorted)
        }
        let settings = SiteSettings.read(text, path: file.path, into: &diagnostics)
        return (settings, diagnostics.sorted)
    }

    /// A site's templates/labels.yml (issue 14) laid over German, then used the way a page
    /// uses it: numbers, shares, dates, ranges, periods and counts are formatted. Returns
    /// what was formatted (so none of it is optimised away) and the diagnostics.
    public static func readLabels(_ bytes: [UInt8]) -> (sample: String, diagnostics: [Diagnostic]) {
        let text = String(decoding: bytes, as: UTF8.self)
        var diagnostics = Diagnostics()
        var files = Theme.builtinFiles
        files["labels.yml"] = text
        let language = LanguageSetting(tag: "de").language(
            files: files, overrides: ["labels.yml": text], into: &diagnostics)
        let sample = Language.with(language) {
            let day = Day(iso: "2026-03-02")!
            return [
                DisplayFormat.number(-1_234_567.5), DisplayFormat.number(0.047), DisplayFormat.percent(0.725),
                DisplayFormat.value(2.6e12, unit: "%"), DisplayFormat.compact(12_345), DisplayFormat.long(day),
                DisplayFormat.range(day.adding(days: -400), day), DisplayFormat.period(day, .week),
                DisplayFormat.period(day, .month), DisplayFormat.daysLeft(from: day, to: day.adding(days: 1)),
                say("goalCount", count: 0), say("staleText", count: 12), Status.onTrack.label,
            ].joined(separator: "|")
        }
        return (sample, diagnostics.sorted)
    }

    /// A CSV row's date (§4): `YYYY-MM-DD[THH:MM[:SS[.F]][Z|±HH:MM]]`, as seconds and
    /// nanoseconds since 1970-01-01T00:00Z; nil when it is not one.
    public static func rowDate(_ text: String) -> (day: Day, seconds: Int, nanoseconds: Int)? {
        RowDate(text).map { ($0.day, $0.instant.seconds, $0.instant.nanoseconds) }
    }

    /// A §4/§9 number; nil when it is not one.
    public static func decimal(_ text: String) -> Double? { parseDecimal(text) }

    /// The built-in theme with `overrides` (file name → text), rendered for a small computed
    /// wall of two goals, a metric and a page: the diagnostics and the files made. As in a
    /// build, a theme with errors renders nothing. `swiftMustacheOnly` renders every page
    /// through swift-mustache's own renderer (see `CompiledTemplates`), to compare.
    public static func renderTheme(overrides: [String: String], swiftMustacheOnly: Bool = false) -> (
        diagnostics: [Diagnostic], files: [OutputFile]
    ) {
        var diagnostics = Diagnostics()
        var theme = Theme.load(overrides: overrides, into: &diagnostics)
        if swiftMustacheOnly { theme.compiled = nil }
        guard !diagnostics.hasErrors else { return (diagnostics.sorted, []) }
        let wall = SmallSite.wall
        var cache: RenderCache?
        let files = Renderer(theme: theme, builtAt: Date(timeIntervalSince1970: 1_772_409_600)).render(
            wall, statics: [], cache: &cache, into: &diagnostics)
        return (diagnostics.sorted, diagnostics.hasErrors ? [] : files)
    }

    /// The template files of the built-in theme, sorted (what `renderTheme` may override).
    public static let templateNames = Theme.builtinFiles.keys.filter { $0.hasSuffix(".mustache") }.sorted()

    /// A fuzz input as a theme override: the first byte picks the template file the rest
    /// replaces; nil when empty or not UTF-8 (the site loader turns such a file away).
    public static func templateOverride(_ bytes: [UInt8]) -> (name: String, text: String)? {
        guard let first = bytes.first, let text = String(validating: bytes.dropFirst(), as: UTF8.self) else {
            return nil
        }
        return (templateNames[Int(first) % templateNames.count], text)
    }

    /// The files a fuzz input for a whole site is cut into, at NUL bytes, in this order.
    public static let siteFiles = [
        "goalwall.yml", "content/goals/a.md", "content/goals/team/b.md", "content/metrics/m.csv",
        "templates/card.mustache", "content/pages/about.md",
    ]

    /// A fuzz input cut into the files of a site (see `siteFiles`); an input with fewer
    /// parts leaves the later files out.
    public static func siteParts(_ bytes: [UInt8]) -> [(path: String, bytes: [UInt8])] {
        let parts = bytes.split(separator: 0, maxSplits: siteFiles.count - 1, omittingEmptySubsequences: false)
        return zip(siteFiles, parts).map { ($0, Array($1)) }
    }

    /// Writes the site cut from `bytes` into `folder` (emptied first) and builds it in
    /// memory on 2026-03-02, as `goalwall build` would without writing its output.
    public static func buildSite(_ bytes: [UInt8], in folder: URL) throws -> BuildResult {
        let files = FileManager.default
        try? files.removeItem(at: folder)
        try files.createDirectory(at: folder.appending(path: "content"), withIntermediateDirectories: true)
        for (path, data) in siteParts(bytes) {
            let url = folder.appending(path: path)
            try files.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(data).write(to: url)
        }
        var options = BuildOptions(site: folder)
        options.builtAt = Date(timeIntervalSince1970: 1_772_409_600)
        return Build.run(options, today: Day(year: 2026, month: 3, day: 2)!)
    }
}

/// The small site the goal and theme entries run against, made in memory from fixed text.
private enum SmallSite {
    static let csv = """
        date,calls,wait
        2026-01-05,120,4.5
        2026-01-12,110,4.1
        2026-01-19T09:30:00Z,,3.9
        2026-02-02,95,3.2

        """

    static let tables: [String: MetricTable] = [
        "m": MetricTable.read(bytes: Array(csv.utf8), name: "m", path: "content/metrics/m.csv").0
    ]

    static let goalTexts = [
        "cut-wait.md": """
        ---
        title: Cut the wait for a first answer to three minutes
        owner: Ana
        team: Support
        metric: m.wait
        baseline: 5
        target: 3
        start: 2026-01-01
        due: 2026-06-30
        milestones:
          - { date: 2026-03-31, target: 4, note: first quarter }
        review: weekly
        parent: fewer-calls
        tags: [calls, "wait & see"]
        ---
        Why: customers <wait>.

        ## 2026-02-02 Check-in
        - [x] new phone menu
        - [ ] call-back option
        """,
        "fewer-calls.md": """
        ---
        title: Fewer calls through self-service
        owner: Bo
        team: Self-Service
        start: 2026-01-01
        due: 2026-12-31
        ---
        - [x] portal
        - [ ] knowledge base
        """,
    ]

    static let wall: Wall = {
        var diagnostics = Diagnostics()
        var goals: [Goal] = []
        for (name, text) in goalTexts.sorted(by: { $0.key < $1.key }) {
            let reader = GoalReader(path: "content/goals/\(name)", fileName: name, tables: tables)
            if let goal = reader.read(text, into: &diagnostics) { goals.append(goal) }
        }
        var pages: [Page] = []
        if let page = Page.read(
            "---\ntitle: How we work\n---\n# Heading\nText with *emphasis*.\n", path: "content/pages/how.md",
            fileName: "how.md", into: &diagnostics)
        {
            pages.append(page)
        }
        var settings = SiteSettings()
        settings.vision = "Answers first time"
        settings.values = ["Customers first"]
        let site = Site(
            root: URL(filePath: "/dev/null"), settings: settings, goals: goals, metrics: tables, pages: pages,
            templates: [:], staticFiles: [], lastModified: nil)
        return Wall(
            site: site, asOf: Day(year: 2026, month: 3, day: 2)!, includeDrafts: false, diagnostics: &diagnostics)
    }()
}
