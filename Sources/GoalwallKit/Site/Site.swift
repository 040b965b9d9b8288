import Foundation

/// Everything a team wrote, read and checked: the first stage of a build.
public struct Site: Sendable {
    public var root: URL
    public var settings: SiteSettings
    /// Every goal that could be read, drafts included, sorted by slug.
    public var goals: [Goal]
    /// Metric CSVs by FILE name (their path under content/metrics without `.csv`).
    public var metrics: [String: MetricTable]
    public var pages: [Page]
    /// The site's own templates/ files by name; each replaces the built-in file of that name.
    public var templates: [String: String]
    /// static/ files, copied verbatim to the output root.
    var staticFiles: [SiteFile]
    /// When an input last changed: the build time shown when SOURCE_DATE_EPOCH is not set.
    public var lastModified: Date?
    /// Each goal, metric and page file's revision (see `LoadCache`); empty without a cache.
    var revisions: [String: Int] = [:]
}

/// Reads a site folder (§1–4) into a `Site`, with every problem found on the way.
public struct SiteLoader {
    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    /// Reads every file of the site.
    public func load() -> (Site, Diagnostics) {
        var none: LoadCache?
        return load(cache: &none)
    }

    /// Reads the site, reusing the parses `cache` (one per site) kept from earlier loads,
    /// and keeps this load's parses in it; nil parses every file and keeps nothing.
    public func load(cache: inout LoadCache?) -> (Site, Diagnostics) {
        var diagnostics = Diagnostics()
        let files = SiteFiles(root: root)
        var newest: Date?
        func touch(_ stamp: FileStamp?) {
            if let stamp {
                let date = Date(timeIntervalSince1970: stamp.modified)
                newest = max(newest ?? date, date)
            }
        }
        func touch(_ url: URL) { touch(FileStamp(path: url.path)) }

        var settings = SiteSettings()
        let settingsFile = SiteFile(path: "goalwall.yml", url: root.appending(path: "goalwall.yml"))
        if FileManager.default.fileExists(atPath: settingsFile.url.path) {
            touch(settingsFile.url)
            if let text = SiteFiles.text(of: settingsFile, into: &diagnostics) {
                settings = SiteSettings.read(text, path: settingsFile.path, into: &diagnostics)
            }
        }
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: root.appending(path: "content").path, isDirectory: &isDirectory)
            || !isDirectory.boolValue
        {
            diagnostics.error(
                "no content/ folder: is this a goalwall site? ('goalwall init DIR' makes one)",
                at: SourceLocation(path: "content"))
        }

        // Metrics: every CSV is read and checked, used or not (§9).
        let csvFiles = Self.listed("content/metrics", in: files, into: &diagnostics)
        let prefix = "content/metrics/".count
        let cachedTables = cache?.tables ?? [:]
        // Times are compared by the file system's clock (a network share's may differ from ours).
        let knownChange = cache?.newestChange ?? 0
        // §11: each file's dialect, from goalwall.yml's `csv` (none: §4 exactly).
        let csv = settings.csv
        let readTables = csvFiles.parallelMap { file -> LoadCache.Loaded<MetricTable> in
            let name = String(file.path.dropFirst(prefix).dropLast(4))
            let dialect = csv?.dialect(for: String(file.path.dropFirst(prefix)))
            var unreadable = MetricTable(name: name, path: file.path, columns: [], dates: [], values: [])
            unreadable.isUnreadable = true
            var context = Hasher()
            context.combine(dialect)
            return LoadCache.load(
                file, cached: cachedTables[file.path], context: context.finalize(), newest: knownChange,
                unreadable: unreadable
            ) { bytes in MetricTable.read(bytes: bytes, name: name, path: file.path, dialect: dialect) }
        }
        var revisions: [String: Int] = [:]
        cache?.keep(readTables, in: \.tables, revisions: &revisions)
        var metrics: [String: MetricTable] = [:]
        for (_, parsed, _) in readTables {
            metrics[parsed.value.name] = parsed.value
            diagnostics.append(contentsOf: parsed.diagnostics)
        }
        readTables.forEach { touch($0.parsed.stamp) }  // the stamp each file was loaded with

