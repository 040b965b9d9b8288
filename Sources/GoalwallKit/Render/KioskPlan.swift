/// The kiosk's screens (§6, issue 5): the whole wall, then each team's wall when
/// rotate_seconds > 0, each split into pages of `goalsPerScreen` cards, chained in a
/// circle by `<meta http-equiv="refresh">` — no script.
struct KioskPlan: Sendable {
    /// One full screen of cards.
    struct Screen: Sendable {
        var path: String
        var team: Team?
        /// Slugs of the goals on this screen, in wall order.
        var goals: [String]
        /// 1-based, within its wall.
        var page: Int
        var pages: Int
    }

    /// Three columns by two rows keeps titles at two lines and every value legible from
    /// across the room at 1080p and 4K alike.
    static let goalsPerScreen = 6
    /// How long a screen stays when a wall has several pages and rotate_seconds is 0.
    static let defaultPageSeconds = 30

    let screens: [Screen]
    /// Seconds before the next screen, or before a single screen reloads itself.
    let seconds: Int

    /// - Parameter ordered: the goals of a wall (all goals, or a team's) in wall order.
    init(teams: [Team], settings: SiteSettings, ordered: (Team?) -> [String]) {
        var screens: [Screen] = []
        func add(_ team: Team?) {
            let goals = ordered(team)
            let pages = max(1, (goals.count + Self.goalsPerScreen - 1) / Self.goalsPerScreen)
            for page in 1...pages {
                let slice = goals.dropFirst((page - 1) * Self.goalsPerScreen).prefix(Self.goalsPerScreen)
                let path = Routes.kioskScreen(team: team?.slug, page: page)
                screens.append(Screen(path: path, team: team, goals: Array(slice), page: page, pages: pages))
            }
        }
        add(nil)
        if settings.rotateSeconds > 0 {
            for team in teams { add(team) }
        }
        self.screens = screens
        if settings.rotateSeconds > 0 {
            seconds = settings.rotateSeconds
        } else if screens.count > 1 {
            seconds = Self.defaultPageSeconds
        } else {
            seconds = settings.refreshSeconds
        }
    }

    /// The screen after `index`, as a link from screen `index`; nil when there is only one.
    func next(after index: Int) -> String? {
        guard screens.count > 1 else { return nil }
        let here = screens[index].path
        let there = screens[(index + 1) % screens.count].path
        return Routes.link(from: here, to: there)
    }
}
