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
    public var points: [Point] {
        get { zip(dates, values).map { Point(date: Day(daysSinceEpoch: Int($0)), value: $1) } }
        set { (dates, values) = (newValue.map { Int32(clamping: $0.date.daysSinceEpoch) }, newValue.map(\.value)) }
    }
    /// The points as two arrays, 12 bytes a point instead of 16: a year of days for each of
    /// 10,000 goals is held until the last page renders. A Day of years 1–9999 fits in 32 bits.
    private var dates: [Int32] = []
    private var values: [Double] = []
    /// The latest point, without making the list.
    public var last: Point? {
        dates.last.map { Point(date: Day(daysSinceEpoch: Int($0)), value: values[values.count - 1]) }
    }
    /// The period still in progress on the as-of date, if it has a value.
    public var partial: Point?
    /// Complete periods that have rows but only empty cells: a chart leaves a gap there.
    public var gaps: [Day]
    /// Periods whose rollup is beyond Double's range (a sum of huge values): left out.
    public var overflows: [Day] = []

    public init(points: [Point], partial: Point? = nil, gaps: [Day] = []) {
        self.partial = partial
        self.gaps = gaps
        measure = .column(0)
        self.points = points
    }

    /// What a goal measures in a table: one column, or a formula over its columns (§10).
    enum Measure: Hashable, Sendable {
        case column(Int)
        /// The formula, and the index of each column it names.
        case formula(Formula, [String: Int])
    }

    /// For a formula: the value of each column it uses, rolled up, in every complete period
    /// that has rows; nil where a column has no value there. Maintain goals read it (§10:
    /// with sum or count, a column with no value in a judged period counts as 0). A plain
    /// column's values are its points, so it keeps none (a year of days for each of 10,000
    /// goals would take hundreds of megabytes).
    var columnValues: [Day: [Double?]] = [:]
    let measure: Measure

    /// A plain column's series (§4, §9).
    init(table: MetricTable, column: Int, rollup: Rollup, period: Period, asOf: Day) {
        self.init(table: table, measure: .column(column), rollup: rollup, period: period, asOf: asOf)
    }

    init(table: MetricTable, measure: Measure, rollup: Rollup, period: Period, asOf: Day) {
        struct Accumulator {
            var last = 0.0, sum = 0.0, minimum = Double.infinity, maximum = -Double.infinity
            var count = 0
            /// A running mean, for when the plain sum leaves Double's range.
            var mean = 0.0

            mutating func add(_ value: Double) {
                last = value
                sum += value
                minimum = Swift.min(minimum, value)
                maximum = Swift.max(maximum, value)
                count += 1
                mean += (value - mean) / Double(count)
            }

            /// The rollup; nil with no value, .infinity when beyond Double's range.
            func value(_ rollup: Rollup) -> Double? {
                guard count > 0 else { return nil }
                return switch rollup {
                case .last: last
                case .sum: sum
                case .mean: sum.isFinite ? sum / Double(count) : mean
                case .min: minimum
                case .max: maximum
                case .count: Double(count)
                }
            }
        }
        self.measure = measure
        let used: [Int] =
            switch measure {
            case .column(let index): [index]
            case .formula(let formula, let indices): formula.columns.compactMap { indices[$0] }
            }
        var periods: [Day: [Accumulator]] = [:]
        for (row, date) in table.dates.enumerated() where date.day <= asOf {
            let key = period.start(of: date.day)
            var accumulators = periods[key] ?? Array(repeating: Accumulator(), count: used.count)
            for (slot, column) in used.enumerated() {
                if let value = table.value(column: column, row: row) { accumulators[slot].add(value) }
            }
            periods[key] = accumulators
        }
        var dates: [Int32] = []
        var values: [Double] = []
        dates.reserveCapacity(periods.count)  // held to the end (see `dates`)
        values.reserveCapacity(periods.count)
        var partial: Point?
        var gaps: [Day] = []
        var overflows: [Day] = []
        var columnValues: [Day: [Double?]] = [:]
        for key in periods.keys.sorted() {
            let rolled = periods[key]!.map { $0.value(rollup) }
            let isComplete = period.end(ofPeriodStarting: key) <= asOf
            let finite = rolled.map { $0.flatMap { $0.isFinite ? $0 : nil } }
            if isComplete, case .formula = measure { columnValues[key] = finite }
            let value: Double?
            switch measure {
            case .column:
                if let rolled = rolled[0], !rolled.isFinite {  // a sum past Double's range is no number
                    overflows.append(key)
                    continue
                }
                value = finite[0]
            case .formula(let formula, let indices):
                value = formula.value { name in indices[name].flatMap { used.firstIndex(of: $0) }.flatMap { finite[$0] }
                }
            }
            guard let value else {
                if isComplete { gaps.append(key) }  // rows, but no value: a chart leaves a gap
                continue
            }
            if isComplete {
                dates.append(Int32(clamping: key.daysSinceEpoch))
                values.append(value)
            } else {
                partial = Point(date: key, value: value)
            }
        }
        self.dates = dates
        self.values = values
        self.partial = partial
        self.gaps = gaps
        self.overflows = overflows
        self.columnValues = columnValues
    }

    /// §10 maintain goals: the value of a judged period; with `sum` or `count` a column with
    /// no value there counts as 0 (nothing was done), else a period without a point has none.
    func maintainValue(ofPeriodStarting day: Day, zeroWhenEmpty: Bool) -> Double? {
        guard zeroWhenEmpty else { return latest(onOrBefore: day).flatMap { $0.date == day ? $0.value : nil } }
        switch measure {
        case .column: return latest(onOrBefore: day).flatMap { $0.date == day ? $0.value : nil } ?? 0
        case .formula(let formula, let indices):
            let values = columnValues[day]
            let used = formula.columns.compactMap { indices[$0] }
            return formula.value { name in
                guard let slot = indices[name].flatMap({ used.firstIndex(of: $0) }) else { return nil }
                return values?[slot] ?? 0
            }
        }
    }

    /// The latest point dated on or before `day`.
    public func latest(onOrBefore day: Day) -> Point? {
        let day = Int32(clamping: day.daysSinceEpoch)
        var low = 0
        var high = dates.count
        while low < high {
            let mid = (low + high) / 2
            if dates[mid] <= day { low = mid + 1 } else { high = mid }
        }
        return low > 0 ? Point(date: Day(daysSinceEpoch: Int(dates[low - 1])), value: values[low - 1]) : nil
    }
}
