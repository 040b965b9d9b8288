import Foundation

/// Makes the model of every page of one computed wall: which goals each page shows, in
/// which order, and how each figure reads. The models are plain values; the renderer
/// turns them into HTML through the theme.
struct WallPages: Sendable {
    let wall: Wall
    let site: SiteChrome
    /// When the site last changed, as the main wall and the first kiosk screen say it.
    let builtAt: String?
    let kiosk: KioskPlan
    private let bySlug: [String: Standing]
    private let children: [String: [String]]
    /// Each goal's place in wall order (see `ordered`).
    private let rank: [String: Int]
    /// Each wall's status strip (key: team slug, "" for the whole wall), counted once: a
    /// large wall has hundreds of kiosk screens.
    private let strips: [String: [StatusCount]]
    /// The kiosk's status strips and recent wins, by wall like `strips`: of the goals the
    /// kiosk may show (`kiosk: false`, `kiosk.teams` and `kiosk.tags` applied).
    private let kioskStrips: [String: [StatusCount]]
    private let kioskWins: [String: [Win]]

    init(wall: Wall, builtAt: Date?) {
        self.wall = wall
        site = SiteChrome(wall: wall)
        self.builtAt = builtAt.map(DisplayFormat.timestamp)
        var bySlug: [String: Standing] = [:]
        var children: [String: [String]] = [:]
        for standing in wall.goals {
            bySlug[standing.slug] = standing
            if let parent = standing.parent { children[parent, default: []].append(standing.slug) }
        }
        self.bySlug = bySlug
        self.children = children
        let order = wall.goals.indices.sorted { a, b in
            let (x, y) = (wall.goals[a], wall.goals[b])
            // A maintain goal without a due date runs on: after every dated goal.
            return (x.status.urgency, x.goal.due ?? .latest, x.slug) < (y.status.urgency, y.goal.due ?? .latest, y.slug)
        }
        var rank: [String: Int] = [:]
        for (place, index) in order.enumerated() { rank[wall.goals[index].slug] = place }
        self.rank = rank
        let settings = wall.settings.kiosk
        /// The goals of a wall (nil: all) the kiosk may show, dropped ones included.
        func onKiosk(_ team: Team?) -> [Standing] {
            let goals = team.map { $0.goals.compactMap { bySlug[$0] } } ?? wall.goals
            return goals.filter { $0.goal.onKiosk && settings.selects($0.goal) }
        }
        kiosk = KioskPlan(teams: wall.teams, settings: wall.settings) { [rank] team in
            onKiosk(team).filter { $0.status != .dropped && (settings.showAchieved || $0.status != .achieved) }
                .map(\.slug).sorted { rank[$0]! < rank[$1]! }
        }
        var strips = ["": StatusCount.strip(wall.goals.map(\.status))]
        for team in wall.teams { strips[team.slug] = StatusCount.strip(team.goals.compactMap { bySlug[$0]?.status }) }
        self.strips = strips
        var kioskStrips: [String: [StatusCount]] = [:]
        var kioskWins: [String: [Win]] = [:]
        for team in [nil] + wall.teams.map(Optional.some)
        where kiosk.screens.contains(where: { $0.team?.slug == team?.slug }) {
            let goals = onKiosk(team)
            kioskStrips[team?.slug ?? ""] = StatusCount.strip(goals.map(\.status))
            kioskWins[team?.slug ?? ""] = Win.recent(goals, asOf: wall.asOf, days: settings.winsDays)
        }
        self.kioskStrips = kioskStrips
        self.kioskWins = kioskWins
    }

    /// Cards in wall order: what needs attention first, then the nearest due date.
    func ordered(_ goals: [Standing]) -> [Standing] {
        let ranks = goals.map { rank[$0.slug]! }
        return goals.indices.sorted { ranks[$0] < ranks[$1] }.map { goals[$0] }
    }

    func standing(_ slug: String) -> Standing? { bySlug[slug] }

    /// The goals that serve `slug`, in slug order.
    func serving(_ slug: String) -> [Standing] { (children[slug] ?? []).compactMap { bySlug[$0] } }

    // MARK: Chrome