        // Goals.
        var goalFiles = Self.listed("content/goals", in: files, into: &diagnostics)
        if goalFiles.count > Limits.goals {
            diagnostics.error(
                "\(goalFiles.count) goal files: a site may have at most \(Limits.goals); none is read",
                at: SourceLocation(path: "content/goals"))
            goalFiles = []
        }
        let tables = metrics
        // A goal's metric resolves against the tables' names and columns (§9), so its parse
        // is reused only while those stay the same.
        var schema = Hasher()
        for name in tables.keys.sorted() {
            schema.combine(name)
            schema.combine(tables[name]!.columns)
            schema.combine(tables[name]!.isUnreadable)
        }
        let schemaKey = schema.finalize()
        let cachedGoals = cache?.goals ?? [:]
        let readGoals = goalFiles.parallelMap { file -> LoadCache.Loaded<Goal?> in
            LoadCache.load(
                file, cached: cachedGoals[file.path], context: schemaKey, newest: knownChange, unreadable: nil
            ) {
                bytes in
                var diagnostics = Diagnostics()
                guard let text = SiteFiles.text(from: bytes, of: file, into: &diagnostics) else {
                    return (nil, diagnostics)
                }
                let reader = GoalReader(path: file.path, fileName: file.name, tables: tables)
                return (reader.read(text, into: &diagnostics), diagnostics)
            }
        }
        cache?.keep(readGoals, in: \.goals, revisions: &revisions)
        readGoals.forEach { touch($0.parsed.stamp) }
        var goals: [Goal] = []
        for (_, parsed, _) in readGoals {
            diagnostics.append(contentsOf: parsed.diagnostics)
            if let goal = parsed.value { goals.append(goal) }
        }
        goals.sort { ($0.slug, $0.path) < ($1.slug, $1.path) }
        checkSlugs(goals, into: &diagnostics)
        checkParents(goals, into: &diagnostics)
        settings.kiosk.checkTeams(goals, into: &diagnostics)
        checkV2MOMGoals(settings, goals, into: &diagnostics)

        // Pages.
        let pageFiles = Self.listed("content/pages", in: files, into: &diagnostics)
        let cachedPages = cache?.pages ?? [:]
        let readPages = pageFiles.map { file -> LoadCache.Loaded<Page?> in
            LoadCache.load(file, cached: cachedPages[file.path], context: 0, newest: knownChange, unreadable: nil) {
                bytes in
                var diagnostics = Diagnostics()
                guard let text = SiteFiles.text(from: bytes, of: file, into: &diagnostics) else {
                    return (nil, diagnostics)
                }
                return (Page.read(text, path: file.path, fileName: file.name, into: &diagnostics), diagnostics)
            }
        }
        if cache != nil {
            cache!.keep(readPages, in: \.pages, revisions: &revisions)
            let stamps = readTables.map(\.parsed.stamp) + readGoals.map(\.parsed.stamp) + readPages.map(\.parsed.stamp)
            cache!.newestChange = max(cache!.newestChange, stamps.compactMap { $0?.changed }.max() ?? 0)
        }
        readPages.forEach { touch($0.parsed.stamp) }
        var pages: [Page] = []
        for (path, parsed, _) in readPages {
            diagnostics.append(contentsOf: parsed.diagnostics)
            guard let page = parsed.value else { continue }
            if let other = pages.first(where: { $0.slug == page.slug }) {
                diagnostics.error(
                    "two pages with the slug '\(page.slug)' (the other is \(other.path))",
                    at: SourceLocation(path: path))
                continue
            }
            pages.append(page)
        }
        pages.sort { $0.slug < $1.slug }

        // Templates and static files.
        var templates: [String: String] = [:]
        for file in Self.listed("templates", in: files, into: &diagnostics) {
            touch(file.url)
            if let text = SiteFiles.text(of: file, into: &diagnostics) {
                templates[String(file.path.dropFirst("templates/".count))] = text
            }
        }
        let staticFiles = Self.listed("static", in: files, into: &diagnostics).filter { file in
            var info = stat()
            guard stat(file.url.path, &info) == 0, Int(info.st_size) > Limits.staticFileBytes else { return true }
            diagnostics.error(
                "the file is \(Limits.size(Int(info.st_size))): static files may be at most \(Limits.size(Limits.staticFileBytes))",
                at: SourceLocation(path: file.path))
            return false
        }
        staticFiles.forEach { touch($0.url) }

