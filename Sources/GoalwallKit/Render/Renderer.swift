import Foundation

/// Turns the computed wall into the files of the site (§6): every page through the theme
/// from its model, goals.json, calendar.ics and feed.xml, the theme's stylesheet and the
/// site's static/ files. Pages render in parallel. With a cache, a template is rendered
/// again only for a model it has not rendered before, and a goal's charts and pieces of
/// the shared files are made again only when its figures change.
struct Renderer: Sendable {
    let theme: Theme
    /// The build time shown on pages (SOURCE_DATE_EPOCH, or when an input last changed).
    let builtAt: Date?
    var timings = false

    /// Pages are handed on at most this many at a time, and at most this many bytes of
    /// them (unless one page is more): a tag's wall of 1,250 cards is 4 MB, and a batch of
    /// them should not be held at once.
    static let batchSize = 256
    static let batchBytes = 8 << 20

    /// Every file of the site, in the theme's language (`Language.current` while it renders),
    /// handed to `sink` a batch at a time as it is made.
    func render(
        _ wall: Wall, statics: [SiteFile], cache: inout RenderCache?, into diagnostics: inout Diagnostics,
        sink: ([OutputFile]) -> Void
    ) {
        Language.with(theme.language) {
            renderFiles(wall, statics: statics, cache: &cache, into: &diagnostics, sink: sink)
        }
    }

    /// Every file of the site at once (a small site: the fuzzer's).
    func render(
        _ wall: Wall, statics: [SiteFile], cache: inout RenderCache?, into diagnostics: inout Diagnostics
    ) -> [OutputFile] {
        var files: [OutputFile] = []
        render(wall, statics: statics, cache: &cache, into: &diagnostics) { files += $0 }
        return files
    }

