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
        let metric = g.metricName ?? ""
        let keep = g.isMaintain ? Self.keepWords(s) : ""
        let record = s.record ?? Record(periods: [])
        let periods = "\(g.period.rawValue)s"
        smart = [
            letter(
                "S", "Specific", g.owner != nil && words >= 3, "an owner and a title that says what changes",
                g.owner == nil ? "no owner: name the champion" : "the title is under three words: say what changes"),
            g.isMaintain
                ? letter("M", "Measurable", true, "keeps \(metric) \(keep)", "")
                : letter(
                    "M", "Measurable", g.isTaskGoal ? s.tasksTotal > 0 : true,
                    g.isTaskGoal ? "measured by \(s.tasksTotal) tasks" : "metric \(metric) with a target",
                    "no metric and no tasks: nothing to measure"),
            // A goal kept every period is achievable when it has been kept before.
            g.isMaintain
                ? letter(
                    "A", "Achievable", record.judged == 0 || record.met > 0,
                    record.judged == 0
                        ? "nothing judged yet" : "kept in \(record.met) of \(record.judged) \(periods) so far",
                    "never kept in \(record.judged) \(periods): is \(keep) within reach?")
                : letter(
                    "A", "Achievable", !g.milestones.isEmpty || spanDays <= 42,
                    g.milestones.isEmpty
                        ? "short enough to reach in one step" : "broken into \(g.milestones.count) milestones",
                    "no milestones over \(spanDays) days: add interim targets"),
            letter(
                "R", "Relevant", g.parent != nil || hasChildren,
                g.parent != nil ? "serves '\(g.parent!)'" : "other goals serve it",
                "serves no parent goal: say what bigger goal it moves"),
            g.isMaintain
                ? letter(
                    "T", "Time-bound", true,
                    "judged every \(g.period.rawValue)" + (g.due.map { " until \($0)" } ?? ", for as long as it runs"),
                    "")
                : letter(
                    "T", "Time-bound", spanDays <= 366,
                    "due \(g.due.map(String.init(describing:)) ?? "–"), \(spanDays) days after start",
                    "spans \(spanDays) days: break it into goals of a year or less"),
        ]
        let ambition: Double? =
            g.isTaskGoal || g.isMaintain
            ? nil : s.baseline.flatMap { b in s.target.map { t in b == 0 ? (t == 0 ? 0 : 1) : abs(t - b) / abs(b) } }
        fast = [
            letter(
                "F", "Frequently discussed", g.reviewDays != nil && !s.stale,
                "reviewed \(g.review ?? ""), last check-in \(s.lastCheckIn.map(String.init(describing:)) ?? "none yet")",
                g.reviewDays == nil ? "no review cadence: set 'review'" : "no check-in for \(s.daysSinceCheckIn) days"),
            // A goal to keep is ambitious when most periods must be kept.
            g.isMaintain
                ? letter(
                    "A", "Ambitious", g.hold >= 0.8, "hold \(DisplayFormat.percent(g.hold)): most periods must be kept",
                    "hold \(DisplayFormat.percent(g.hold)) lets many periods slip: raise 'hold'")
                : letter(
                    "A", "Ambitious", ambition.map { $0 >= 0.1 } ?? true,
                    ambition.map { "aims \(DisplayFormat.percent($0)) beyond the baseline" } ?? "every task done",
                    "the target is only \(DisplayFormat.percent(ambition)) from the baseline"),
            letter(
                "M", "Measured", s.current != nil,
                g.isMaintain ? "\(record.judged) \(periods) judged by \(asOf)" : "a current value on \(asOf)",
                g.isTaskGoal ? "no tasks to count" : "no data for \(metric.isEmpty ? "the metric" : metric) yet"),
            letter(
                "T", "Transparent", g.team != nil && g.owner != nil,
                "on the \(g.team ?? "") wall, owned by \(g.owner ?? "")",
                g.team == nil ? "no team: it shows on no team wall" : "no owner to ask"),
        ]
    }

    /// "at most 1:00:00 every week"
    static func keepWords(_ s: Standing) -> String {
        let side = (s.direction ?? .up).keptSide
        let every = s.goal.period == .day ? "every day" : "every \(s.goal.period.rawValue)"
        return "\(side) \(s.goal.shown(s.target)) \(every)"
    }
}
