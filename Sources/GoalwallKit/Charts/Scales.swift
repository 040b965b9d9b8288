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

    /// About `count` ticks from a round number at or below `low` to one at or above `high`.
    /// A flat range is widened around its value; anything not finite falls back to 0…1.
    init(covering low: Double, _ high: Double, count: Int = 5) {
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
        let magnitude = Self.power(of10Below: raw)
        let residual = raw / magnitude
        let step = (residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10) * magnitude
        self.step = step
        self.low = (low / step).rounded(.down) * step
        self.high = (high / step).rounded(.up) * step
        if self.high == self.low { self.high = self.low + step }
    }

    private static func power(of10Below value: Double) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        var p = 1.0
        while p > value { p /= 10 }
        while p * 10 <= value { p *= 10 }
        return p
    }

    /// The tick values, computed as whole multiples of the step so they print cleanly.
    var values: [Double] {
        let first = (low / step).rounded()
        let last = (high / step).rounded()
        guard last - first < 1000 else { return [low, high] }
        return stride(from: first, through: last, by: 1).map { ($0 * step * 1e9).rounded() / 1e9 }
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
            let month = String(DisplayFormat.months[c.month - 1].prefix(3))
            switch style {
            case .day: return "\(c.day) \(month)"
            case .month: return c.month == 1 ? "\(month) \(c.year)" : month
            case .quarter: return "Q\((c.month - 1) / 3 + 1) \(c.year)"
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