    private func renderFiles(
        _ wall: Wall, statics: [SiteFile], cache: inout RenderCache?, into diagnostics: inout Diagnostics,
        sink: ([OutputFile]) -> Void
    ) {
        var clock = StageClock(enabled: timings)
        let pages = WallPages(wall: wall, builtAt: builtAt)
        let previous = cache ?? RenderCache()
        var templates = Templates(theme: theme, previous: previous.renders, keeping: cache != nil)

        // Files go out a batch at a time as they are made, so a large wall is never held whole.
        var taken = OutputPaths([])
        func emit(_ batch: [OutputFile]) {
            for file in batch { _ = taken.claim(file.path) }
            sink(batch)
        }

        // Each goal's charts and its pieces of goals.json, calendar.ics and feed.xml, made
        // once per goal (and kept while its figures are unchanged). The three files are made
        // first, so that their pieces are not held while the pages render.
        var shared = Hasher()
        shared.combine(wall.settings)
        shared.combine(wall.asOf)
        shared.combine(theme.language)
        let sharedKey = shared.finalize()
        let tolerance = wall.settings.tolerance
        // A goal page's chart is kept only for the next build (serve); a build draws it
        // with the page, so that 10,000 charts are not all held at once.
        let keepsCharts = cache != nil
        let cardCharts: [CardCharts]
        let pageCharts: [HTML?]
        do {
            let (json, calendar, feed) = (GoalsJSON(wall: wall), CalendarFile(wall: wall), FeedFile(wall: wall))
            var pieces = wall.goals.parallelMap { s -> GoalPieces in
                var key = Hasher()
                key.combine(sharedKey)
                key.combine(s.inputs)
                let inputs = key.finalize()
                if let kept = previous.goals[s.slug], kept.inputs == inputs { return kept }
                return GoalPieces(
                    inputs: inputs, charts: CardCharts(s, tolerance: tolerance),
                    chart: keepsCharts ? WallPages.goalChart(s, asOf: wall.asOf) : nil)
            }
            clock.lap("  charts")
            // One file at a time, each from its own pieces: on a large wall the pieces of
            // a file and the file are tens of megabytes each. A build with a cache keeps
            // the pieces for the next one.
            func file<Piece: Sendable>(
                _ path: String, _ part: WritableKeyPath<GoalPieces, Piece?> & Sendable,
                _ make: @Sendable (Standing) -> Piece, _ render: ([Piece]) -> String
            ) {
                let kept = pieces
                let made = Array(wall.goals.indices).parallelMap { kept[$0][keyPath: part] ?? make(wall.goals[$0]) }
                emit([OutputFile(path: path, text: render(made))])
                if cache != nil { for index in pieces.indices { pieces[index][keyPath: part] = made[index] } }
            }
            file(Routes.goalsJSON, \.json, json.entry, json.render(entries:))
            file(Routes.calendar, \.calendar, calendar.events, calendar.render(events:))
            file(Routes.feed, \.feed, feed.entries, feed.render(entries:))
            clock.lap("  goals.json, calendar, feed")
            if cache != nil {
                cache!.goals = Dictionary(zip(wall.goals.map(\.slug), pieces), uniquingKeysWith: { first, _ in first })
            }
            cardCharts = pieces.map(\.charts)
            pageCharts = keepsCharts ? pieces.map(\.chart) : []
        }
        Memory.giveBack()

        // Each goal's card, for every page that shows it.
        let cards = Array(wall.goals.indices).parallelMap {
            GoalCard(wall.goals[$0], on: wall, charts: cardCharts[$0])
        }
        let cardIndex = Dictionary(
            wall.goals.enumerated().map { ($1.slug, $0) }, uniquingKeysWith: { first, _ in first })
        clock.lap("  card models")

        // The V2MOM page's rows, each rendered by its partial.
        let goals = pages.v2momGoals
        var methods = goals.methods.map(V2MOMMethod.init)
        for (index, html) in templates.render(methods.map { ($0, "v2mom-method") }).enumerated() {
            methods[index].html = HTML(html.text)
        }
        var obstacles = goals.obstacles.map(pages.v2momObstacle)
        for (index, html) in templates.render(obstacles.map { ($0, "v2mom-obstacle") }).enumerated() {
            obstacles[index].html = HTML(html.text)
        }
        let measure = { (s: Standing) -> V2MOMMeasure in
            pages.v2momMeasure(s, card: cards[cardIndex[s.slug]!].placed(at: Routes.root(from: Routes.v2mom)))
        }
        var measures = goals.measures.map(measure)
        for (index, html) in templates.render(measures.map { ($0, "v2mom-measure") }).enumerated() {
            measures[index].html = HTML(html.text)
        }
        /// The team's Methods or Obstacles, each with its goals' Measures, rendered.
        func teamItems(_ entries: [V2MOMEntry]?) -> [V2MOMItem] {
            var items = (entries ?? []).map { pages.v2momItem($0, measure: measure) }
            var rows = templates.render(items.flatMap(\.measures).map { ($0, "v2mom-measure") })[...]
            for item in items.indices {
                for row in items[item].measures.indices {
                    items[item].measures[row].html = HTML(rows.removeFirst().text)
                }
            }
            for (index, html) in templates.render(items.map { ($0, "v2mom-item") }).enumerated() {
                items[index].html = HTML(html.text)
            }
            return items
        }
        let teamMethods = teamItems(wall.settings.methods)
        let teamObstacles = teamItems(wall.settings.obstacles)

        // The header and footer differ only in the way back to the root: rendered once per
        // depth of page, and once for the main wall (whose heading is the header's title).
        let depths =
            [Routes.wall, Routes.tree, Routes.goal("x"), Routes.people, Routes.person("x")]
            + pages.kiosk.screens.map(\.path)
        let roots = Array(Set(depths.map { Routes.root(from: $0) })).sorted()
        let chromes =
            roots.map { PageChrome(site: pages.site, path: $0 + "x", title: nil) }
            + [PageChrome(site: pages.site, path: Routes.wall, title: nil)]
        let headers = templates.render(chromes.map { ($0, "header") }).map { HTML($0.text) }
        let footers = templates.render(chromes.map { ($0, "footer") }).map { HTML($0.text) }
        let framed = ChromeFrames(
            html: Dictionary(
                zip(roots, zip(headers, footers).map { (header: $0.0, footer: $0.1) }),
                uniquingKeysWith: { a, _ in a }),
            home: (headers.last!, footers.last!))
        clock.lap("  V2MOM rows, header, footer")

        // Every page: its model, then its HTML (from the cache when the model is unchanged).
        // Pages render a few at a time on every core and are handed on in batches of up to
        // `batchSize` pages or `batchBytes` bytes, whichever comes first.
        func render<Item: Sendable, Model: TemplateModel>(
            _ items: [Item], with template: String, _ page: @Sendable (Item) -> (path: String, model: Model)
        ) {
            var batch: [OutputFile] = []
            var bytes = 0
            let step = 2 * ProcessInfo.processInfo.activeProcessorCount
            for start in stride(from: 0, to: items.count, by: step) {
                let made = Array(items[start..<min(start + step, items.count)]).parallelMap(page)
                for (made, text) in zip(made, templates.render(made.map { ($0.model, template) })) {
                    batch.append(OutputFile(path: made.path, page: text))
                    bytes += text.utf8Count
                }
                if batch.count >= Self.batchSize || bytes >= Self.batchBytes {
                    emit(batch)
                    (batch, bytes) = ([], 0)
                }
            }
            if !batch.isEmpty { emit(batch) }
        }
        // The walls, people's pages and tags' pages show each card rendered once (let go
        // once they are made).
        do {
            let cardHTML = templates.rooted(cards, with: "card")
            let placeCard: @Sendable (Standing, String) -> GoalCard = { s, root in
                let index = cardIndex[s.slug]!
                return cards[index].placed(at: root, html: cardHTML[index].placed(at: root))
            }
            clock.lap("  cards")
            render([nil] + wall.teams.map { Optional($0) }, with: "wall") {
                let page = pages.wallPage(team: $0, card: placeCard)
                return (page.path, framed(page.model))
            }
            clock.lap("  walls")
            render(wall.people, with: "person") {
                let page = pages.personPage($0, card: placeCard)
                return (page.path, framed(page.model))
            }
            render(wall.tags, with: "tag") {
                let page = pages.tagPage($0, card: placeCard)
                return (page.path, framed(page.model))
            }
            clock.lap("  people and tags")
        }
        Memory.giveBack()
        // The kiosk's cards: its own partial, rendered once for the goals on its screens
        // (and let go once the screens are made).
        do {
            let onKiosk = Array(Set(pages.kiosk.screens.flatMap(\.goals))).sorted()
            let kioskHTML = Dictionary(
                zip(
                    onKiosk,
                    templates.rooted(onKiosk.map { cards[cardIndex[$0]!] }, with: "kiosk-card")
                ), uniquingKeysWith: { first, _ in first })
            let placeKioskCard: @Sendable (Standing, String) -> GoalCard = { s, root in
                let html = kioskHTML[s.slug]?.placed(at: root)
                return cards[cardIndex[s.slug]!].placed(at: root, html: html)
            }
            render(Array(pages.kiosk.screens.indices), with: "kiosk") {
                (pages.kiosk.screens[$0].path, framed(pages.kioskPage(screen: $0, card: placeKioskCard)))
            }
        }
        Memory.giveBack()
        clock.lap("  kiosk")
        render(Array(wall.goals.indices), with: "goal") { index in
            let s = wall.goals[index]
            let card = cards[index].placed(at: Routes.root(from: Routes.goal(s.slug)))
            let chart = keepsCharts ? pageCharts[index] : WallPages.goalChart(s, asOf: wall.asOf)
            return (Routes.goal(s.slug), framed(pages.goalPage(s, card: card, chart: chart)))
        }
        clock.lap("  goal pages")
        render(wall.pages, with: "page") { (Routes.page($0.slug), framed(pages.textPage($0))) }
        render([Routes.people], with: "people") { ($0, framed(pages.peoplePage())) }
        render([Routes.tags], with: "tags") { ($0, framed(pages.tagsPage())) }
        render([Routes.tree], with: "tree") { ($0, framed(pages.treePage())) }
        let v2mom = framed(
            pages.v2momPage(
                methods: methods, obstacles: obstacles, teamMethods: teamMethods, teamObstacles: teamObstacles,
                measures: measures))
        render([Routes.v2mom], with: "v2mom") { ($0, v2mom) }
        clock.lap("  other pages")

        clock.tally(templates.work)
        diagnostics.append(contentsOf: templates.problems)
        if cache != nil { cache!.renders = templates.made }

        // The theme's other files (style.css) and static/ go beside the pages; a generated
        // file keeps its path (and a path that is a folder of generated files stays one).
        for (name, text) in theme.assets.sorted(by: { $0.key < $1.key }) {
            guard taken.claim(name) else {
                diagnostics.warning(
                    "templates/\(name) is left out: goalwall generates \(name)",
                    at: SourceLocation(path: "templates/\(name)"))
                continue
            }
            emit([OutputFile(path: name, text: text)])
        }
        for file in statics {
            let path = String(file.path.dropFirst("static/".count))
            guard taken.claim(path) else {
                diagnostics.warning(
                    "static file \(file.path) is replaced by the generated \(path)", at: SourceLocation(path: file.path)
                )
                continue
            }
            emit([OutputFile(path: path, copyOf: file.url)])
        }
    }
}

