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
}

/// Reads a site folder (§1–4) into a `Site`, with every problem found on the way.
public struct SiteLoader {
    public let root: URL

    public init(root: URL) { self.root = root.standardizedFileURL }

    public func load() -> (Site, Diagnostics) {
        var diagnostics = Diagnostics()
        let files = SiteFiles(root: root)
        var newest: Date?
        func touch(_ url: URL) {
            if let date = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date {
                newest = max(newest ?? date, date)
            }
        }

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
        let csvFiles = files.files(under: "content/metrics", into: &diagnostics).filter { $0.name.hasSuffix(".csv") }
        let prefix = "content/metrics/".count
        let readTables = csvFiles.parallelMap { file -> (MetricTable, Diagnostics) in
            var diagnostics = Diagnostics()
            let name = String(file.path.dropFirst(prefix).dropLast(4))
            guard let bytes = SiteFiles.bytes(of: file, into: &diagnostics) else {
                return (MetricTable(name: name, path: file.path, columns: [], dates: [], values: []), diagnostics)
            }
            var (table, found) = MetricTable.read(bytes: bytes, name: name, path: file.path)
            found.append(contentsOf: diagnostics)
            return (table, found)
        }
        var metrics: [String: MetricTable] = [:]
        for (table, found) in readTables {
            metrics[table.name] = table
            diagnostics.append(contentsOf: found)
        }
        csvFiles.forEach { touch($0.url) }

        // Goals.
        let goalFiles = files.files(under: "content/goals", into: &diagnostics).filter { $0.name.hasSuffix(".md") }
        goalFiles.forEach { touch($0.url) }
        let tables = metrics
        let readGoals = goalFiles.parallelMap { file -> (Goal?, Diagnostics) in
            var diagnostics = Diagnostics()
            guard let text = SiteFiles.text(of: file, into: &diagnostics) else { return (nil, diagnostics) }
            let reader = GoalReader(path: file.path, fileName: file.name, tables: tables)
            return (reader.read(text, into: &diagnostics), diagnostics)
        }
        var goals: [Goal] = []
        for (goal, found) in readGoals {
            diagnostics.append(contentsOf: found)
            if let goal { goals.append(goal) }
        }
        goals.sort { ($0.slug, $0.path) < ($1.slug, $1.path) }
        checkSlugs(goals, into: &diagnostics)
        checkParents(goals, into: &diagnostics)

        // Pages.
        let pageFiles = files.files(under: "content/pages", into: &diagnostics).filter { $0.name.hasSuffix(".md") }
        pageFiles.forEach { touch($0.url) }
        var pages: [Page] = []
        for file in pageFiles {
            guard let text = SiteFiles.text(of: file, into: &diagnostics),
                let page = Page.read(text, path: file.path, fileName: file.name, into: &diagnostics)
            else { continue }
            if let other = pages.first(where: { $0.slug == page.slug }) {
                diagnostics.error(
                    "two pages with the slug '\(page.slug)' (the other is \(other.path))",
                    at: SourceLocation(path: file.path))
                continue
            }
            pages.append(page)
        }
        pages.sort { $0.slug < $1.slug }

        // Templates and static files.
        var templates: [String: String] = [:]
        for file in files.files(under: "templates", into: &diagnostics) {
            touch(file.url)
            if let text = SiteFiles.text(of: file, into: &diagnostics) {
                templates[String(file.path.dropFirst("templates/".count))] = text
            }
        }
        let staticFiles = files.files(under: "static", into: &diagnostics)
        staticFiles.forEach { touch($0.url) }

        let site = Site(
            root: root, settings: settings, goals: goals, metrics: metrics, pages: pages,
            templates: templates, staticFiles: staticFiles, lastModified: newest)
        return (site, diagnostics)
    }

    /// §9: two goals with one slug are an error.
    private func checkSlugs(_ goals: [Goal], into diagnostics: inout Diagnostics) {
        for (previous, goal) in zip(goals, goals.dropFirst()) where previous.slug == goal.slug {
            diagnostics.error(
                "two goals with the slug '\(goal.slug)' (the other is \(previous.path))",
                at: goal.slugLocation)
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
