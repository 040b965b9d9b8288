/// A milestone and whether it was met (§5): nil while in the future or with no point by then.
public struct MilestoneStanding: Sendable {
    public var milestone: Milestone
    /// Its target as a number: a relative one once the baseline is known (§10).
    public var target: Double?
    public var met: Bool?
}

/// Where one goal stands on the as-of date: every figure of goals.json (§5, §6, §9, §10).
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
    /// A maintain goal's judged periods (§10); nil on a reach goal.
    public var record: Record?
    /// The tolerance the status was judged with: the goal's own, else goalwall.yml's.
    public var tolerance: Double
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
        _ goal: Goal, metrics: [String: MetricTable], asOf: Day, tolerance siteTolerance: Double,
        into diagnostics: inout Diagnostics
    ) -> Standing {
        let checkIns = goal.body.checkIns.filter { $0.date <= asOf }
            .enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
        let lastCheckIn = checkIns.last?.date
        let daysSince = (lastCheckIn ?? goal.start).days(to: asOf)
        let stale = goal.reviewDays.map { daysSince > $0 } ?? false
        let tolerance = goal.tolerance ?? siteTolerance

        var standing = Standing(
            goal: goal, series: nil, plan: nil, direction: nil, baseline: nil, target: nil, current: nil,
            currentDate: nil, expected: nil, progress: nil, behind: nil, status: .noData, forecast: nil,
            forecastDate: nil, forecastLine: nil,
            milestones: goal.milestones.map { MilestoneStanding(milestone: $0, target: nil, met: nil) },
            record: nil, tolerance: tolerance, checkIns: checkIns, lastCheckIn: lastCheckIn, stale: stale,
            daysSinceCheckIn: daysSince, tasksDone: goal.body.tasks.count(where: \.done),
            tasksTotal: goal.body.tasks.count, parent: goal.parent)

        if goal.isMaintain {
            standing.keep(metrics: metrics, asOf: asOf)
        } else if let metric = goal.metric, let due = goal.due {
            standing.reach(metric, due: due, metrics: metrics, asOf: asOf, into: &diagnostics)
        } else if let due = goal.due {
            standing.measureTasks(due: due, asOf: asOf)
        }
        return standing
    }

    /// The metric's series on as-of, with a warning for each period whose sum leaves
    /// Double's range; nil when the metric cannot be read.
    private func series(
        _ metric: MetricReference, metrics: [String: MetricTable], asOf: Day, into diagnostics: inout Diagnostics
    ) -> MetricSeries? {
        guard let table = metrics[metric.file], !table.isUnreadable else { return nil }
        let measure: MetricSeries.Measure
        if let formula = metric.formula {
            var indices: [String: Int] = [:]
            for name in formula.columns {
                guard let index = table.column(named: name) else { return nil }
                indices[name] = index
            }
            measure = .formula(formula, indices)
        } else {
            guard let column = metric.column.flatMap(table.column(named:)) else { return nil }
            measure = .column(column)
        }
        let series = MetricSeries(table: table, measure: measure, rollup: goal.rollup, period: goal.period, asOf: asOf)
        for day in series.overflows {
            diagnostics.warning(
                "the \(goal.rollup.rawValue) of \(metric.name) for the \(goal.period.rawValue) of \(day) is beyond the range of numbers; that period is left out",
                at: goal.metricLocation)
        }
        return series
    }

    // MARK: Reach goals (§5, §9, §10)

    /// A reach goal measured by its metric only (§9): from baseline to target by due.
    private mutating func reach(
        _ metric: MetricReference, due: Day, metrics: [String: MetricTable], asOf: Day,
        into diagnostics: inout Diagnostics
    ) {
        let series = series(metric, metrics: metrics, asOf: asOf, into: &diagnostics)
        self.series = series
        let points = series?.points ?? []
        if let latest = points.last {
            current = latest.value
            currentDate = latest.date
        }
        // §9 default baseline: the latest point dated ≤ start, else the first after it.
        // §10: a window's baseline is the mean of its points; none in it is no data.
        var windowIsEmpty = false
        switch goal.baseline {
        case nil: baseline = (series?.latest(onOrBefore: goal.start) ?? points.first)?.value
        case .value(let value): baseline = value
        case .window(let from, let to):
            baseline = Self.mean(points.filter { $0.date >= from && $0.date <= to }.map(\.value))
            windowIsEmpty = baseline == nil
        }
        target = goal.target?.resolved(baseline: baseline)
        milestones = goal.milestones.map {
            MilestoneStanding(milestone: $0, target: $0.target?.resolved(baseline: baseline), met: nil)
        }
        direction = goal.direction
        if let baseline, let target {
            direction = Self.direction(of: goal, baseline: baseline, target: target, into: &diagnostics)
            let plan = Plan(
                start: goal.start, baseline: baseline,
                corners: milestones.filter(\.milestone.isInPlan).compactMap { m in
                    m.target.map { Point(date: m.milestone.date, value: $0) }
                }, due: due, target: target)
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
        }
        if let direction {
            if !windowIsEmpty, let line = Forecast(points: points, start: goal.start, asOf: asOf) {
                forecast = line.value(on: due)
                forecastLine = (line.slope, line.intercept)
                forecastDate = target.flatMap { line.day(reaching: $0, direction: direction) }
            }
            milestones = milestones.map { m in
                var m = m
                if m.milestone.date <= asOf, let value = m.target,
                    let point = series?.latest(onOrBefore: m.milestone.date)
                {
                    m.met = direction.meets(point.value, target: value)
                }
                return m
            }
        }
        let meets = current.flatMap { current in target.flatMap { direction?.meets(current, target: $0) } } ?? false
        status = Status.of(
            state: goal.state, current: windowIsEmpty ? nil : current, meetsTarget: meets, asOf: asOf,
            start: goal.start, due: due, behind: behind, tolerance: tolerance)
    }

    /// §3, §9: the direction given, else up or down from target against baseline; target =
    /// baseline without a direction is an error (§10: also when a relative target makes it so).
    private static func direction(
        of goal: Goal, baseline: Double, target: Double, into diagnostics: inout Diagnostics
    ) -> Direction? {
        if let given = goal.direction {
            if (given == .up && target < baseline) || (given == .down && target > baseline) {
                diagnostics.warning(
                    "direction '\(given.rawValue)' contradicts target \(DisplayFormat.plain(target)) and baseline \(DisplayFormat.plain(baseline)); the rules apply as written",
                    at: goal.targetLocation)
            }
            return given
        }
        if target != baseline { return target > baseline ? .up : .down }
        diagnostics.error(
            "target \(DisplayFormat.plain(target)) equals the baseline: set 'direction' (up or down) to say which side to stay on",
            at: goal.targetLocation)
        return nil
    }

    /// The mean of values, staying in range where their plain sum would leave it; nil for none.
    static func mean(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sum = values.reduce(0, +)
        if sum.isFinite { return sum / Double(values.count) }
        var mean = 0.0
        for (index, value) in values.enumerated() { mean += (value - mean) / Double(index + 1) }
        return mean
    }

    // MARK: Task goals (§5, §9)

    /// Progress = done/total, baseline 0, target 1, expected = the elapsed fraction of
    /// start…due clamped to [0, 1]; no tasks is no data.
    private mutating func measureTasks(due: Day, asOf: Day) {
        baseline = 0
        target = 1
        direction = .up
        let elapsed = Double(goal.start.days(to: asOf)) / Double(goal.start.days(to: due))
        let expected = min(1, max(0, elapsed))
        self.expected = expected
        milestones = goal.milestones.map { m in
            // Shown, not computed; a relative target has no baseline to scale here.
            var target: Double?
            if case .value(let value) = m.target { target = value }
            return MilestoneStanding(milestone: m, target: target, met: nil)
        }
        if tasksTotal > 0 {
            let current = Double(tasksDone) / Double(tasksTotal)
            self.current = current
            progress = current
            behind = expected - current
        }
        status = Status.of(
            state: goal.state, current: current, meetsTarget: current.map { $0 >= 1 } ?? false, asOf: asOf,
            start: goal.start, due: due, behind: behind, tolerance: tolerance)
    }

    // MARK: Maintain goals (§10)

    /// Keeps the metric on the right side of target in every judged period.
    private mutating func keep(metrics: [String: MetricTable], asOf: Day) {
        guard let metric = goal.metric, case .value(let target) = goal.target, let direction = goal.direction else {
            return
        }
        var ignored = Diagnostics()  // a maintain goal's periods are judged, never summed past range
        let series = series(metric, metrics: metrics, asOf: asOf, into: &ignored)
        self.series = series
        self.target = target
        self.direction = direction
        let record = series.map {
            Record(
                judging: $0, start: goal.start, due: goal.due, period: goal.period, rollup: goal.rollup, asOf: asOf,
                target: target, direction: direction)
        }
        self.record = record ?? Record(periods: [])
        milestones = []
        if let latest = record?.periods.last {
            current = latest.value
            currentDate = latest.date
        }
        progress = self.record!.share
        status = Status.ofMaintain(
            state: goal.state, asOf: asOf, start: goal.start, due: goal.due, record: self.record!, hold: goal.hold,
            target: target, direction: direction, tolerance: tolerance)
    }
}
