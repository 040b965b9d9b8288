import Foundation

/// Numbers and dates as people read them: on the wall, in charts, in messages (goals.json
/// keeps full precision). The one place that decides how a number looks, in the language
/// of the page being rendered (`Language.current`: English outside a render).
enum DisplayFormat {
    /// 10,324 · 72.4 · 4.9 · 0.47: fewer decimals as numbers grow (10.324 · 72,4 in German).
    static func number(_ value: Double, in language: Language = Language.current) -> String {
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
        if whole.count >= 3 + language.minimumGroupingDigits {
            while whole.count > 3 {
                grouped = language.group + whole.suffix(3) + grouped
                whole.removeLast(3)
            }
        }
        grouped = whole + grouped
        let sign = value < 0 && scaled > 0 ? "−" : ""
        return sign + grouped + (fraction.isEmpty ? "" : language.decimal + fraction)
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
        case .week: say("weekOf", ["date": short(day)])
        case .month: monthYear(day)
        }
    }

    /// "March 2026"
    static func monthYear(_ day: Day, short: Bool = false) -> String {
        let language = Language.current
        let c = day.components
        let month = (short ? language.shortMonths : language.months)[c.month - 1]
        return Language.fill(language.monthYear, ["month": month, "year": String(c.year)])
    }

    /// The length of the period a point stands for (§3 `period`).
    enum PeriodLength { case day, week, month }

    static func withUnit(_ text: String, _ unit: String?) -> String {
        guard let unit, !unit.isEmpty else { return text }
        return unit == "%" ? Language.fill(Language.current.percent, ["n": text]) : text + " " + unit
    }

    /// Chart ticks: short, with k/M/B/T for large numbers (the language's short forms).
    static func compact(_ value: Double) -> String {
        let magnitude = abs(value)
        let patterns = Language.current.compact
        for (index, (limit, scale)) in [(1e12, 1e12), (1e9, 1e9), (1e6, 1e6), (1e4, 1e3)].enumerated()
        where magnitude >= limit {
            return Language.fill(patterns[3 - index], ["n": number(value / scale)])
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
        return Language.fill(Language.current.percent, ["n": number((fraction * 100).rounded())])
    }

    /// "2 March 2026" ("2. März 2026"); with `short` months "2 Mar 2026".
    static func long(_ day: Day, short: Bool = false) -> String {
        let language = Language.current
        let c = day.components
        let month = (short ? language.shortMonths : language.months)[c.month - 1]
        return Language.fill(
            short ? language.shortDate : language.date, ["day": String(c.day), "month": month, "year": String(c.year)])
    }

    /// "1 Oct–31 Dec 2025", "15 Dec 2025–15 Jan 2026"
    static func range(_ from: Day, _ to: Day) -> String {
        let start = from.components.year == to.components.year ? short(from) : long(from, short: true)
        return "\(start)–\(long(to, short: true))"
    }

    /// "2 Mar"
    static func short(_ day: Day) -> String {
        let language = Language.current
        let c = day.components
        return Language.fill(language.dayMonth, ["day": String(c.day), "month": language.shortMonths[c.month - 1]])
    }

    /// "12 days left", "due today", "3 days overdue"
    static func daysLeft(from asOf: Day, to due: Day) -> String {
        let days = asOf.days(to: due)
        if days == 0 { return say("dueToday") }
        return days > 0 ? say("daysLeft", count: days) : say("daysOverdue", count: -days)
    }
}
