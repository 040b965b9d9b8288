import Foundation

/// Builds the plain-data context of every page (no reflection over model types: contexts
/// are dictionaries the templates read by name). docs/templates.md lists the names.
struct WallContexts: @unchecked Sendable {
    let wall: Wall
    let builtAt: String?
    private let bySlug: [String: Standing]
    private let children: [String: [String]]

    let kiosk: KioskPlan
    /// Each wall's status strip (key: team slug, "" for the whole wall), counted once:
    /// a large wall has hundreds of kiosk screens.
    private var strips: [String: [[String: Any]]] = [:]
    /// Each goal's card charts, drawn once and shown on every wall.
    let cardCharts: [String: (bullet: String?, sparkline: String?)]
    /// Each goal's card, rendered once with `rootToken` for its links; a wall puts its own
    /// path to the root in its place (a card shows on the main, team and kiosk walls).
    var cardHTML: [String: [Substring]] = [:]
    /// Each goal's rows on the V2MOM page, rendered once (`v2mom-*.mustache` partials).
    var v2momRows: [String: (method: String?, obstacle: String?, measure: String?)] = [:]
    static let rootToken = "\u{1}goalwall-root\u{1}"

    /// Each goal's place in wall order (see `ordered`).
    private let rank: [String: Int]
    /// Card contexts by goal and root, kept across builds; `cardKeys` says which are current.
    private let cardContexts: CardContexts
    private let cardKeys: [String: Int]

    init(
        wall: Wall, builtAt: Date?, cardCharts: [String: (bullet: String?, sparkline: String?)],
        cardKeys: [String: Int] = [:], cardContexts: CardContexts = CardContexts()
    ) {
        self.wall = wall
        self.builtAt = builtAt.map(WallContexts.format)
        var bySlug: [String: Standing] = [:]
        var children: [String: [String]] = [:]
        for standing in wall.goals {
            bySlug[standing.slug] = standing
            if let parent = standing.parent { children[parent, default: []].append(standing.slug) }
        }
        self.bySlug = bySlug
        self.children = children
        self.cardCharts = cardCharts
        self.cardKeys = cardKeys
        self.cardContexts = cardContexts
        let order = wall.goals.indices.sorted { a, b in
            let (x, y) = (wall.goals[a], wall.goals[b])
            return (x.status.urgency, x.goal.due, x.slug) < (y.status.urgency, y.goal.due, y.slug)
        }
        var rank: [String: Int] = [:]
        for (place, index) in order.enumerated() { rank[wall.goals[index].slug] = place }
        self.rank = rank
        let orderedSlugs = { [rank] (team: Team?) -> [String] in
            let goals = team.map { $0.goals.compactMap { bySlug[$0] } } ?? wall.goals
            return goals.filter { $0.status != .dropped }.map(\.slug).sorted { rank[$0]! < rank[$1]! }
        }
        kiosk = KioskPlan(teams: wall.teams, settings: wall.settings, ordered: orderedSlugs)
        strips[""] = counts(wall.goals)
        for team in wall.teams { strips[team.slug] = counts(team.goals.compactMap { bySlug[$0] }) }
    }

    /// A goal's card charts: a bar of tasks done, or a bullet graph and a sparkline.
    static func cardCharts(_ s: Standing, tolerance: Double) -> (bullet: String?, sparkline: String?) {
        s.goal.isTaskGoal
            ? (TaskBar(standing: s).svg(), nil)
            : (BulletGraph(standing: s, tolerance: tolerance).svg(), Sparkline(standing: s).svg())
    }

    /// What a goal's page shows besides its own figures and the shared header: its parent
    /// and the goals that serve it. Equal keys, equal pages (for rebuilds).
    func goalPageKey(_ s: Standing, chrome: Int) -> Int {
        var key = Hasher()
        key.combine(chrome)
        key.combine(s.inputs)
        if let parent = s.parent.flatMap({ bySlug[$0] }) {
            key.combine(parent.slug)
            key.combine(parent.goal.title)
        }
        for kid in (children[s.slug] ?? []).compactMap({ bySlug[$0] }) {
            key.combine(kid.slug)
            key.combine(kid.goal.title)
            key.combine(kid.status)
        }
        return key.finalize()
    }

