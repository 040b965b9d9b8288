/// The kiosk's screens (§6, issues 5 and 14): the whole wall, then each team's wall when
/// rotate_seconds > 0, each split into screens of at most `kiosk.goals_per_screen` cards,
/// chained in a circle by `<meta http-equiv="refresh">` — no script.
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
        /// The grid the cards fill: fewer cards, larger cards.
        var columns: Int
        var rows: Int
    }

    /// How long a screen stays when a wall has several screens, `kiosk.seconds_per_screen`
    /// is not set and rotate_seconds is 0.
    static let defaultPageSeconds = 30

    let screens: [Screen]
    /// Seconds before the next screen, or before a single screen reloads itself.
    let seconds: Int

    /// - Parameter ordered: the goals the kiosk shows of a wall (all goals, or a team's),
    ///   in wall order.
    init(teams: [Team], settings: SiteSettings, ordered: (Team?) -> [String]) {
        var screens: [Screen] = []
        func add(_ team: Team?) {
            let goals = ordered(team)
            // A team the kiosk shows nothing of gets no screen; the whole wall always has one.
            if team != nil, goals.isEmpty { return }
            let sizes = Self.screenSizes(goals.count, perScreen: settings.kiosk.goalsPerScreen)
            var start = 0
            for (index, size) in sizes.enumerated() {
                let grid = Self.grid(size)
                screens.append(
                    Screen(
                        path: Routes.kioskScreen(team: team?.slug, page: index + 1), team: team,
                        goals: Array(goals[start..<start + size]), page: index + 1, pages: sizes.count,
                        columns: grid.columns, rows: grid.rows))
                start += size
            }
        }
        add(nil)
        if settings.rotateSeconds > 0 {
            for team in teams { add(team) }
        }
        self.screens = screens
        if screens.count > 1 {
            seconds =
                settings.kiosk.secondsPerScreen
                ?? (settings.rotateSeconds > 0 ? settings.rotateSeconds : Self.defaultPageSeconds)
        } else {
            seconds = settings.refreshSeconds
        }
    }

    /// How many cards each screen of a wall holds: as few screens as `perScreen` allows,
    /// the cards shared out evenly (7 at 6 a screen are 4 + 3, not 6 + 1), the first
    /// screens taking one more. One empty screen for no cards.
    static func screenSizes(_ count: Int, perScreen: Int) -> [Int] {
        let per = max(1, perScreen)
        guard count > 0 else { return [0] }
        let screens = (count + per - 1) / per
        let (base, extra) = count.quotientAndRemainder(dividingBy: screens)
        return (0..<screens).map { $0 < extra ? base + 1 : base }
    }

    /// The grid for `count` cards on a 16:9 screen: one row up to three cards, then two.
    static func grid(_ count: Int) -> (columns: Int, rows: Int) {
        switch count {
        case ...1: (1, 1)
        case 2: (2, 1)
        case 3: (3, 1)
        case 4: (2, 2)
        case 5, 6: (3, 2)
        default: ((count + 1) / 2, 2)
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
