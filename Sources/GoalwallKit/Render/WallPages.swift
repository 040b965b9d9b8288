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
    /// Each goal's place in `wall.goals` (a Standing is over a kilobyte: 10,000 copies
    /// of them would be held through the render).
    private let bySlug: [String: Int]
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
        var bySlug: [String: Int] = [:]
        var children: [String: [String]] = [:]
        for (index, standing) in wall.goals.enumerated() {
            bySlug[standing.slug] = index
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
            let goals = team.map { $0.goals.compactMap { bySlug[$0].map { wall.goals[$0] } } } ?? wall.goals
            return goals.filter { $0.goal.onKiosk && settings.selects($0.goal) }
        }
        kiosk = KioskPlan(teams: wall.teams, settings: wall.settings) { [rank] team in
            onKiosk(team).filter { $0.status != .dropped && (settings.showAchieved || $0.status != .achieved) }
                .map(\.slug).sorted { rank[$0]! < rank[$1]! }
        }
        var strips = ["": StatusCount.strip(wall.goals.map(\.status))]
        for team in wall.teams {
            strips[team.slug] = StatusCount.strip(team.goals.compactMap { bySlug[$0].map { wall.goals[$0].status } })
        }
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

    func standing(_ slug: String) -> Standing? { bySlug[slug].map { wall.goals[$0] } }

    /// The goals that serve `slug`, in slug order.
    func serving(_ slug: String) -> [Standing] { (children[slug] ?? []).compactMap { standing($0) } }

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
        let goals = team.map { $0.goals.compactMap { standing($0) } } ?? wall.goals
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
                path: screen.path, title: screen.team.map { "\($0.name) · \(say("kiosk"))" } ?? say("kiosk"),
                refreshes: true,
                refreshTarget: kiosk.next(after: index), seconds: kiosk.seconds,
                theme: wall.settings.theme == .light ? "light" : "dark"),
            heading: GoalCard.shortened(screen.team?.name ?? wall.settings.title, to: KioskPage.headingLength),
            builtAt: index == 0 ? builtAt : nil,
            cards: screen.goals.compactMap { standing($0) }.map { card($0, root) },
            counts: kioskStrips[screen.team?.slug ?? ""] ?? [],
            pageOf: screen.pages > 1 ? "\(screen.page) / \(screen.pages)" : nil,
            columns: screen.columns, rows: screen.rows,
            wins: wins.prefix(KioskWin.shown).map(KioskWin.init), moreWins: max(0, wins.count - KioskWin.shown),
            winsDays: wall.settings.kiosk.winsDays)
    }

    /// tree/: vision → goals that serve nothing bigger → the goals that serve them, at
    /// every level.
    func treePage() -> TreePage {
        let path = Routes.tree
        return TreePage(
            chrome: chrome(path: path, title: say("treeHeading")),
            alignment: wall.goals.filter { $0.parent == nil }.compactMap {
                branch($0, from: path, keeping: { _ in true })
            })
    }

    /// Levels of the tree shown nested; deeper goals are listed flat under the goal at the
    /// last level, so none goes missing (and no page nests without end).
    static let treeDepth = 32

    /// A goal with the goals that serve it, at every level, linked from the page at `page`.
    /// Only goals `keeping` accepts are shown, and a goal it does not accept when a goal
    /// serving it (at any depth) is: nil when neither.
    func branch(_ s: Standing, from page: String, keeping keep: (Standing) -> Bool, depth: Int = 0) -> TreeNode? {
        let kids: [TreeNode]
        if depth < Self.treeDepth {
            kids = serving(s.slug).compactMap { branch($0, from: page, keeping: keep, depth: depth + 1) }
        } else {
            kids = descendants(of: s.slug).filter(keep).map { TreeNode($0, from: page, children: []) }
        }
        guard keep(s) || !kids.isEmpty else { return nil }
        return TreeNode(s, from: page, children: kids)
    }

    /// Every goal that serves `slug`, directly or not, depth first.
    func descendants(of slug: String) -> [Standing] {
        var seen: Set<String> = [slug]
        var found: [Standing] = []
        func visit(_ slug: String) {
            for child in serving(slug) where seen.insert(child.slug).inserted {
                found.append(child)
                visit(child.slug)
            }
        }
        visit(slug)
        return found
    }

    /// v2mom/, its rows already rendered. Methods and Obstacles are the team's when
    /// goalwall.yml has them, else worked out from the goals.
    func v2momPage(
        methods: [V2MOMMethod], obstacles: [V2MOMObstacle], teamMethods: [V2MOMItem], teamObstacles: [V2MOMItem],
        measures: [V2MOMMeasure]
    ) -> V2MOMPage {
        V2MOMPage(
            chrome: chrome(path: Routes.v2mom, title: say("v2mom")), methods: methods, obstacles: obstacles,
            teamMethods: teamMethods, teamObstacles: teamObstacles, measures: measures)
    }

    /// The goals whose rows the V2MOM page shows, in the page's order: the Methods worked
    /// out from the goal tree (every level; a dropped goal only where goals still serve
    /// it), unless the team wrote its own; likewise the Obstacles; every goal's Measure.
    var v2momGoals: (methods: [TreeNode], obstacles: [Standing], measures: [Standing]) {
        let shown = wall.goals.filter { $0.status != .dropped }
        let methods =
            wall.settings.methods != nil
            ? []
            : wall.goals.filter { $0.parent == nil }.compactMap {
                branch($0, from: Routes.v2mom, keeping: { $0.status != .dropped })
            }
        let obstacles = wall.settings.obstacles != nil ? [] : ordered(shown.filter(isObstacle))
        return (methods, obstacles, shown)
    }

    /// A Method or an Obstacle the team wrote, with the Measures of the goals it names
    /// (`measure` makes a goal's row; a draft left out of the build is left out here).
    func v2momItem(_ entry: V2MOMEntry, measure: (Standing) -> V2MOMMeasure) -> V2MOMItem {
        V2MOMItem(
            title: entry.title, textHTML: entry.text.map { HTML(MarkdownBody.html(of: $0)) },
            measures: entry.goals.compactMap { standing($0.slug) }.map(measure))
    }

    /// V2MOM's Obstacles: the goals that need help now. An achieved goal never does, even
    /// when its check-ins have lapsed.
    func isObstacle(_ s: Standing) -> Bool {
        [.offTrack, .atRisk, .missed, .noData].contains(s.status)
            || (s.stale && ![.dropped, .achieved].contains(s.status))
    }

    func v2momObstacle(_ s: Standing) -> V2MOMObstacle {
        var why: [String] = []
        if let behind = s.behind, behind > 0 {
            why.append(say("whyBehind", ["percent": DisplayFormat.percent(behind)]))
        }
        if s.status == .missed, let due = s.goal.due { why.append(say("whyMissed", ["date": DisplayFormat.long(due)])) }
        if s.status == .noData { why.append(say("noDataYet")) }
        if s.stale { why.append(say("staleText", count: s.daysSinceCheckIn)) }
        return V2MOMObstacle(
            title: s.goal.title, url: Routes.link(from: Routes.v2mom, to: Routes.goal(s.slug)),
            status: StatusBadge(s.status), why: why.joined(separator: "; "))
    }

    /// V2MOM's Measures: a goal's number, target, date and owner (`card` placed on v2mom/).
    func v2momMeasure(_ s: Standing, card: GoalCard) -> V2MOMMeasure {
        V2MOMMeasure(
            title: s.goal.title, url: card.url, status: card.status, current: card.current, target: card.target,
            due: s.goal.due.map { DisplayFormat.long($0) } ?? "–", owner: s.goal.owner ?? "–",
            measure: s.goal.metricName ?? say("tasksDone"))
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
        let count = { (n: Int) in DisplayFormat.number(Double(n)) }
        if g.isTaskGoal {
            figure(say("figureTasksDone"), say("countOf", ["done": count(s.tasksDone), "total": count(s.tasksTotal)]))
            figure(say("figureExpected"), DisplayFormat.percent(s.expected))
            figure(say("figureProgress"), DisplayFormat.percent(s.progress))
        } else if g.isMaintain {
            if card.keepText != nil { figure(say("figureKeep"), GoalLint.keepWords(s)) }
            figure(say("figureLatest"), g.shown(s.current) + (latest.map { " (\($0))" } ?? ""))
            let judged = s.record?.judged ?? 0
            figure(
                say("figureKept"),
                judged == 0
                    ? say("nothingJudged")
                    : say(
                        "keptOf",
                        [
                            "met": count(s.record!.met), "total": count(judged),
                            "percent": DisplayFormat.percent(s.progress),
                        ]))
            figure(say("figureHold"), say("holdOfPeriods", ["hold": DisplayFormat.percent(g.hold)]))
            figure(say("figureTolerance"), say("toleranceWords", ["miss": g.shown(s.tolerance * abs(s.target ?? 0))]))
        } else {
            figure(say("figureBaseline"), baselineWords(s))
            figure(say("figureTarget"), targetWords(s))
            figure(say("figureCurrent"), g.shown(s.current) + (latest.map { " (\($0))" } ?? ""))
            figure(say("figureExpected"), g.shown(s.expected))
            figure(say("figureForecast"), g.shown(s.forecast))
            figure(say("figureForecastDate"), s.forecastDate.map { DisplayFormat.long($0) } ?? "–")
            if let direction = s.direction {
                figure(say("figureDirection"), direction == .up ? say("higherIsBetter") : say("lowerIsBetter"))
            }
            figure(say("figureProgress"), DisplayFormat.percent(s.progress))
        }
        if let behind = s.behind {
            figure(
                behind > 0 ? say("figureBehindPlan") : say("figureAheadOfPlan"),
                say("ofTheWay", ["percent": DisplayFormat.percent(abs(behind))]))
        }
        let milestones = s.milestones.map { m in
            MilestoneRow(
                date: m.milestone.date.description, dateLong: DisplayFormat.long(m.milestone.date),
                target: g.isTaskGoal
                    ? (m.target.map { DisplayFormat.number($0) } ?? "–")
                    : g.shown(m.target),
                state: m.met.map { $0 ? say("met") : say("missed") }
                    ?? (m.milestone.date > asOf ? say("upcoming") : say("noData")),
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
            dueLong: g.due.map { DisplayFormat.long($0) }, bodyHTML: HTML(Self.taskWords(g.body.html)), chartSVG: chart,
            tags: g.tags,
            review: g.reviewWords, metric: g.metric?.name, metricLabel: g.metric?.label,
            rollup: g.metric.map { _ in Self.words(g.rollup) }, period: g.metric.map { _ in Self.words(g.period) },
            figures: figures, milestones: milestones,
            judged: Array(judged.prefix(GoalDetail.recentJudged)),
            earlierJudged: Array(judged.dropFirst(GoalDetail.recentJudged)),
            checkIns: s.checkIns.reversed().map {
                CheckInRow(
                    date: $0.date.description, dateLong: DisplayFormat.long($0.date), title: $0.title,
                    html: HTML(Self.taskWords($0.html)))
            },
            lastCheckIn: s.lastCheckIn.map { DisplayFormat.long($0) } ?? say("noneYet"),
            tasksDone: s.tasksDone, tasksTotal: s.tasksTotal,
            parent: s.parent.flatMap { standing($0) }.map {
                PageLink(title: $0.goal.title, url: Routes.link(from: path, to: Routes.goal($0.slug)))
            },
            children: kids.map { GoalLink($0, from: path) },
            smart: lint.smart.map(LintLetter.init), fast: lint.fast.map(LintLetter.init))
        return GoalPage(chrome: chrome(path: path, title: g.title), goal: detail)
    }

    /// A body's task boxes, named in the wall's language ("done", "not done" as the
    /// Markdown stage writes them; a body's own HTML never reaches the page, §3).
    static func taskWords(_ html: String) -> String {
        let (done, open) = (say("taskDone"), say("taskOpen"))
        guard done != "done" || open != "not done", html.contains("class=\"task\"") else { return html }
        return html.replacingOccurrences(
            of: "disabled aria-label=\"done\">", with: "disabled aria-label=\"\(xmlEscape(done))\">"
        )
        .replacingOccurrences(
            of: "disabled aria-label=\"not done\">", with: "disabled aria-label=\"\(xmlEscape(open))\">")
    }

    /// "mean", "sum", … in the wall's language.
    static func words(_ rollup: Rollup) -> String {
        switch rollup {
        case .last: say("rollupLast")
        case .sum: say("rollupSum")
        case .mean: say("rollupMean")
        case .min: say("rollupMin")
        case .max: say("rollupMax")
        case .count: say("rollupCount")
        }
    }

    /// "day", "week", "month" in the wall's language.
    static func words(_ period: Period) -> String {
        switch period {
        case .day: say("periodDay")
        case .week: say("periodWeek")
        case .month: say("periodMonth")
        }
    }

    /// The baseline as a team reads it, with where it came from when it is a window's mean
    /// (§10): "8:00, the mean of 1 Oct–31 Dec 2025".
    func baselineWords(_ s: Standing) -> String {
        let g = s.goal
        guard case .window(let from, let to) = g.baseline else { return g.shown(s.baseline) }
        let window = DisplayFormat.range(from, to)
        guard let baseline = s.baseline else { return say("baselineNoValue", ["window": window]) }
        return say("baselineMean", ["value": g.shown(baseline), "window": window])
    }

    /// The target as a team reads it, worked out when it is relative (§10): "−50% of the
    /// 8:00 baseline = 4:00".
    func targetWords(_ s: Standing) -> String {
        let g = s.goal
        guard case .relative(let percent) = g.target else { return g.shown(s.target) }
        let change = (percent >= 0 ? "+" : "") + DisplayFormat.withUnit(DisplayFormat.number(percent), "%")
        guard let baseline = s.baseline else { return say("targetNoBaseline", ["change": change]) }
        return say("targetRelative", ["change": change, "baseline": g.shown(baseline), "target": g.shown(s.target)])
    }

    /// A goal's chart on its page: wide and narrow versions, or the bar of its tasks.
    static func goalChart(_ s: Standing, asOf: Day) -> HTML? {
        if s.goal.isTaskGoal { return TaskBar(standing: s, width: 800, height: 36).svg().map(HTML.init) }
        guard let wide = GoalChart(standing: s, asOf: asOf).svg(),
            let narrow = GoalChart(standing: s, asOf: asOf, layout: .narrow).svg()
        else { return nil }
        return HTML(wide + narrow)
    }

    /// people/SLUG/: the goals one person owns.
    func personPage(_ person: Person, card: (Standing, String) -> GoalCard) -> (path: String, model: GoalListPage) {
        goalListPage(
            path: Routes.person(person.slug), title: person.name, heading: person.name, goals: person.goals,
            card: card)
    }

    /// tags/SLUG/: the goals with one tag.
    func tagPage(_ tag: GoalTag, card: (Standing, String) -> GoalCard) -> (path: String, model: GoalListPage) {
        goalListPage(
            path: Routes.tag(tag.slug), title: say("tagTitle", ["tag": tag.name]), heading: tag.name, goals: tag.goals,
            card: card)
    }

    /// A page of some goals' cards, as a wall shows them (but without reloading itself).
    private func goalListPage(
        path: String, title: String, heading: String, goals slugs: [String], card: (Standing, String) -> GoalCard
    ) -> (path: String, model: GoalListPage) {
        let root = Routes.root(from: path)
        let goals = slugs.compactMap { standing($0) }
        let model = GoalListPage(
            chrome: chrome(path: path, title: title), heading: heading,
            cards: ordered(goals.filter { $0.status != .dropped }).map { card($0, root) },
            dropped: ordered(goals.filter { $0.status == .dropped }).map { card($0, root) },
            counts: StatusCount.strip(goals.map(\.status)), goalCount: goals.count)
        return (path, model)
    }

    /// people/: every owner, by name.
    func peoplePage() -> DirectoryPage {
        directory(
            path: Routes.people, title: say("people"),
            entries: wall.people.map { ($0.name, Routes.person($0.slug), $0.goals) })
    }

    /// tags/: every tag, by name.
    func tagsPage() -> DirectoryPage {
        directory(
            path: Routes.tags, title: say("tags"), entries: wall.tags.map { ($0.name, Routes.tag($0.slug), $0.goals) })
    }

    private func directory(
        path: String, title: String, entries: [(name: String, page: String, goals: [String])]
    ) -> DirectoryPage {
        let sorted = entries.sorted {
            ($0.name.lowercased(), $0.name, $0.page) < ($1.name.lowercased(), $1.name, $1.page)
        }
        return DirectoryPage(
            chrome: chrome(path: path, title: title),
            entries: sorted.map { entry in
                DirectoryEntry(
                    name: entry.name, url: Routes.link(from: path, to: entry.page), goalCount: entry.goals.count,
                    counts: StatusCount.strip(entry.goals.compactMap { standing($0)?.status }))
            })
    }

    /// pages/SLUG/.
    func textPage(_ page: Page) -> TextPage {
        TextPage(
            chrome: chrome(path: Routes.page(page.slug), title: page.title),
            page: TextPageBody(
                title: page.title, bodyHTML: HTML(Self.taskWords(page.body.html)),
                hasHeading: page.body.firstHeading != nil))
    }
}
