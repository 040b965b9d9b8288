/// A milestone and whether it was met (§5): nil while in the future or with no point by then.
public struct MilestoneStanding: Sendable {
    public var milestone: Milestone
    public var met: Bool?
}

/// Where one goal stands on the as-of date: every figure of goals.json (§5, §6, §9).
public struct Standing: Sendable {
    public var goal: Goal
    /// The metric as known on as-of; nil for a task goal.
    public var series: MetricSeries?
    public var plan: Plan?
    public var direction: Direction?
    public var baseline: Double?
    public var target: Double?
    public var current: Double?
    public var currentDate: Day?
    public var expected: Double?
    public var progress: Double?
    public var behind: Double?
    public var status: Status
    public var forecast: Double?
    public var forecastDate: Day?
    /// The least-squares line behind the forecast: value = intercept + slope × days since start.
    public var forecastLine: (slope: Double, intercept: Double)?
    public var milestones: [MilestoneStanding]
    /// Check-ins dated on or before as-of, by date, ties in document order.
    public var checkIns: [CheckIn]
    public var lastCheckIn: Day?
    public var stale: Bool
    /// Days since the last check-in (or since start), for "no check-in for 12 days".
    public var daysSinceCheckIn: Int
    public var tasksDone: Int
    public var tasksTotal: Int
    /// The parent as shown: nil when it is a draft left out of the build.
    public var parent: String?
    /// Everything these figures were computed from (the goal's and its metric's revisions,
    /// as-of, tolerance, the parent shown): equal inputs, equal figures. Rebuilds compare it.
    var inputs = 0

    public var slug: String { goal.slug }

    /// Computes a goal's figures on `asOf`, reporting what only the numbers reveal
    /// (a target equal to the baseline, a direction that contradicts them).
    static func compute(
        _ goal: Goal, metrics: [String: MetricTable], asOf: Day, tolerance: Double,
        into diagnostics: inout Diagnostics
    ) -> Standing {
        let checkIns = goal.body.checkIns.filter { $0.date <= asOf }
            .enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
        let lastCheckIn = checkIns.last?.date
        let daysSince = (lastCheckIn ?? goal.start).days(to: asOf)
        let stale = goal.reviewDays.map { daysSince > $0 } ?? false
        let done = goal.body.tasks.count(where: \.done)
        let total = goal.body.tasks.count

        var standing = Standing(
            goal: goal, series: nil, plan: nil, direction: nil, baseline: nil, target: nil, current: nil,
            currentDate: nil, expected: nil, progress: nil, behind: nil, status: .noData, forecast: nil,
            forecastDate: nil, forecastLine: nil,
            milestones: goal.milestones.map { MilestoneStanding(milestone: $0, met: nil) },
            checkIns: checkIns, lastCheckIn: lastCheckIn, stale: stale, daysSinceCheckIn: daysSince,
            tasksDone: done, tasksTotal: total, parent: goal.parent)

        if let metric = goal.metric {
            standing.measureMetric(metric, metrics: metrics, asOf: asOf, into: &diagnostics)
        } else {
            standing.measureTasks(asOf: asOf)
        }
        let meets =
            standing.current.flatMap { current in
                standing.target.flatMap { target in standing.direction?.meets(current, target: target) }
            } ?? false
        standing.status = Status.of(
            state: goal.state, current: standing.current, meetsTarget: meets, asOf: asOf,
            start: goal.start, due: goal.due, behind: standing.behind, tolerance: tolerance)
        return standing
    }

    /// A metric goal is measured by its metric only (§9).
    private mutating func measureMetric(
        _ metric: MetricReference, metrics: [String: MetricTable], asOf: Day, into diagnostics: inout Diagnostics
    ) {
        guard let table = metrics[metric.file], let column = table.column(named: metric.column) else { return }
        let series = MetricSeries(table: table, column: column, rollup: goal.rollup, period: goal.period, asOf: asOf)
        self.series = series
        for day in series.overflows {
            diagnostics.warning(
                "the \(goal.rollup.rawValue) of \(metric.name) for the \(goal.period.rawValue) of \(day) is beyond the range of numbers; that period is left out",
                at: goal.metricLocation)
        }
        target = goal.target
        // §9: the default baseline is the latest point dated ≤ start, else the first after it.
        baseline = goal.baseline ?? (series.latest(onOrBefore: goal.start) ?? series.points.first)?.value
        if let latest = series.points.last {
            current = latest.value
            currentDate = latest.date
        }
        guard let baseline, let target else {
            direction = goal.direction
            return
        }
        if let given = goal.direction {
            direction = given
            if (given == .up && target < baseline) || (given == .down && target > baseline) {
                diagnostics.warning(
                    "direction '\(given.rawValue)' contradicts target \(DisplayFormat.plain(target)) and baseline \(DisplayFormat.plain(baseline)); the rules apply as written",
                    at: goal.targetLocation)
            }
        } else if target != baseline {
            direction = target > baseline ? .up : .down
        } else {
            diagnostics.error(
                "target \(DisplayFormat.plain(target)) equals the baseline: set 'direction' (up or down) to say which side to stay on",
                at: goal.targetLocation)
        }
        let plan = Plan(
            start: goal.start, baseline: baseline, milestones: goal.milestones, due: goal.due, target: target)
        self.plan = plan
        let expected = plan.expected(on: asOf)
        self.expected = expected
        let span = abs(target - baseline)
        if let current, span > 0 {
            progress = (current - baseline) / (target - baseline)
            if let direction {
                behind = direction == .up ? (expected - current) / span : (current - expected) / span
            }
        }
        if let direction {
            if let line = Forecast(points: series.points, start: goal.start, asOf: asOf) {
                forecast = line.value(on: goal.due)
                forecastLine = (line.slope, line.intercept)
                forecastDate = line.day(reaching: target, direction: direction)
            }
            milestones = goal.milestones.map { milestone in
                var met: Bool?
                if milestone.date <= asOf, let value = milestone.target,
                    let point = series.latest(onOrBefore: milestone.date)
                {
                    met = direction.meets(point.value, target: value)
                }
                return MilestoneStanding(milestone: milestone, met: met)
            }
        }
    }

    /// §5/§9 task goals: progress = done/total, baseline 0, target 1, expected = the elapsed
    /// fraction of start…due clamped to [0, 1]; no tasks is no data.
    private mutating func measureTasks(asOf: Day) {
        baseline = 0
        target = 1
        direction = .up
        let elapsed = Double(goal.start.days(to: asOf)) / Double(goal.start.days(to: goal.due))
        let expected = min(1, max(0, elapsed))
        self.expected = expected
        guard tasksTotal > 0 else { return }
        let current = Double(tasksDone) / Double(tasksTotal)
        self.current = current
        progress = current
        behind = expected - current
    }
}
