/// What every page shares: the site's title, vision and values, the as-of date, the links
/// of the header and footer (relative to the page), and the rendered header and footer.
/// Every page model offers these keys besides its own.
struct PageChrome: TemplateModel {
    var site: SiteChrome
    /// The way back to the output root from this page ("", "../../").
    var root: String
    var pageTitle: String
    /// `theme-…` class of the page: goalwall.yml's, or dark on the kiosk.
    var theme: String
    /// `<meta http-equiv="refresh">` content ("300", "30; url=../kiosk/2/index.html").
    var refresh: String?
    var headerHTML: HTML?
    var footerHTML: HTML?
    /// The main wall, whose heading is the site's title in the header.
    var isHome: Bool

    /// The chrome of the page at `path`, titled `title` (nil: the site's title alone).
    init(site: SiteChrome, path: String, title: String?, refresh: String? = nil, theme: String? = nil) {
        self.site = site
        root = Routes.root(from: path)
        isHome = path == Routes.wall
        pageTitle = title.map { "\($0) · \(site.title)" } ?? site.title
        self.theme = theme ?? site.theme
        self.refresh = refresh
    }

    static let template = TemplateKeys<PageChrome>(
        "Keys every page offers (and the header and footer partials read).",
        keys: [
            .text("lang", "The page's language: goalwall.yml's `language` (BCP 47), `en` by default.") { _ in
                Language.current.tag
            },
            .text("siteTitle", "goalwall.yml's `title`.") { $0.site.title },
            .flag("isHome", "Whether this is the main wall (the header's title is its heading).") { $0.isHome },
            .text("pageTitle", "The `<title>`: the page's title and the site's.") { $0.pageTitle },
            .text("vision", "goalwall.yml's `vision`.", optional: { $0.site.vision }),
            .texts("values", "goalwall.yml's `values`.") { $0.site.values },
            .flag("hasValues", "Whether there are values.") { !$0.site.values.isEmpty },
            .text("asOf", "The as-of date, `YYYY-MM-DD`.") { $0.site.asOf },
            .text("asOfLong", "The as-of date in words: \"2 March 2026\".") { $0.site.asOfLong },
            .text("root", "The way back to the output root: \"\", \"../\", \"../../\".") { $0.root },
            .text("stylesheet", "style.css, relative to this page.") { $0.root + Routes.stylesheet },
            .text("theme", "The colour scheme: auto, dark or light (the kiosk is dark unless light).") { $0.theme },
            .text("home", "The main wall.") { $0.root + Routes.wall },
            .text("kiosk", "The kiosk's first screen.") { $0.root + Routes.kiosk },
            .text("tree", "The alignment tree page.") { $0.root + Routes.tree },
            .text("v2mom", "The V2MOM page.") { $0.root + Routes.v2mom },
            .text("peopleIndex", "The people page (people/): every owner, each linked to their goals.") {
                $0.root + Routes.people
            },
            .text("tagIndex", "The tags page (tags/): every tag, each linked to its goals.") { $0.root + Routes.tags },
            .text("feed", "feed.xml.") { $0.root + Routes.feed },
            .text("calendar", "calendar.ics.") { $0.root + Routes.calendar },
            .text("goalsJSON", "goals.json.") { $0.root + Routes.goalsJSON },
            .models("teams", "Every team's wall, by team slug.") { chrome in
                chrome.site.teams.map { TeamLink(name: $0.name, url: chrome.root + Routes.team($0.slug)) }
            },
            .models("pages", "Every free page, by slug.") { chrome in
                chrome.site.pages.map { PageLink(title: $0.title, url: chrome.root + Routes.page($0.slug)) }
            },
            .text(
                "refresh", "Seconds before the page reloads (and where to), for a meta refresh.",
                optional: { $0.refresh }),
            .html("headerHTML", "The header partial, rendered for this page.", optional: { $0.headerHTML }),
            .html("footerHTML", "The footer partial, rendered for this page.", optional: { $0.footerHTML }),
        ])
}

/// The parts of the chrome that are the same on every page. Compared by a digest taken
/// once, so hashing a page does not hash every team's name again.
struct SiteChrome: Hashable, Sendable {
    let title: String
    let vision: String?
    let values: [String]
    let asOf: String
    let asOfLong: String
    let theme: String
    let teams: [(slug: String, name: String)]
    let pages: [(slug: String, title: String)]
    private let digest: Int

    init(wall: Wall) {
        let settings = wall.settings
        title = settings.title
        vision = settings.vision
        values = settings.values
        asOf = wall.asOf.description
        asOfLong = DisplayFormat.long(wall.asOf)
        theme = settings.theme.rawValue
        teams = wall.teams.map { ($0.slug, $0.name) }
        pages = wall.pages.map { ($0.slug, $0.title) }
        var hasher = Hasher()
        hasher.combine(title)
        hasher.combine(vision)
        hasher.combine(values)
        hasher.combine(asOf)
        hasher.combine(theme)
        for team in teams { hasher.combine([team.slug, team.name]) }
        hasher.combine(-1)
        for page in pages { hasher.combine([page.slug, page.title]) }
        digest = hasher.finalize()
    }

    static func == (a: SiteChrome, b: SiteChrome) -> Bool { a.digest == b.digest }
    func hash(into hasher: inout Hasher) { hasher.combine(digest) }
}
