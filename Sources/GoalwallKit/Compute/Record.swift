/// A maintain goal's judged periods (§10): which met the target, and how many were judged.
/// `record` in goals.json is `{met, judged}`.
public struct Record: Sendable, Hashable {
    /// One judged period: its first day, its value, and whether it met the target.
    public struct Period: Sendable, Hashable {
        public var date: Day
        public var value: Double
        public var met: Bool
    }

    /// Oldest first.
    public var periods: [Period]

    public var judged: Int { periods.count }
    public var met: Int { periods.count(where: \.met) }
    /// met / judged; nil when nothing was judged.
    public var share: Double? { judged > 0 ? Double(met) / Double(judged) : nil }

    public init(periods: [Period]) { self.periods = periods }

    /// Judges every candidate period (§10): the complete periods (§9) whose first day is on
    /// or after start and, with a due date, on or before it; with `period: day`, every day
    /// in [start, min(due, as-of)]. A candidate's value is its point; with `sum` or `count`
    /// a column without a value there counts as 0; a candidate without a value is not judged.
    init(
        judging series: MetricSeries, start: Day, due: Day?, period: GoalwallKit.Period, rollup: Rollup, asOf: Day,
        target: Double, direction: Direction
    ) {
        let zeroWhenEmpty = rollup == .sum || rollup == .count
        var periods: [Period] = []
        var day = Self.firstCandidate(start: start, period: period)
        while due.map({ day <= $0 }) ?? true {
            let last = period.end(ofPeriodStarting: day)
            guard last <= asOf else { break }
            if let value = series.maintainValue(ofPeriodStarting: day, zeroWhenEmpty: zeroWhenEmpty) {
                periods.append(Period(date: day, value: value, met: direction.meets(value, target: target)))
            }
            day = last.adding(days: 1)
        }
        self.periods = periods
    }

    /// The first period whose first day is on or after start.
    static func firstCandidate(start: Day, period: GoalwallKit.Period) -> Day {
        let first = period.start(of: start)
        return first == start ? start : period.end(ofPeriodStarting: first).adding(days: 1)
    }
}
