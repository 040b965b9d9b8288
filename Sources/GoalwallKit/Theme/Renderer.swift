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

    /// A page to render: where it goes, with which template, from which context.
    struct PageJob: Sendable {
        var path: String
        var template: String
        var context: @Sendable () -> [String: Any]
    }

    public func render(_ wall: Wall) -> [OutputFile] {
        var withCards = WallContexts(wall: wall, builtAt: builtAt)
        let theme = self.theme
        let base = withCards
        let cards = wall.goals.parallelMap { s in
            let html = theme.render(base.card(s, root: WallContexts.rootToken), with: "card")
            return (s.slug, html.split(separator: WallContexts.rootToken, omittingEmptySubsequences: false))
        }
        withCards.cardHTML = Dictionary(cards, uniquingKeysWith: { first, _ in first })
        let contexts = withCards
        var jobs: [PageJob] = []
        jobs.append(PageJob(path: "index.html", template: "wall") { contexts.wallPage(team: nil) })
        for team in wall.teams {
            jobs.append(
                PageJob(path: "teams/\(team.slug)/index.html", template: "wall") { contexts.wallPage(team: team) })
        }
        jobs.append(PageJob(path: "tree/index.html", template: "tree") { contexts.treePage() })
        jobs.append(PageJob(path: "v2mom/index.html", template: "v2mom") { contexts.v2momPage() })
        for standing in wall.goals {
            jobs.append(
                PageJob(path: "goals/\(standing.slug)/index.html", template: "goal") { contexts.goalPage(standing) })
        }
        for page in wall.pages {
            jobs.append(PageJob(path: "pages/\(page.slug)/index.html", template: "page") { contexts.freePage(page) })
        }
        for (index, screen) in contexts.kiosk.screens.enumerated() {
            jobs.append(PageJob(path: screen.path, template: "kiosk") { contexts.kioskPage(screen: index) })
        }
        // The header and footer partials differ only in the way back to the root: render
        // them once per depth of page, not once per page.
        var chrome: [String: (header: String, footer: String)] = [:]
        for path in jobs.map(\.path).sorted() {
            let root = WallContexts.root(of: path)
            guard chrome[root] == nil else { continue }
            let context = contexts.common(path: path, title: nil, refresh: false)
            chrome[root] = (theme.render(context, with: "header"), theme.render(context, with: "footer"))
        }
        let shared = chrome
        jobs = jobs.map { job in
            PageJob(path: job.path, template: job.template) {
                var context = job.context()
                if let parts = shared[WallContexts.root(of: job.path)] {
                    context["headerHTML"] = parts.header
                    context["footerHTML"] = parts.footer
                }
                return context
            }
        }
        let timed = ProcessInfo.processInfo.environment["GOALWALL_TIMINGS"] == "1"
        var files = jobs.parallelMap { job in
            let start = DispatchTime.now()
            let file = OutputFile(path: job.path, text: theme.render(job.context(), with: job.template))
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
            if timed, ms > 100 { FileHandle.standardError.write(Data("timing: page \(job.path) \(Int(ms)) ms\n".utf8)) }
            return file
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
