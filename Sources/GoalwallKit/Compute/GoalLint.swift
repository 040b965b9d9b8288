/// The SMART/FAST checklist of one goal: which letters hold, and why not.
public struct GoalLint: Sendable {
    public struct Letter: Sendable {
        public var letter: String
        public var word: String
        public var holds: Bool
        /// Why it does not hold; what holds it when it does.
        public var reason: String
    }

    public var smart: [Letter]
    public var fast: [Letter]

    public init(_ s: Standing, asOf: Day, hasChildren: Bool) {
        let g = s.goal
        let words = g.title.split(whereSeparator: { $0 == " " }).count
        let spanDays = g.due.map { g.start.days(to: $0) } ?? 0
        func letter(_ l: String, _ word: String, _ holds: Bool, _ yes: String, _ no: String) -> Letter {
            Letter(letter: l, word: word, holds: holds, reason: holds ? yes : no)
        }
        smart = [
            letter(
                "S", "Specific", g.owner != nil && words >= 3, "an owner and a title that says what changes",
                g.owner == nil ? "no owner: name the champion" : "the title is under three words: say what changes"),
            letter(
                "M", "Measurable", g.isTaskGoal ? s.tasksTotal > 0 : true,
                g.isTaskGoal ? "measured by \(s.tasksTotal) tasks" : "metric \(g.metric?.name ?? "") with a target",
                "no metric and no tasks: nothing to measure"),
            letter(
                "A", "Achievable", !g.milestones.isEmpty || spanDays <= 42,
                g.milestones.isEmpty
                    ? "short enough to reach in one step" : "broken into \(g.milestones.count) milestones",
                "no milestones over \(spanDays) days: add interim targets"),
            letter(
                "R", "Relevant", g.parent != nil || hasChildren,
                g.parent != nil ? "serves '\(g.parent!)'" : "other goals serve it",
                "serves no parent goal: say what bigger goal it moves"),
            letter(
                "T", "Time-bound", spanDays <= 366,
                "due \(g.due.map(String.init(describing:)) ?? "–"), \(spanDays) days after start",
                "spans \(spanDays) days: break it into goals of a year or less"),
        ]
        let ambition: Double? =
            g.isTaskGoal
            ? nil : s.baseline.flatMap { b in s.target.map { t in b == 0 ? (t == 0 ? 0 : 1) : abs(t - b) / abs(b) } }
        fast = [
            letter(
                "F", "Frequently discussed", g.reviewDays != nil && !s.stale,
                "reviewed \(g.review ?? ""), last check-in \(s.lastCheckIn.map(String.init(describing:)) ?? "none yet")",
                g.reviewDays == nil ? "no review cadence: set 'review'" : "no check-in for \(s.daysSinceCheckIn) days"),
            letter(
                "A", "Ambitious", ambition.map { $0 >= 0.1 } ?? true,
                ambition.map { "aims \(DisplayFormat.percent($0)) beyond the baseline" } ?? "every task done",
                "the target is only \(DisplayFormat.percent(ambition)) from the baseline"),
            letter(
                "M", "Measured", s.current != nil, "a current value on \(asOf)",
                g.isTaskGoal ? "no tasks to count" : "no data for \(g.metric?.name ?? "the metric") yet"),
            letter(
                "T", "Transparent", g.team != nil && g.owner != nil,
                "on the \(g.team ?? "") wall, owned by \(g.owner ?? "")",
                g.team == nil ? "no team: it shows on no team wall" : "no owner to ask"),
        ]
    }
}