    /// The chrome of the page at `path`; walls and kiosk screens reload themselves.
    func chrome(
        path: String, title: String?, refreshes: Bool = false, refreshTarget: String? = nil, seconds: Int? = nil,
        theme: String? = nil
    ) -> PageChrome {
        let seconds = seconds ?? wall.settings.refreshSeconds
        var refresh: String?
        if refreshes, seconds > 0 { refresh = refreshTarget.map { "\(seconds); url=\($0)" } ?? "\(seconds)" }
        return PageChrome(site: site, path: path, title: title, refresh: refresh, theme: theme)
    }

    // MARK: Pages

    /// The main wall (team nil) or a team's wall; `card` places a goal's card on it.
    func wallPage(team: Team?, card: (Standing, String) -> GoalCard) -> (path: String, model: WallPage) {
        let path = team.map { Routes.team($0.slug) } ?? Routes.wall
        let root = Routes.root(from: path)
        let goals = team.map { $0.goals.compactMap { bySlug[$0] } } ?? wall.goals
        let model = WallPage(
            chrome: chrome(path: path, title: team?.name, refreshes: true),
            heading: team?.name ?? wall.settings.title,
            // Only the main wall and the first kiosk screen say when the site last changed,
            // so an edit does not change every page.
            builtAt: team == nil ? builtAt : nil,
            isTeam: team != nil,
            cards: ordered(goals.filter { $0.status != .dropped }).map { card($0, root) },
            dropped: ordered(goals.filter { $0.status == .dropped }).map { card($0, root) },
            counts: strips[team?.slug ?? ""] ?? [],
            goalCount: goals.count)
        return (path, model)
    }

    /// One kiosk screen. Dark by default on the office screen; `theme: light` keeps it light.
    func kioskPage(screen index: Int, card: (Standing, String) -> GoalCard) -> KioskPage {
        let screen = kiosk.screens[index]
        let root = Routes.root(from: screen.path)
        let wins = kioskWins[screen.team?.slug ?? ""] ?? []
        return KioskPage(
            chrome: chrome(
                path: screen.path, title: screen.team.map { "\($0.name) · Kiosk" } ?? "Kiosk", refreshes: true,
                refreshTarget: kiosk.next(after: index), seconds: kiosk.seconds,
                theme: wall.settings.theme == .light ? "light" : "dark"),
            heading: GoalCard.shortened(screen.team?.name ?? wall.settings.title, to: KioskPage.headingLength),
            builtAt: index == 0 ? builtAt : nil,
            cards: screen.goals.compactMap { bySlug[$0] }.map { card($0, root) },
            counts: kioskStrips[screen.team?.slug ?? ""] ?? [],
            pageOf: screen.pages > 1 ? "\(screen.page) / \(screen.pages)" : nil,
            columns: screen.columns, rows: screen.rows,
            wins: wins.prefix(KioskWin.shown).map(KioskWin.init), moreWins: max(0, wins.count - KioskWin.shown),
            winsDays: wall.settings.kiosk.winsDays)
    }

    /// tree/: vision → goals that serve nothing bigger → the goals that serve them.
    func treePage() -> TreePage {
        let path = Routes.tree
        func branch(_ s: Standing, depth: Int) -> TreeNode {
            let kids = depth < 32 ? serving(s.slug) : []
            return TreeNode(
                title: s.goal.title, url: Routes.link(from: path, to: Routes.goal(s.slug)),
                status: StatusBadge(s.status), children: kids.map { branch($0, depth: depth + 1) })
        }
        return TreePage(
            chrome: chrome(path: path, title: "How the goals fit together"),
            alignment: wall.goals.filter { $0.parent == nil }.map { branch($0, depth: 0) })
    }

    /// v2mom/, its rows already rendered.
    func v2momPage(methods: [V2MOMMethod], obstacles: [V2MOMObstacle], measures: [V2MOMMeasure]) -> V2MOMPage {
        V2MOMPage(
            chrome: chrome(path: Routes.v2mom, title: "V2MOM"), methods: methods, obstacles: obstacles,
            measures: measures)
    }

    /// The goals whose rows the V2MOM page shows, in the page's order.
    var v2momGoals: (methods: [Standing], obstacles: [Standing], measures: [Standing]) {
        let shown = wall.goals.filter { $0.status != .dropped }
        return (shown.filter { $0.parent == nil }, ordered(shown.filter(isObstacle)), shown)
    }