/// A page that shows the site's header and footer.
protocol FramedPage: TemplateModel {
    var chrome: PageChrome { get set }
}

extension WallPage: FramedPage {}
extension KioskPage: FramedPage {}
extension GoalPage: FramedPage {}
extension TreePage: FramedPage {}
extension V2MOMPage: FramedPage {}
extension TextPage: FramedPage {}
extension GoalListPage: FramedPage {}
extension DirectoryPage: FramedPage {}

/// The header and footer, rendered once for each way back to the root.
private struct ChromeFrames: Sendable {
    let html: [String: (header: HTML, footer: HTML)]
    let home: (header: HTML, footer: HTML)

    func callAsFunction<Page: FramedPage>(_ page: Page) -> Page {
        var page = page
        if let (header, footer) = page.chrome.isHome ? home : html[page.chrome.root] {
            page.chrome.headerHTML = header
            page.chrome.footerHTML = footer
        }
        return page
    }
}

/// One goal's pieces that depend only on its figures (and the settings and as-of date).
struct GoalPieces: Sendable {
    /// What they were made from: equal inputs, equal pieces.
    var inputs: Int
    var charts: CardCharts
    /// The chart of its page, when kept for the next build (see `keepsCharts`).
    var chart: HTML?
    /// Its parts of goals.json, calendar.ics and feed.xml, once made and kept (see `file`).
    var json: String?
    var calendar: String?
    var feed: [FeedFile.Entry]?
}