    /// Everything a team's wall shows: its cards in order, dropped goals, the status strip.
    func teamWallKey(_ team: Team, chrome: Int, cardKeys: [String: Int]) -> Int {
        var key = Hasher()
        key.combine(chrome)
        key.combine([team.slug, team.name])
        let goals = team.goals.compactMap { bySlug[$0] }
        for s in ordered(goals) {
            key.combine(s.slug)
            key.combine(cardKeys[s.slug])
        }
        return key.finalize()
    }

    /// Everything a kiosk screen shows: its cards, its wall's status strip, its place in the
    /// rotation, and (on the first screen) when the site last changed.
    func kioskScreenKey(_ index: Int, chrome: Int, cardKeys: [String: Int]) -> Int {
        let screen = kiosk.screens[index]
        var key = Hasher()
        key.combine(chrome)
        key.combine(screen.path)
        key.combine(screen.team.map { [$0.slug, $0.name] })
        key.combine(screen.goals)
        for slug in screen.goals { key.combine(cardKeys[slug]) }
        for entry in strips[screen.team?.slug ?? ""] ?? [] {
            key.combine(entry["count"] as? Int)
            key.combine((entry["status"] as? [String: Any])?["key"] as? String)
        }
        key.combine([screen.page, screen.pages, kiosk.seconds])
        key.combine(kiosk.next(after: index))
        if index == 0 { key.combine(builtAt) }
        return key.finalize()
    }

    static func format(_ date: Date) -> String {
        let raw = date.timeIntervalSince1970.rounded(.down)
        let seconds = raw.isFinite ? Int(min(max(raw, 0), 253_402_300_799)) : 0
        let day = Day(daysSinceEpoch: Int((Double(seconds) / 86_400).rounded(.down)))
        let inDay = seconds - day.daysSinceEpoch * 86_400
        return "\(day) \(Day.pad(inDay / 3600, 2)):\(Day.pad(inDay % 3600 / 60, 2)) UTC"
    }

    /// Relative path from a page at `path` back to the output root ("", "../../").
    static func root(of path: String) -> String {
        String(repeating: "../", count: path.count(where: { $0 == "/" }))
    }

    // MARK: Shared parts

    func common(
        path: String, title: String?, refresh: Bool, refreshTarget: String? = nil, seconds: Int? = nil
    ) -> [String: Any] {
        let root = Self.root(of: path)
        let settings = wall.settings
        var context: [String: Any] = [
            "siteTitle": settings.title,
            "pageTitle": title.map { "\($0) · \(settings.title)" } ?? settings.title,
            "values": settings.values,
            "hasValues": !settings.values.isEmpty,
            "asOf": wall.asOf.description,
            "asOfLong": DisplayFormat.long(wall.asOf),
            "root": root,
            "stylesheet": root + "style.css",
            "theme": settings.theme.rawValue,
            "home": root + "index.html",
            "kiosk": root + "kiosk/index.html",
            "feed": root + "feed.xml",
            "calendar": root + "calendar.ics",
            "goalsJSON": root + "goals.json",
            "tree": root + "tree/index.html",
            "v2mom": root + "v2mom/index.html",
            "teams": wall.teams.map { team -> [String: Any] in
                ["name": team.name, "url": root + "teams/\(team.slug)/index.html"]
            },
            "pages": wall.pages.map { page -> [String: Any] in
                ["title": page.title, "url": root + "pages/\(page.slug)/index.html"]
            },
        ]
        if let vision = settings.vision { context["vision"] = vision }

        let seconds = seconds ?? settings.refreshSeconds
        if refresh, seconds > 0 {
            context["refresh"] = refreshTarget.map { "\(seconds); url=\($0)" } ?? "\(seconds)"
        }
        return context
    }