    /// V2MOM's Methods: a goal that serves nothing bigger, with the goals that serve it.
    func v2momMethod(_ top: Standing) -> V2MOMMethod {
        V2MOMMethod(
            title: top.goal.title, url: Routes.link(from: Routes.v2mom, to: Routes.goal(top.slug)),
            status: StatusBadge(top.status),
            children: serving(top.slug).filter { $0.status != .dropped }.map { GoalLink($0, from: Routes.v2mom) })
    }

    /// V2MOM's Obstacles: the goals that need help now.
    func isObstacle(_ s: Standing) -> Bool {
        s.status != .dropped && ([.offTrack, .atRisk, .missed, .noData].contains(s.status) || s.stale)
    }

    func v2momObstacle(_ s: Standing) -> V2MOMObstacle {
        var why: [String] = []
        if let behind = s.behind, behind > 0 {
            why.append("\(DisplayFormat.percent(behind)) of the way behind plan")
        }
        if s.status == .missed, let due = s.goal.due { why.append("missed its \(DisplayFormat.long(due)) deadline") }
        if s.status == .noData { why.append("no data yet") }
        if s.stale { why.append("no check-in for \(s.daysSinceCheckIn) days") }
        return V2MOMObstacle(
            title: s.goal.title, url: Routes.link(from: Routes.v2mom, to: Routes.goal(s.slug)),
            status: StatusBadge(s.status), why: why.joined(separator: "; "))
    }

    /// V2MOM's Measures: a goal's number, target, date and owner (`card` placed on v2mom/).
    func v2momMeasure(_ s: Standing, card: GoalCard) -> V2MOMMeasure {
        V2MOMMeasure(
            title: s.goal.title, url: card.url, status: card.status, current: card.current, target: card.target,
            due: s.goal.due.map(DisplayFormat.long) ?? "–", owner: s.goal.owner ?? "–",
            measure: s.goal.metricName ?? "tasks done")
    }