        let site = Site(
            root: root, settings: settings, goals: goals, metrics: metrics, pages: pages,
            templates: templates, staticFiles: staticFiles, lastModified: newest, revisions: revisions)
        return (site, diagnostics)
    }

    /// The folders a load reads, and the ending of the files it reads in each (nil: all).
    static let inputFolders: [(folder: String, ending: String?)] = [
        ("content/metrics", ".csv"), ("content/goals", ".md"), ("content/pages", ".md"), ("templates", nil),
        ("static", nil),
    ]

    /// The files of one of `inputFolders` that a load reads.
    private static func listed(_ folder: String, in files: SiteFiles, into diagnostics: inout Diagnostics)
        -> [SiteFile]
    {
        let ending = inputFolders.first { $0.folder == folder }!.ending
        let found = files.files(under: folder, into: &diagnostics)
        guard let ending else { return found }
        return found.filter { $0.name.hasSuffix(ending) }
    }

    /// Every file a load reads, as `load` lists them: goalwall.yml when there is one, then
    /// each of `inputFolders` (what a build's fingerprint covers).
    func inputFiles(into diagnostics: inout Diagnostics) -> [SiteFile] {
        let files = SiteFiles(root: root)
        var found: [SiteFile] = []
        let settings = SiteFile(path: "goalwall.yml", url: root.appending(path: "goalwall.yml"))
        if FileManager.default.fileExists(atPath: settings.url.path) { found.append(settings) }
        for (folder, _) in Self.inputFolders {
            found += Self.listed(folder, in: files, into: &diagnostics)
        }
        return found
    }

    /// §9: two goals with one slug are an error.
    private func checkSlugs(_ goals: [Goal], into diagnostics: inout Diagnostics) {
        for (previous, goal) in zip(goals, goals.dropFirst()) where previous.slug == goal.slug {
            diagnostics.error(
                "two goals with the slug '\(goal.slug)' (the other is \(previous.path))",
                at: goal.slugLocation)
        }
    }

    /// The goals goalwall.yml's `methods` and `obstacles` name must exist (drafts count:
    /// one left out of a build is a warning there, as a parent is).
    private func checkV2MOMGoals(_ settings: SiteSettings, _ goals: [Goal], into diagnostics: inout Diagnostics) {
        let slugs = Set(goals.map(\.slug))
        for (key, goal) in settings.v2momReferences where !slugs.contains(goal.slug) {
            var message = "unknown goal '\(goal.slug)' in '\(key)': no goal has that slug"
            if let suggestion = closestName(to: goal.slug, among: goals.map(\.slug)) {
                message += ": did you mean '\(suggestion)'?"
            }
            diagnostics.error(message, at: goal.location)
        }
    }

    /// §3: a parent must be a known goal, and following parents must never come back round.
    private func checkParents(_ goals: [Goal], into diagnostics: inout Diagnostics) {
        var parentOf: [String: String] = [:]
        for goal in goals { parentOf[goal.slug] = goal.parent }
        let slugs = Set(goals.map(\.slug))
        for goal in goals {
            guard let parent = goal.parent else { continue }
            if !slugs.contains(parent) {
                var message = "unknown parent '\(parent)': no goal has that slug"
                if let suggestion = closestName(to: parent, among: goals.map(\.slug)) {
                    message += ": did you mean '\(suggestion)'?"
                }
                diagnostics.error(message, at: goal.parentLocation)
                continue
            }
            var seen: Set<String> = [goal.slug]
            var next: String? = parent
            while let slug = next {
                if slug == goal.slug {
                    diagnostics.error(
                        "parent cycle: following parents from '\(goal.slug)' comes back to it",
                        at: goal.parentLocation)
                    break
                }
                guard seen.insert(slug).inserted else { break }
                next = parentOf[slug]
            }
        }
    }
}