    /// A goal as a card on a wall (the card partial).
    func card(_ s: Standing, root: String) -> [String: Any] {
        let g = s.goal
        var card: [String: Any] = [
            "slug": g.slug,
            "title": g.title,
            "url": root + "goals/\(g.slug)/index.html",
            "status": status(s.status),
            "isTaskGoal": g.isTaskGoal,
            "due": g.due.description,
            "dueShort": DisplayFormat.short(g.due),
            "daysLeft": DisplayFormat.daysLeft(from: wall.asOf, to: g.due),
            "progress": DisplayFormat.percent(s.progress),
            "stale": s.stale,
            "staleText": "no check-in for \(s.daysSinceCheckIn) days",
        ]
        if let parts = cardHTML[g.slug] { card["html"] = parts.joined(separator: root) }
        if let charts = cardCharts[g.slug] {
            if let bullet = charts.bullet { card["bulletSVG"] = bullet }
            if let sparkline = charts.sparkline { card["sparklineSVG"] = sparkline }
        }
        if let owner = g.owner { card["owner"] = owner }
        if let team = g.team, let slug = g.teamSlug {
            card["team"] = team
            card["teamURL"] = root + "teams/\(slug)/index.html"
        }
        if g.isTaskGoal {
            card["current"] = s.tasksTotal > 0 ? "\(s.tasksDone) of \(s.tasksTotal)" : "no tasks"
            card["currentValue"] = card["current"]
            card["currentNote"] = "tasks done"
            card["target"] = "all \(s.tasksTotal)"
            card["expected"] = DisplayFormat.percent(s.expected)
        } else {
            card["current"] = DisplayFormat.value(s.current, unit: g.unit)
            // The number large, its unit beside it in smaller type.
            card["currentValue"] = DisplayFormat.value(s.current, unit: g.unit == "%" ? "%" : nil)
            if s.current != nil, let unit = g.unit, !unit.isEmpty, unit != "%" { card["currentUnit"] = unit }
            card["target"] = DisplayFormat.value(s.target, unit: g.unit)
            card["expected"] = DisplayFormat.value(s.expected, unit: g.unit)
            if let date = s.currentDate {
                card["currentNote"] = "on \(DisplayFormat.short(date))"
                if date.days(to: wall.asOf) > oldDataDays(g.period) {
                    card["oldData"] = "data to \(DisplayFormat.short(date))"
                }
            }
        }
        return card
    }

    /// How old the latest point may be before the card says so.
    private func oldDataDays(_ period: Period) -> Int {
        switch period {
        case .day: 7
        case .week: 13
        case .month: 62
        }
    }

    private func status(_ status: Status) -> [String: Any] {
        ["key": status.rawValue, "label": status.label, "symbol": status.symbol]
    }

    /// Cards in wall order: what needs attention first, then the nearest due date.
    func ordered(_ goals: [Standing]) -> [Standing] {
        let ranks = goals.map { rank[$0.slug]! }
        return goals.indices.sorted { ranks[$0] < ranks[$1] }.map { goals[$0] }
    }

    /// A goal's card context, made once per goal and root for as long as the goal is unchanged.
    func cachedCard(_ s: Standing, root: String) -> [String: Any] {
        guard let key = cardKeys[s.slug] else { return card(s, root: root) }
        return cardContexts.context(for: s.slug, key: key, root: root) { card(s, root: root) }
    }

    /// The status strip of a wall: how many goals have each status, most urgent first.
    private func counts(_ goals: [Standing]) -> [[String: Any]] {
        var tally: [Status: Int] = [:]
        for goal in goals { tally[goal.status, default: 0] += 1 }
        return Status.allCases.compactMap { status in
            guard let n = tally[status] else { return nil }
            return ["count": n, "status": self.status(status)]
        }
    }

    // MARK: Pages

