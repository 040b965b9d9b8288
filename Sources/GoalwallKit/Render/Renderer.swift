import Foundation

/// Turns the computed wall into the files of the site (§6): HTML pages through the theme's
/// templates, and goals.json, calendar.ics and feed.xml. Each page's context is plain data
/// built once; pages render in parallel.
public struct Renderer: Sendable {
    let theme: Theme
    /// The build time shown on pages (SOURCE_DATE_EPOCH, or when an input last changed).
    let builtAt: Date?

    public init(theme: Theme, builtAt: Date?) {
        self.theme = theme
        self.builtAt = builtAt
    }

    /// A file to make: where it goes, what makes it (for timings), and how. A file with a
    /// key is made again only when its key changes (see `RenderCache`).
    struct Job: Sendable {
        var path: String
        var label: String
        var key: Int?
        var make: @Sendable () -> String
    }

    public func render(_ wall: Wall, cache: RenderCache? = nil) -> [OutputFile] {
        var clock = StageClock()
        let theme = self.theme
        // What every page shares: the theme, the settings, as-of; and for the header, the
        // teams and pages it links to.
        var shared = Hasher()
        shared.combine(theme.fingerprint)
        shared.combine(wall.settings)
        shared.combine(wall.asOf)
        let sharedKey = shared.finalize()
        var chrome = Hasher()
        chrome.combine(sharedKey)
        chrome.combine(wall.teams.map { [$0.slug, $0.name] })
        chrome.combine(wall.pages.map { [$0.slug, $0.title] })
        let chromeKey = chrome.finalize()

        // Each goal's card, its charts, and its pieces of goals.json, calendar.ics and
        // feed.xml are made once per goal (and reused while the goal is unchanged).
        let cached = cache?.goals ?? [:]
        let slugs = wall.goals.map(\.slug)
        let cardKeys = wall.goals.map { s -> Int in
            var key = Hasher()
            key.combine(sharedKey)
            key.combine(s.inputs)
            return key.finalize()
        }
        let tolerance = wall.settings.tolerance
        let charts = Array(zip(wall.goals, cardKeys)).parallelMap { pair -> (bullet: String?, sparkline: String?) in
            let (s, key) = pair
            if let hit = cached[s.slug], hit.key == key { return hit.charts }
            return WallContexts.cardCharts(s, tolerance: tolerance)
        }
        let cardContexts = cache?.cardContexts ?? CardContexts()
        cardContexts.keep(only: Set(slugs))
        var contexts = WallContexts(
            wall: wall, builtAt: builtAt,
            cardCharts: Dictionary(zip(slugs, charts), uniquingKeysWith: { first, _ in first }),
            cardKeys: Dictionary(zip(slugs, cardKeys), uniquingKeysWith: { first, _ in first }),
            cardContexts: cardContexts)
        let base = contexts
        let (json, calendar, feed) = (GoalsJSON(wall: wall), CalendarFile(wall: wall), FeedFile(wall: wall))
        let pieces = Array(zip(wall.goals, cardKeys)).parallelMap { pair -> RenderCache.GoalPieces in
            let (s, key) = pair
            if let hit = cached[s.slug], hit.key == key { return hit }
            let html = theme.render(base.card(s, root: WallContexts.rootToken), with: "card")
            let shown = s.status != .dropped
            return RenderCache.GoalPieces(
                key: key, charts: base.cardCharts[s.slug]!,
                card: html.split(separator: WallContexts.rootToken, omittingEmptySubsequences: false),
                json: json.entry(s), calendar: calendar.events(s), feed: feed.entries(s),
                measureRow: shown
                    ? theme.render(base.v2momMeasure(s, card: base.card(s, root: "../")), with: "v2mom-measure") : nil,
                obstacleRow: base.isObstacle(s) ? theme.render(base.v2momObstacle(s), with: "v2mom-obstacle") : nil)
        }
        contexts.cardHTML = Dictionary(zip(slugs, pieces.map(\.card)), uniquingKeysWith: { a, _ in a })
        // A method item on the V2MOM page shows its goal and the goals serving it.
        let keyOfCard = Dictionary(zip(slugs, cardKeys), uniquingKeysWith: { first, _ in first })
        let cachedMethods = cache?.methods ?? [:]
        let methods = wall.goals.filter { $0.parent == nil && $0.status != .dropped }.parallelMap {
            top -> (slug: String, key: Int, html: String) in
            var key = Hasher()
            for slug in base.v2momMethodGoals(top) {
                key.combine(slug)
                key.combine(keyOfCard[slug])
            }
            let methodKey = key.finalize()
            if let hit = cachedMethods[top.slug], hit.key == methodKey { return (top.slug, methodKey, hit.html) }
            return (top.slug, methodKey, theme.render(base.v2momMethod(top), with: "v2mom-method"))
        }
        let methodHTML = Dictionary(methods.map { ($0.slug, $0.html) }, uniquingKeysWith: { a, _ in a })
        for (s, piece) in zip(wall.goals, pieces) {
            contexts.v2momRows[s.slug] = (methodHTML[s.slug], piece.obstacleRow, piece.measureRow)
        }
        clock.lap("  cards")

        let pages = contexts
        // The header and footer partials differ only in the way back to the root: rendered
        // once per depth of page, not once per page.
        let chromeHTML = Self.chrome(
            pages, theme: theme,
            paths: ["index.html", "tree/index.html", "kiosk/index.html"] + pages.kiosk.screens.map(\.path))
        func page(
            _ path: String, _ template: String, key: Int? = nil, _ context: @escaping @Sendable () -> [String: Any]
        ) -> Job {
            Job(path: path, label: template, key: key) {
                var context = context()
                if let parts = chromeHTML[WallContexts.root(of: path)] {
                    context["headerHTML"] = parts.header
                    context["footerHTML"] = parts.footer
                }
                return theme.render(context, with: template)
            }
        }
        // The longest jobs first, so the others fill the other cores around them.
        var jobs: [Job] = [
            page("v2mom/index.html", "v2mom") { pages.v2momPage() },
            page("tree/index.html", "tree") { pages.treePage() },
            page("index.html", "wall") { pages.wallPage(team: nil) },
            Job(path: "goals.json", label: "goals.json") { json.render(entries: pieces.map(\.json)) },
            Job(path: "calendar.ics", label: "calendar.ics") { calendar.render(events: pieces.map(\.calendar)) },
            Job(path: "feed.xml", label: "feed.xml") { feed.render(entries: pieces.map(\.feed)) },
        ]
        for team in wall.teams {
            let key = pages.teamWallKey(team, chrome: chromeKey, cardKeys: keyOfCard)
            jobs.append(page("teams/\(team.slug)/index.html", "wall", key: key) { pages.wallPage(team: team) })
        }
        for (index, screen) in pages.kiosk.screens.enumerated() {
            let key = pages.kioskScreenKey(index, chrome: chromeKey, cardKeys: keyOfCard)
            jobs.append(page(screen.path, "kiosk", key: key) { pages.kioskPage(screen: index) })
        }
        for standing in wall.goals {
            let key = pages.goalPageKey(standing, chrome: chromeKey)
            jobs.append(page("goals/\(standing.slug)/index.html", "goal", key: key) { pages.goalPage(standing) })
        }
        for free in wall.pages {
            var key = Hasher()
            key.combine(chromeKey)
            key.combine([free.title, free.body.html, free.path])
            key.combine(free.body.firstHeading != nil)
            jobs.append(page("pages/\(free.slug)/index.html", "page", key: key.finalize()) { pages.freePage(free) })
        }
        clock.lap("  contexts")

        let cachedFiles = cache?.files ?? [:]
        let made = jobs.parallelMap { job -> (text: String, ms: Double) in
            if let key = job.key, let hit = cachedFiles[job.path], hit.key == key { return (hit.text, 0) }
            let start = DispatchTime.now().uptimeNanoseconds
            let text = job.make()
            return (text, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        clock.lap("  pages")
        clock.tally(zip(jobs, made).filter { $0.1.ms > 0 }.map { ($0.0.label, $0.1.ms) })
        if let cache {
            cache.goals = Dictionary(zip(slugs, pieces), uniquingKeysWith: { a, _ in a })
            cache.cardContexts = cardContexts
            cache.methods = Dictionary(methods.map { ($0.slug, ($0.key, $0.html)) }, uniquingKeysWith: { a, _ in a })
            var files: [String: (key: Int, text: String)] = [:]
            for (job, file) in zip(jobs, made) {
                if let key = job.key { files[job.path] = (key, file.text) }
            }
            cache.files = files
        }
        return zip(jobs, made).map { OutputFile(path: $0.0.path, text: $0.1.text) }
    }

    /// The header and footer for each depth of page among `paths` (and every depth a goal,
    /// team or free page has).
    private static func chrome(
        _ pages: WallContexts, theme: Theme, paths: [String]
    ) -> [String: (header: String, footer: String)] {
        var chrome: [String: (header: String, footer: String)] = [:]
        for path in (paths + ["goals/x/index.html"]).sorted() {
            let root = WallContexts.root(of: path)
            guard chrome[root] == nil else { continue }
            let context = pages.common(path: path, title: nil, refresh: false)
            chrome[root] = (theme.render(context, with: "header"), theme.render(context, with: "footer"))
        }
        return chrome
    }
}

/// What the builds before made, each with the key of what it was made from, so a rebuild
/// makes only what an edit changed (`goalwall serve`).
public final class RenderCache: @unchecked Sendable {
    /// One goal's card and its pieces of the shared files.
    struct GoalPieces: Sendable {
        var key: Int
        var charts: (bullet: String?, sparkline: String?)
        /// The card's HTML around the places its links need the path to the root.
        var card: [Substring]
        var json: String
        var calendar: [String]
        var feed: [FeedFile.Entry]
        /// Its rows on the V2MOM page (nil where it has none).
        var measureRow: String?
        var obstacleRow: String?
    }
    var goals: [String: GoalPieces] = [:]
    var cardContexts = CardContexts()
    /// V2MOM method items by top goal, keyed by the cards of the goals they show.
    var methods: [String: (key: Int, html: String)] = [:]
    /// Pages with a key, by path.
    var files: [String: (key: Int, text: String)] = [:]

    public init() {}
}
