/// How several rows in one period become one point (§3 `rollup`).
public enum Rollup: String, CaseIterable, Sendable {
    case last, sum, mean, min, max, count
}

/// The period one point stands for (§3 `period`): a point's date is its period's first day.
public enum Period: String, CaseIterable, Sendable {
    case day, week, month

    func start(of day: Day) -> Day {
        switch self {
        case .day: day
        case .week: day.startOfWeek
        case .month: day.startOfMonth
        }
    }

    func end(ofPeriodStarting start: Day) -> Day {
        switch self {
        case .day: start
        case .week: start.adding(days: 6)
        case .month: start.endOfMonth
        }
    }
}

/// One value of a metric for one period, dated by the period's first day.
public struct Point: Hashable, Sendable {
    public var date: Day
    public var value: Double

    public init(date: Day, value: Double) {
        self.date = date
        self.value = value
    }
}

/// A goal's metric as known on the as-of date (§4, §9): rows after as-of dropped first,
/// rows rolled up per period, and only complete periods kept as points. The period in
/// progress is kept apart so a chart may draw it, marked partial.
public struct MetricSeries: Sendable {
    /// Complete periods, oldest first.
    public var points: [Point]
    /// The period still in progress on the as-of date, if it has a value.
    public var partial: Point?
    /// Complete periods that have rows but only empty cells: a chart leaves a gap there.
    public var gaps: [Day]
    /// Periods whose rollup is beyond Double's range (a sum of huge values): left out.
    public var overflows: [Day] = []

    public init(points: [Point], partial: Point? = nil, gaps: [Day] = []) {
        self.points = points
        self.partial = partial
        self.gaps = gaps
    }

    init(table: MetricTable, column: Int, rollup: Rollup, period: Period, asOf: Day) {
        struct Accumulator {
            var last = 0.0, sum = 0.0, minimum = Double.infinity, maximum = -Double.infinity
            var count = 0
            /// A running mean, for when the plain sum leaves Double's range.
            var mean = 0.0
        }
        var periods: [Day: Accumulator] = [:]
        var empty = Set<Day>()
        let values = table.values[column]
        for (row, date) in table.dates.enumerated() where date.day <= asOf {
            guard let value = values[row] else {
                empty.insert(period.start(of: date.day))
                continue
            }
            let key = period.start(of: date.day)
            var a = periods[key, default: Accumulator()]
            a.last = value
            a.sum += value
            a.minimum = Swift.min(a.minimum, value)
            a.maximum = Swift.max(a.maximum, value)
            a.count += 1
            a.mean += (value - a.mean) / Double(a.count)
            periods[key] = a
        }
        var points: [Point] = []
        var partial: Point?
        var overflows: [Day] = []
        for key in periods.keys.sorted() {
            let a = periods[key]!
            let value: Double =
                switch rollup {
                case .last: a.last
                case .sum: a.sum
                case .mean: a.sum.isFinite ? a.sum / Double(a.count) : a.mean
                case .min: a.minimum
                case .max: a.maximum
                case .count: Double(a.count)
                }
            guard value.isFinite else {  // a sum past Double's range is no number
                overflows.append(key)
                continue
            }
            let point = Point(date: key, value: value)
            if period.end(ofPeriodStarting: key) <= asOf {
                points.append(point)
            } else {
                partial = point
            }
        }
        let gaps = empty.filter { periods[$0] == nil && period.end(ofPeriodStarting: $0) <= asOf }.sorted()
        self.init(points: points, partial: partial, gaps: gaps)
        self.overflows = overflows
    }

    /// The latest point dated on or before `day`.
    public func latest(onOrBefore day: Day) -> Point? {
        var low = 0
        var high = points.count
        while low < high {
            let mid = (low + high) / 2
            if points[mid].date <= day { low = mid + 1 } else { high = mid }
        }
        return low > 0 ? points[low - 1] : nil
    }
}