    func wallPage(team: Team?) -> [String: Any] {
        let path = team.map { "teams/\($0.slug)/index.html" } ?? "index.html"
        var context = common(path: path, title: team?.name, refresh: true)
        let root = Self.root(of: path)
        let goals = team.map { $0.goals.compactMap { bySlug[$0] } } ?? wall.goals
        let shown = ordered(goals.filter { $0.status != .dropped })
        context["heading"] = team.map { "\($0.name)" } ?? wall.settings.title
        // Only the main wall and the first kiosk screen say when the site last changed, so
        // an edit does not change every page.
        if team == nil, let builtAt { context["builtAt"] = builtAt }
        context["isTeam"] = team != nil
        context["cards"] = shown.map { cachedCard($0, root: root) }
        context["dropped"] = ordered(goals.filter { $0.status == .dropped }).map { cachedCard($0, root: root) }
        context["counts"] = strips[team?.slug ?? ""] ?? []
        context["goalCount"] = goals.count
        context["hasDropped"] = goals.contains { $0.status == .dropped }
        return context
    }

    /// Vision → top goals → the goals that serve them, each with its status.
    private func alignment(root: String) -> [[String: Any]] {
        func branch(_ s: Standing, depth: Int) -> [String: Any] {
            var node: [String: Any] = [
                "title": s.goal.title, "url": root + "goals/\(s.slug)/index.html", "status": status(s.status),
            ]
            let kids = depth < 32 ? (children[s.slug] ?? []).compactMap { bySlug[$0] } : []
            node["children"] = kids.map { branch($0, depth: depth + 1) }
            node["hasChildren"] = !kids.isEmpty
            return node
        }
        return wall.goals.filter { $0.parent == nil }.map { branch($0, depth: 0) }
    }

    /// tree/: vision → goals that serve nothing bigger → the goals that serve them.
    func treePage() -> [String: Any] {
        let path = "tree/index.html"
        var context = common(path: path, title: "How the goals fit together", refresh: false)
        let tree = alignment(root: Self.root(of: path))
        context["alignment"] = tree
        context["hasAlignment"] = !tree.isEmpty
        return context
    }

    /// v2mom/: Vision and Values from goalwall.yml; Methods are the goals, grouped under the
    /// goals they serve; Obstacles are the goals that need help now; Measures are every
    /// goal's number, target and date.
    func v2momPage() -> [String: Any] {
        let path = "v2mom/index.html"
        var context = common(path: path, title: "V2MOM", refresh: false)
        let shown = wall.goals.filter { $0.status != .dropped }
        func withHTML(_ row: [String: Any], _ html: String?) -> [String: Any] {
            var row = row
            if let html { row["html"] = html }
            return row
        }
        context["methods"] = shown.filter { $0.parent == nil }.map {
            withHTML(v2momMethod($0), v2momRows[$0.slug]?.method)
        }
        context["obstacles"] = ordered(shown.filter(isObstacle)).map {
            withHTML(v2momObstacle($0), v2momRows[$0.slug]?.obstacle)
        }
        context["measures"] = shown.map {
            withHTML(v2momMeasure($0, card: cachedCard($0, root: "../")), v2momRows[$0.slug]?.measure)
        }
        context["hasObstacles"] = !(context["obstacles"] as! [Any]).isEmpty
        return context
    }

    /// V2MOM's Methods: a goal that serves nothing bigger, with the goals that serve it.
    func v2momMethod(_ top: Standing) -> [String: Any] {
        let root = "../"
        let serving = (children[top.slug] ?? []).compactMap { bySlug[$0] }.filter { $0.status != .dropped }
        return [
            "title": top.goal.title, "url": root + "goals/\(top.slug)/index.html", "status": status(top.status),
            "children": serving.map {
                ["title": $0.goal.title, "url": root + "goals/\($0.slug)/index.html", "status": status($0.status)]
            },
            "hasChildren": !serving.isEmpty,
        ]
    }

    /// The goals of a method item (the top goal, then those serving it): its rendering's key.
    func v2momMethodGoals(_ top: Standing) -> [String] {
        [top.slug] + (children[top.slug] ?? []).filter { bySlug[$0]?.status != .dropped }
    }

    /// V2MOM's Obstacles: the goals that need help now.
    func isObstacle(_ s: Standing) -> Bool {
        s.status != .dropped && ([.offTrack, .atRisk, .missed, .noData].contains(s.status) || s.stale)
    }

