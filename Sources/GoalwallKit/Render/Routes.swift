/// Every path of the built site (§6), and the links between its pages. Links are relative
/// (`../../goals/cut-wait-time/index.html`), so the output works from any sub-path and
/// from file://; feed.xml and calendar.ics, read outside the site, use `base_url`.
enum Routes {
    static let wall = "index.html"
    static let tree = "tree/index.html"
    static let v2mom = "v2mom/index.html"
    static let kiosk = "kiosk/index.html"
    static let people = "people/index.html"
    static let tags = "tags/index.html"
    static let stylesheet = "style.css"
    static let goalsJSON = "goals.json"
    static let calendar = "calendar.ics"
    static let feed = "feed.xml"

    static func goal(_ slug: String) -> String { "goals/\(slug)/index.html" }
    /// The goal page's folder: `url` in goals.json, and the page feed entries and calendar
    /// events link to.
    static func goalFolder(_ slug: String) -> String { "goals/\(slug)/" }
    static func team(_ slug: String) -> String { "teams/\(slug)/index.html" }
    static func page(_ slug: String) -> String { "pages/\(slug)/index.html" }
    /// An owner's page; the slug is the owner's name made a slug (see `distinctSlugs`).
    static func person(_ slug: String) -> String { "people/\(slug)/index.html" }
    static func tag(_ slug: String) -> String { "tags/\(slug)/index.html" }

    /// A kiosk screen: the whole wall's (team nil) or a team's, page 1, 2, …
    static func kioskScreen(team: String?, page: Int) -> String {
        let folder = team.map { "kiosk/teams/\($0)/" } ?? "kiosk/"
        return folder + (page == 1 ? "" : "\(page)/") + "index.html"
    }

    /// The way back to the output root from a page at `path` ("", "../", "../../").
    static func root(from path: String) -> String {
        String(repeating: "../", count: path.count(where: { $0 == "/" }))
    }

    /// A link from the page at `here` to the file at `there` (both from the output root).
    static func link(from here: String, to there: String) -> String { root(from: here) + there }

    /// `base_url` joined with a path, when base_url is absolute (has a scheme); nil otherwise.
    static func absolute(base: String, path: String) -> String? {
        guard base.contains("://") else { return nil }
        return (base.hasSuffix("/") ? base : base + "/") + path
    }

    /// `base_url` as the prefix of links in feed.xml: always ending in "/".
    static func base(_ base: String) -> String { base.hasSuffix("/") ? base : base + "/" }
}
