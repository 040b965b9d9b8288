/// A linear map from values to pixels (y grows downwards in SVG, so ranges may run backwards).
struct LinearScale {
    var domain: (low: Double, high: Double)
    var range: (from: Double, to: Double)

    func callAsFunction(_ value: Double) -> Double {
        let width = domain.high - domain.low
        guard width > 0, width.isFinite else { return (range.from + range.to) / 2 }
        let fraction = (value - domain.low) / width
        return range.from + (range.to - range.from) * fraction
    }
}

/// "Nice" value ticks in steps of 1, 2 or 5 times a power of ten, covering a range.
struct NiceTicks: Equatable {
    var low: Double
    var high: Double
    var step: Double
    /// The step as multiple × 10^exponent, so tick k is computed exactly as k × multiple
    /// scaled by a power of ten (3.4, not 3.4000000000000004).
    private var multiple: Double
    private var exponent: Int
    private var first: Double
    private var last: Double

    /// About `count` ticks from a round number at or below `low` to one at or above `high`.
    /// A flat range is widened around its value; anything not finite falls back to 0…1.
    /// With `wholeNumbers` (counts: articles, calls) no step is below 1.
    init(covering low: Double, _ high: Double, count: Int = 5, wholeNumbers: Bool = false) {
        var low = low
        var high = high
        if !low.isFinite || !high.isFinite || low > high {
            (low, high) = (0, 1)
        }
        if low == high {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            (low, high) = (low - pad, high + pad)
        }
        let raw = (high - low) / Double(max(1, count))
        var exponent = 0
        var magnitude = 1.0
        if raw > 0, raw.isFinite {
            while magnitude > raw, exponent > -300 {
                exponent -= 1
                magnitude = Self.power(exponent)
            }
            while magnitude * 10 <= raw, exponent < 300 {
                exponent += 1
                magnitude = Self.power(exponent)
            }
        }
        let residual = raw / magnitude
        multiple = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10
        if wholeNumbers, exponent < 0 {
            (multiple, exponent) = (1, 0)
        }
        self.exponent = exponent
        step = multiple * Self.power(exponent)
        first = (low / step).rounded(.down)
        last = (high / step).rounded(.up)
        if last == first { last = first + 1 }
        self.low = 0
        self.high = 0
        self.low = value(at: first)
        self.high = value(at: last)
    }

    /// Ticks for seconds shown as durations: steps of 1, 2, 5, 10, 15 or 30 seconds, 1, 2, 5,
    /// 10, 15 or 30 minutes, 1, 2, 3, 6 or 12 hours, or whole days.
    init(durationsCovering low: Double, _ high: Double, count: Int = 5) {
        var low = low
        var high = high
        if !low.isFinite || !high.isFinite || low > high { (low, high) = (0, 60) }
        if low == high { (low, high) = (low - 30, high + 30) }
        let raw = (high - low) / Double(max(1, count))
        let steps: [Double] = [
            1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
        ]
        let step = steps.first { $0 >= raw } ?? (raw / 86400).rounded(.up) * 86400
        multiple = step
        exponent = 0
        self.step = step
        first = (low / step).rounded(.down)
        last = (high / step).rounded(.up)
        if last == first { last = first + 1 }
        self.low = first * step
        self.high = last * step
    }

    private static func power(_ exponent: Int) -> Double {
        var p = 1.0
        for _ in 0..<abs(exponent) { p *= 10 }
        return exponent < 0 ? 1 / p : p
    }

    private func value(at k: Double) -> Double {
        if exponent >= 0 { return k * multiple * Self.power(exponent) }
        var scale = 1.0
        for _ in 0..<(-exponent) { scale *= 10 }
        return k * multiple / scale
    }

    /// The tick values, low to high.
    var values: [Double] {
        guard last - first < 1000 else { return [low, high] }
        return stride(from: first, through: last, by: 1).map(value(at:))
    }
}

/// Date ticks that suit the span: days, weeks, months, quarters or years.
struct DateTicks {
    struct Tick {
        var day: Day
        var label: String
    }

    static func ticks(from start: Day, to end: Day, maxCount: Int = 8) -> [Tick] {
        let span = start.days(to: end)
        var ticks: [Tick] = []
        func label(_ day: Day, _ style: Style) -> String {
            let c = day.components
            let month = Language.current.shortMonths[c.month - 1]
            switch style {
            case .day: return DisplayFormat.short(day)
            case .month: return c.month == 1 ? DisplayFormat.monthYear(day, short: true) : month
            case .quarter: return say("quarter", ["q": String((c.month - 1) / 3 + 1), "year": String(c.year)])
            case .year: return "\(c.year)"
            }
        }
        if span <= 14 {
            let every = max(1, (span + maxCount - 1) / maxCount)
            for offset in stride(from: 0, through: span, by: every) {
                ticks.append(Tick(day: start.adding(days: offset), label: label(start.adding(days: offset), .day)))
            }
        } else if span <= 120 {
            var monday = start.startOfWeek
            if monday < start { monday = monday.adding(days: 7) }
            let weeks = span / 7 + 1
            let every = max(1, (weeks + maxCount - 1) / maxCount)
            var day = monday
            while day <= end {
                ticks.append(Tick(day: day, label: label(day, .day)))
                day = day.adding(days: 7 * every)
            }
        } else if span <= 366 * 3 {
            let months = span / 30 + 1
            let every = [1, 2, 3, 6].first { (months + $0 - 1) / $0 <= maxCount } ?? 12
            ticks = monthly(from: start, to: end, every: every).map {
                Tick(day: $0, label: label($0, every >= 3 ? .quarter : .month))
            }
        } else {
            let years = span / 365 + 1
            let every = [1, 2, 5, 10, 20, 50, 100, 1000].first { (years + $0 - 1) / $0 <= maxCount } ?? 1000
            ticks = monthly(from: start, to: end, every: 12 * every).map { Tick(day: $0, label: label($0, .year)) }
        }
        return ticks
    }

    private enum Style { case day, month, quarter, year }

    /// First days of months on or after `start`, every `every` months (aligned to the calendar).
    private static func monthly(from start: Day, to end: Day, every: Int) -> [Day] {
        var (year, month, _) = start.components
        if start.components.day != 1 { month += 1 }
        var result: [Day] = []
        while result.count < 1000 {
            while month > 12 {
                month -= 12
                year += 1
            }
            guard let day = Day(year: year, month: month, day: 1), day <= end else { break }
            if (year * 12 + month - 1) % every == 0 { result.append(day) }
            month += 1
        }
        return result
    }
}