    func v2momObstacle(_ s: Standing) -> [String: Any] {
        var why: [String] = []
        if let behind = s.behind, behind > 0 {
            why.append("\(DisplayFormat.percent(behind)) of the way behind plan")
        }
        if s.status == .missed { why.append("missed its \(DisplayFormat.long(s.goal.due)) deadline") }
        if s.status == .noData { why.append("no data yet") }
        if s.stale { why.append("no check-in for \(s.daysSinceCheckIn) days") }
        return [
            "title": s.goal.title, "url": "../goals/\(s.slug)/index.html", "status": status(s.status),
            "why": why.joined(separator: "; "),
        ]
    }

    /// V2MOM's Measures: a goal's number, target, date and owner.
    func v2momMeasure(_ s: Standing, card c: [String: Any]) -> [String: Any] {
        [
            "title": s.goal.title, "url": c["url"]!, "status": c["status"]!, "current": c["current"]!,
            "target": c["target"]!, "due": DisplayFormat.long(s.goal.due), "owner": s.goal.owner ?? "–",
            "measure": s.goal.metric?.name ?? "tasks done",
        ]
    }

    func goalPage(_ s: Standing) -> [String: Any] {
        let g = s.goal
        let path = "goals/\(g.slug)/index.html"
        let root = Self.root(of: path)
        var context = common(path: path, title: g.title, refresh: false)
        var goal = cachedCard(s, root: root)
        goal["html"] = nil  // the card itself is not on its goal's page
        goal["start"] = g.start.description
        goal["startLong"] = DisplayFormat.long(g.start)
        goal["dueLong"] = DisplayFormat.long(g.due)
        goal["bodyHTML"] = g.body.html
        if g.isTaskGoal {
            if let bar = TaskBar(standing: s, width: 800, height: 36).svg() { goal["chartSVG"] = bar }
        } else if let wide = GoalChart(standing: s, asOf: wall.asOf).svg(),
            let narrow = GoalChart(standing: s, asOf: wall.asOf, layout: .narrow).svg()
        {
            goal["chartSVG"] = wide + narrow
        }
        goal["tags"] = g.tags
        goal["hasTags"] = !g.tags.isEmpty
        if let review = g.review { goal["review"] = review }
        if let metric = g.metric {
            goal["metric"] = metric.name
            goal["rollup"] = g.rollup.rawValue
            goal["period"] = g.period.rawValue
        }
        var figures: [[String: Any]] = []
        func figure(_ label: String, _ value: String) { figures.append(["label": label, "value": value]) }
        if g.isTaskGoal {
            figure("Tasks done", "\(s.tasksDone) of \(s.tasksTotal)")
            figure("Expected by now", DisplayFormat.percent(s.expected))
        } else {
            figure("Baseline", DisplayFormat.value(s.baseline, unit: g.unit))
            figure("Target", DisplayFormat.value(s.target, unit: g.unit))
            figure(
                "Current",
                DisplayFormat.value(s.current, unit: g.unit)
                    + (s.currentDate.map { " (\(DisplayFormat.short($0)))" } ?? ""))
            figure("Expected by now", DisplayFormat.value(s.expected, unit: g.unit))
            figure(
                "Forecast at due", DisplayFormat.value(s.forecast, unit: g.unit))
            figure("Forecast reaches target", s.forecastDate.map(DisplayFormat.long) ?? "–")
            if let direction = s.direction {
                figure("Direction", direction == .up ? "higher is better" : "lower is better")
            }
        }
        figure("Progress", DisplayFormat.percent(s.progress))
        if let behind = s.behind {
            figure(behind > 0 ? "Behind plan" : "Ahead of plan", DisplayFormat.percent(abs(behind)) + " of the way")
        }
        goal["figures"] = figures
        goal["milestones"] = s.milestones.map { m -> [String: Any] in
            let state = m.met.map { $0 ? "met" : "missed" } ?? (m.milestone.date > wall.asOf ? "upcoming" : "no data")
            var row: [String: Any] = [
                "date": m.milestone.date.description, "dateLong": DisplayFormat.long(m.milestone.date),
                "target": g.isTaskGoal
                    ? (m.milestone.target.map(DisplayFormat.number) ?? "–")
                    : DisplayFormat.value(m.milestone.target, unit: g.unit),
                "state": state, "stateKey": state.replacingOccurrences(of: " ", with: "-"),
                "inPlan": m.milestone.isInPlan,
            ]
            if let note = m.milestone.note { row["note"] = note }
            return row
        }
        goal["hasMilestones"] = !s.milestones.isEmpty
        goal["checkIns"] = s.checkIns.reversed().map { c -> [String: Any] in
            ["date": c.date.description, "dateLong": DisplayFormat.long(c.date), "title": c.title, "html": c.html]
        }
        goal["hasCheckIns"] = !s.checkIns.isEmpty
        goal["lastCheckIn"] = s.lastCheckIn.map(DisplayFormat.long) ?? "none yet"
        goal["tasksDone"] = s.tasksDone
        goal["tasksTotal"] = s.tasksTotal
        goal["hasTasks"] = s.tasksTotal > 0
        if let parent = s.parent.flatMap({ bySlug[$0] }) {
            goal["parent"] = ["title": parent.goal.title, "url": root + "goals/\(parent.slug)/index.html"]
        }
        let kids = (children[g.slug] ?? []).compactMap { bySlug[$0] }
        goal["children"] = kids.map {
            ["title": $0.goal.title, "url": root + "goals/\($0.slug)/index.html", "status": status($0.status)]
        }
        goal["hasChildren"] = !kids.isEmpty
        let lint = GoalLint(s, asOf: wall.asOf, hasChildren: !kids.isEmpty)
        func letters(_ list: [GoalLint.Letter]) -> [[String: Any]] {
            list.map { ["letter": $0.letter, "word": $0.word, "holds": $0.holds, "reason": $0.reason] }
        }
        goal["smart"] = letters(lint.smart)
        goal["fast"] = letters(lint.fast)
        context["goal"] = goal
        return context
    }