/// What earlier builds rendered, so a rebuild renders only what an edit changed
/// (`goalwall serve`): each goal's pieces by slug, and each rendered template by the key of
/// its model. Only what the last build used is kept.
public struct RenderCache: Sendable {
    var goals: [String: GoalPieces] = [:]
    var renders: [Int: SplicedText] = [:]

    public init() {}
}

/// Renders models through the theme, in parallel, reusing what an earlier build rendered
/// for an equal model, and collecting what went wrong.
private struct Templates {
    let theme: Theme
    let previous: [Int: SplicedText]
    private(set) var made: [Int: SplicedText] = [:]
    private(set) var problems = Diagnostics()
    /// Time spent per template, for GOALWALL_TIMINGS.
    private(set) var work: [(label: String, ms: Double)] = []

    /// Whether to keep what is rendered for the next build.
    let keeping: Bool

    init(theme: Theme, previous: [Int: SplicedText], keeping: Bool) {
        self.theme = theme
        self.previous = previous
        self.keeping = keeping
    }

    mutating func render<Model: TemplateModel>(_ jobs: [(Model, String)]) -> [SplicedText] {
        let (theme, previous, keeping) = (self.theme, self.previous, self.keeping)
        // A model is hashed only when there is a cache to look in or to fill.
        let caching = keeping || !previous.isEmpty
        let results = jobs.parallelMap { job -> (key: Int, text: SplicedText, ms: Double, trip: RenderGuard.Trip?) in
            var hash = 0
            if caching {
                var key = Hasher()
                key.combine(theme.fingerprint)
                key.combine(job.1)
                key.combine(job.0)
                hash = key.finalize()
                if let text = previous[hash] { return (hash, text, 0, nil) }
            }
            let start = DispatchTime.now().uptimeNanoseconds
            var (text, trip) = theme.render(job.0, with: job.1)
            // Kept for the next build (serve) as one string: an unchanged page is then the
            // same string next time, which serve compares at once instead of byte by byte.
            if keeping, text.isSpliced { text = SplicedText(text.text) }
            return (hash, text, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6, trip)
        }
        var reported = Set<String>()
        for (job, result) in zip(jobs, results) {
            if keeping { made[result.key] = result.text }
            if result.ms > 0 { work.append((job.1, result.ms)) }
            if let trip = result.trip, reported.insert(job.1).inserted {
                problems.append(theme.problem(trip, rendering: job.1))
            }
        }
        return results.map(\.text)
    }

    /// Cards rendered with `Rooted.token` for the way back to the root, a batch at a time,
    /// so that only a batch of them is held twice (rendered, and as one string).
    mutating func rooted(_ cards: [GoalCard], with template: String) -> [Rooted] {
        var rooted: [Rooted] = []
        rooted.reserveCapacity(cards.count)
        for start in stride(from: 0, to: cards.count, by: Renderer.batchSize) {
            let batch = cards[start..<min(start + Renderer.batchSize, cards.count)]
            rooted += render(batch.map { ($0.placed(at: Rooted.token), template) }).map { Rooted($0.text) }
        }
        return rooted
    }
}
