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

    /// A page to render: where it goes, with which template, from which context. A page with
    /// a key is rendered again only when its key changes (see `RenderCache`).
    struct PageJob: Sendable {
        var path: String
        var template: String
        var key: Int?
        var context: @Sendable () -> [String: Any]
    }

    public func render(_ wall: Wall, cache: RenderCache? = nil) -> [OutputFile] {
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
        for team in wall.teams { chrome.combine([team.slug, team.name]) }
        for page in wall.pages { chrome.combine([page.slug, page.title]) }
        let chromeKey = chrome.finalize()

        // Cards (and their charts) are drawn once per goal and shown on every wall.
        let cachedCards = cache?.cards ?? [:]
        let tolerance = wall.settings.tolerance
        let cardKeys = wall.goals.map { s -> Int in
            var key = Hasher()
            key.combine(sharedKey)
            key.combine(s.inputs)
            return key.finalize()
        }
        let charts = Array(zip(wall.goals, cardKeys)).parallelMap { pair -> (bullet: String?, sparkline: String?) in
            let (s, key) = pair
            if let hit = cachedCards[s.slug], hit.key == key { return hit.charts }
            return WallContexts.cardCharts(s, tolerance: tolerance)
        }
        var contexts = WallContexts(
            wall: wall, builtAt: builtAt,
            cardCharts: Dictionary(zip(wall.goals.map(\.slug), charts), uniquingKeysWith: { first, _ in first }))
        let base = contexts
        let cards = Array(zip(wall.goals, cardKeys)).parallelMap { pair -> RenderCache.Card in
            let (s, key) = pair
            if let hit = cachedCards[s.slug], hit.key == key { return hit }
            let html = theme.render(base.card(s, root: WallContexts.rootToken), with: "card")
            return RenderCache.Card(
                key: key, charts: base.cardCharts[s.slug]!,
                parts: html.split(separator: WallContexts.rootToken, omittingEmptySubsequences: false))
        }
        contexts.cardHTML = Dictionary(zip(wall.goals.map(\.slug), cards.map(\.parts)), uniquingKeysWith: { a, _ in a })
        let pageContexts = contexts
        var jobs: [PageJob] = []
        jobs.append(PageJob(path: "index.html", template: "wall") { pageContexts.wallPage(team: nil) })
        for team in wall.teams {
            jobs.append(
                PageJob(path: "teams/\(team.slug)/index.html", template: "wall") { pageContexts.wallPage(team: team) })
        }
        jobs.append(PageJob(path: "tree/index.html", template: "tree") { pageContexts.treePage() })
        jobs.append(PageJob(path: "v2mom/index.html", template: "v2mom") { pageContexts.v2momPage() })
        for standing in wall.goals {
            jobs.append(
                PageJob(
                    path: "goals/\(standing.slug)/index.html", template: "goal",
                    key: pageContexts.goalPageKey(standing, chrome: chromeKey)
                ) { pageContexts.goalPage(standing) })
        }
        for page in wall.pages {
            var key = Hasher()
            key.combine(chromeKey)
            key.combine([page.title, page.body.html, page.path])
            key.combine(page.body.firstHeading != nil)
            jobs.append(
                PageJob(path: "pages/\(page.slug)/index.html", template: "page", key: key.finalize()) {
                    pageContexts.freePage(page)
                })
        }
        for (index, screen) in pageContexts.kiosk.screens.enumerated() {
            jobs.append(PageJob(path: screen.path, template: "kiosk") { pageContexts.kioskPage(screen: index) })
        }
        // The header and footer partials differ only in the way back to the root: render
        // them once per depth of page, not once per page.
        var chromeHTML: [String: (header: String, footer: String)] = [:]
        for path in jobs.map(\.path).sorted() {
            let root = WallContexts.root(of: path)
            guard chromeHTML[root] == nil else { continue }
            let context = pageContexts.common(path: path, title: nil, refresh: false)
            chromeHTML[root] = (theme.render(context, with: "header"), theme.render(context, with: "footer"))
        }
        let parts = chromeHTML
        jobs = jobs.map { job in
            PageJob(path: job.path, template: job.template, key: job.key) {
                var context = job.context()
                if let parts = parts[WallContexts.root(of: job.path)] {
                    context["headerHTML"] = parts.header
                    context["footerHTML"] = parts.footer
                }
                return context
            }
        }
        let cachedPages = cache?.pages ?? [:]
        let timed = ProcessInfo.processInfo.environment["GOALWALL_TIMINGS"] == "1"
        var files = jobs.parallelMap { job in
            if let key = job.key, let hit = cachedPages[job.path], hit.key == key {
                return OutputFile(path: job.path, text: hit.text)
            }
            let start = DispatchTime.now()
            let file = OutputFile(path: job.path, text: theme.render(job.context(), with: job.template))
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
            if timed, ms > 100 { FileHandle.standardError.write(Data("timing: page \(job.path) \(Int(ms)) ms\n".utf8)) }
            return file
        }
        if let cache {
            cache.cards = Dictionary(zip(wall.goals.map(\.slug), cards), uniquingKeysWith: { a, _ in a })
            var pages: [String: (key: Int, text: String)] = [:]
            for (job, file) in zip(jobs, files) {
                if let key = job.key, let text = file.text { pages[job.path] = (key, text) }
            }
            cache.pages = pages
        }
        for (name, text) in theme.assets.sorted(by: { $0.key < $1.key }) {
            files.append(OutputFile(path: name, text: text))
        }
        files.append(OutputFile(path: "goals.json", text: GoalsJSON(wall: wall).render()))
        files.append(OutputFile(path: "calendar.ics", text: CalendarFile(wall: wall).render()))
        files.append(OutputFile(path: "feed.xml", text: FeedFile(wall: wall).render()))
        return files
    }
}

/// Pages and cards from the builds before, each with the key of what it was made from, so a
/// rebuild renders only what an edit changed (`goalwall serve`).
public final class RenderCache: @unchecked Sendable {
    struct Card: Sendable {
        var key: Int
        var charts: (bullet: String?, sparkline: String?)
        /// The card's HTML around the places its links need the path to the root.
        var parts: [Substring]
    }
    var cards: [String: Card] = [:]
    var pages: [String: (key: Int, text: String)] = [:]

    public init() {}
}