    func freePage(_ page: Page) -> [String: Any] {
        var context = common(path: "pages/\(page.slug)/index.html", title: page.title, refresh: false)
        context["page"] = [
            "title": page.title, "bodyHTML": page.body.html, "hasHeading": page.body.firstHeading != nil,
        ]
        return context
    }

    func kioskPage(screen index: Int) -> [String: Any] {
        let screen = kiosk.screens[index]
        let root = Self.root(of: screen.path)
        var context = common(
            path: screen.path, title: screen.team.map { "\($0.name) · Kiosk" } ?? "Kiosk", refresh: true,
            refreshTarget: kiosk.next(after: index), seconds: kiosk.seconds)
        let goals = screen.goals.compactMap { bySlug[$0] }
        context["heading"] = screen.team?.name ?? wall.settings.title
        if index == 0, let builtAt { context["builtAt"] = builtAt }
        context["cards"] = goals.map { cachedCard($0, root: root) }
        context["counts"] = strips[screen.team?.slug ?? ""] ?? []
        if screen.pages > 1 { context["pageOf"] = "\(screen.page) / \(screen.pages)" }
        // Dark by default on the office screen; `theme: light` keeps it light.
        context["theme"] = wall.settings.theme == .light ? "light" : "dark"
        return context
    }
}

/// Card contexts by goal and by the path back to the root, each with the key of the goal's
/// card it was made for. Shared by the pages rendering in parallel, and kept across builds.
final class CardContexts: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (key: Int, byRoot: [String: [String: Any]])] = [:]

    func context(for slug: String, key: Int, root: String, make: () -> [String: Any]) -> [String: Any] {
        if let made = lock.withLock({ entries[slug].flatMap { $0.key == key ? $0.byRoot[root] : nil } }) {
            return made
        }
        let made = make()
        lock.withLock {
            if entries[slug]?.key != key { entries[slug] = (key, [:]) }
            entries[slug]!.byRoot[root] = made
        }
        return made
    }

    /// Forgets goals that are gone.
    func keep(only slugs: Set<String>) {
        lock.withLock { entries = entries.filter { slugs.contains($0.key) } }
    }
}