    /// goals/SLUG/: `card` is the goal's card placed on its page, `chart` its chart.
    func goalPage(_ s: Standing, card: GoalCard, chart: HTML?) -> GoalPage {
        let g = s.goal
        let path = Routes.goal(g.slug)
        let asOf = wall.asOf
        let kids = serving(g.slug)
        var figures: [Figure] = []
        func figure(_ label: String, _ value: String) { figures.append(Figure(label: label, value: value)) }
        let latest = s.currentDate.map { g.period == .day ? DisplayFormat.short($0) : g.shown(point: $0) }
        if g.isTaskGoal {
            figure("Tasks done", "\(s.tasksDone) of \(s.tasksTotal)")
            figure("Expected by now", DisplayFormat.percent(s.expected))
            figure("Progress", DisplayFormat.percent(s.progress))
        } else if g.isMaintain {
            if let keep = card.keepText { figure("Keep", keep.dropFirst("Keep ".count).description) }
            figure("Latest", g.shown(s.current) + (latest.map { " (\($0))" } ?? ""))
            let judged = s.record?.judged ?? 0
            figure(
                "Kept",
                judged == 0
                    ? "nothing judged yet" : "\(s.record!.met) of \(judged) (\(DisplayFormat.percent(s.progress)))")
            figure("Hold", "\(DisplayFormat.percent(g.hold)) of the periods judged")
            figure("Tolerance", "a miss of up to \(g.shown(s.tolerance * abs(s.target ?? 0))) is at risk")
        } else {
            figure("Baseline", baselineWords(s))
            figure("Target", targetWords(s))
            figure("Current", g.shown(s.current) + (latest.map { " (\($0))" } ?? ""))
            figure("Expected by now", g.shown(s.expected))
            figure("Forecast at due", g.shown(s.forecast))
            figure("Forecast reaches target", s.forecastDate.map(DisplayFormat.long) ?? "–")
            if let direction = s.direction {
                figure("Direction", direction == .up ? "higher is better" : "lower is better")
            }
            figure("Progress", DisplayFormat.percent(s.progress))
        }
        if let behind = s.behind {
            figure(behind > 0 ? "Behind plan" : "Ahead of plan", DisplayFormat.percent(abs(behind)) + " of the way")
        }
        let milestones = s.milestones.map { m in
            MilestoneRow(
                date: m.milestone.date.description, dateLong: DisplayFormat.long(m.milestone.date),
                target: g.isTaskGoal
                    ? (m.target.map(DisplayFormat.number) ?? "–")
                    : g.shown(m.target),
                state: m.met.map { $0 ? "met" : "missed" } ?? (m.milestone.date > asOf ? "upcoming" : "no data"),
                inPlan: m.milestone.isInPlan, note: m.milestone.note)
        }
        let lint = GoalLint(s, asOf: asOf, hasChildren: !kids.isEmpty)
        let judged = (s.record?.periods ?? []).suffix(366).reversed().map { period in
            JudgedRow(
                period: g.period == .day ? DisplayFormat.short(period.date) : g.shown(point: period.date),
                value: g.shown(period.value), kept: period.met)
        }
        let detail = GoalDetail(
            card: card, start: g.start.description, startLong: DisplayFormat.long(g.start),
            dueLong: g.due.map(DisplayFormat.long), bodyHTML: HTML(g.body.html), chartSVG: chart, tags: g.tags,
            review: g.review, metric: g.metric?.name, metricLabel: g.metric?.label,
            rollup: g.metric.map { _ in g.rollup.rawValue }, period: g.metric.map { _ in g.period.rawValue },
            figures: figures, milestones: milestones,
            judged: Array(judged.prefix(GoalDetail.recentJudged)),
            earlierJudged: Array(judged.dropFirst(GoalDetail.recentJudged)),
            checkIns: s.checkIns.reversed().map {
                CheckInRow(
                    date: $0.date.description, dateLong: DisplayFormat.long($0.date), title: $0.title,
                    html: HTML($0.html))
            },
            lastCheckIn: s.lastCheckIn.map(DisplayFormat.long) ?? "none yet",
            tasksDone: s.tasksDone, tasksTotal: s.tasksTotal,
            parent: s.parent.flatMap { bySlug[$0] }.map {
                PageLink(title: $0.goal.title, url: Routes.link(from: path, to: Routes.goal($0.slug)))
            },
            children: kids.map { GoalLink($0, from: path) },
            smart: lint.smart.map(LintLetter.init), fast: lint.fast.map(LintLetter.init))
        return GoalPage(chrome: chrome(path: path, title: g.title), goal: detail)
    }

    /// The baseline as a team reads it, with where it came from when it is a window's mean
    /// (§10): "8:00, the mean of 1 Oct–31 Dec 2025".
    func baselineWords(_ s: Standing) -> String {
        let g = s.goal
        guard case .window(let from, let to) = g.baseline else { return g.shown(s.baseline) }
        let window = DisplayFormat.range(from, to)
        guard let baseline = s.baseline else { return "– (no value from \(window))" }
        return "\(g.shown(baseline)), the mean of \(window)"
    }

    /// The target as a team reads it, worked out when it is relative (§10): "−50% of the
    /// 8:00 baseline = 4:00".
    func targetWords(_ s: Standing) -> String {
        let g = s.goal
        guard case .relative(let percent) = g.target else { return g.shown(s.target) }
        let change = (percent >= 0 ? "+" : "") + DisplayFormat.number(percent) + "%"
        guard let baseline = s.baseline else { return "\(change) of the baseline (no baseline yet)" }
        return "\(change) of the \(g.shown(baseline)) baseline = \(g.shown(s.target))"
    }

    /// A goal's chart on its page: wide and narrow versions, or the bar of its tasks.
    static func goalChart(_ s: Standing, asOf: Day) -> HTML? {
        if s.goal.isTaskGoal { return TaskBar(standing: s, width: 800, height: 36).svg().map(HTML.init) }
        guard let wide = GoalChart(standing: s, asOf: asOf).svg(),
            let narrow = GoalChart(standing: s, asOf: asOf, layout: .narrow).svg()
        else { return nil }
        return HTML(wide + narrow)
    }

    /// pages/SLUG/.
    func textPage(_ page: Page) -> TextPage {
        TextPage(
            chrome: chrome(path: Routes.page(page.slug), title: page.title),
            page: TextPageBody(
                title: page.title, bodyHTML: HTML(page.body.html), hasHeading: page.body.firstHeading != nil))
    }
}
