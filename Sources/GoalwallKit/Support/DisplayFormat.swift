import Foundation

/// Numbers and dates as people read them: on the wall, in charts, in messages (goals.json
/// keeps full precision). The one place that decides how a number looks.
enum DisplayFormat {
    /// 10,324 · 72.4 · 4.9 · 0.47: fewer decimals as numbers grow.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        let magnitude = abs(value)
        let decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2
        if magnitude >= 1e15 { return "\(value)" }
        let scale = [1.0, 10, 100][decimals]
        let scaled = (magnitude * scale).rounded()
        var whole = String(Int(scaled / scale))
        var fraction = decimals > 0 ? String(Int(scaled.truncatingRemainder(dividingBy: scale))) : ""
        if decimals > 0 {
            fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
        }
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole.removeLast(3)
        }
        grouped = whole + grouped
        let sign = value < 0 && scaled > 0 ? "−" : ""
        return sign + grouped + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// A value with its unit; ten million and more in short form (2.6T) so it fits a card.
    /// Durations (§10 `format: duration`) read `6:31` or `1:02:03`, without a unit.
    static func value(_ value: Double?, unit: String?, duration: Bool = false) -> String {
        guard let value else { return "–" }
        if duration { return self.duration(value) }
        return withUnit(abs(value) >= 1e7 ? compact(value) : number(value), unit)
    }

    /// §10 durations: seconds as `M:SS`, or `H:MM:SS` from one hour; whole seconds rounded
    /// half up, a leading `-` for a negative value.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "–" }
        let whole = (abs(seconds) + 0.5).rounded(.down)
        guard whole < 1e15 else { return number(seconds) + " s" }
        let total = Int(whole)
        let sign = seconds < 0 && total > 0 ? "-" : ""
        let (hours, minutes, rest) = (total / 3600, total % 3600 / 60, total % 60)
        if hours > 0 { return "\(sign)\(hours):\(Day.pad(minutes, 2)):\(Day.pad(rest, 2))" }
        return "\(sign)\(minutes):\(Day.pad(rest, 2))"
    }

    /// A point's date as the period it stands for: "2 Mar", "week of 2 Mar", "March 2026".
    static func period(_ day: Day, _ period: PeriodLength) -> String {
        switch period {
        case .day: short(day)
        case .week: "week of \(short(day))"
        case .month: "\(months[day.components.month - 1]) \(day.components.year)"
        }
    }

    /// The length of the period a point stands for (§3 `period`).
    enum PeriodLength { case day, week, month }

    static func withUnit(_ text: String, _ unit: String?) -> String {
        guard let unit, !unit.isEmpty else { return text }
        return unit == "%" ? text + "%" : text + " " + unit
    }

    /// Chart ticks: short, with k/M/B/T for large numbers.
    static func compact(_ value: Double) -> String {
        let magnitude = abs(value)
        for (limit, suffix) in [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e4, "k")] where magnitude >= limit {
            return number(value / (suffix == "k" ? 1e3 : limit)) + suffix
        }
        return number(value)
    }

    /// A number in a message or a calendar line, as written: no trailing ".0", full precision.
    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// When the site last changed, as the wall says it: "2026-03-02 14:05 UTC".
    static func timestamp(_ date: Date) -> String {
        let raw = date.timeIntervalSince1970.rounded(.down)
        let seconds = raw.isFinite ? Int(min(max(raw, 0), 253_402_300_799)) : 0
        let day = Day(daysSinceEpoch: Int((Double(seconds) / 86_400).rounded(.down)))
        let inDay = seconds - day.daysSinceEpoch * 86_400
        return "\(day) \(Day.pad(inDay / 3600, 2)):\(Day.pad(inDay % 3600 / 60, 2)) UTC"
    }

    static func percent(_ fraction: Double?) -> String {
        guard let fraction, fraction.isFinite else { return "–" }
        return number((fraction * 100).rounded()) + "%"
    }

    static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// "2 March 2026"
    static func long(_ day: Day) -> String {
        let c = day.components
        return "\(c.day) \(months[c.month - 1]) \(c.year)"
    }

    /// "1 Oct–31 Dec 2025", "15 Dec 2025–15 Jan 2026"
    static func range(_ from: Day, _ to: Day) -> String {
        let (a, b) = (from.components, to.components)
        let start =
            a.year == b.year
            ? short(from)
            : long(from).replacingOccurrences(of: months[a.month - 1], with: String(months[a.month - 1].prefix(3)))
        return "\(start)–\(short(to)) \(b.year)"
    }

    /// "2 Mar"
    static func short(_ day: Day) -> String {
        let c = day.components
        return "\(c.day) \(months[c.month - 1].prefix(3))"
    }

    /// "12 days left", "due today", "3 days overdue"
    static func daysLeft(from asOf: Day, to due: Day) -> String {
        let days = asOf.days(to: due)
        switch days {
        case 0: return "due today"
        case 1: return "1 day left"
        case 2...: return "\(days) days left"
        case -1: return "1 day overdue"
        default: return "\(-days) days overdue"
        }
    }
}
