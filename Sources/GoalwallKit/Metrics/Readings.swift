/// A point on the time line, for ordering rows whose dates carry times and offsets (§9:
/// a date alone, or a time without offset, is taken as UTC).
struct Instant: Comparable, Hashable, Sendable {
    var seconds: Int
    var nanoseconds: Int

    static func < (a: Instant, b: Instant) -> Bool {
        (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds)
    }
}

/// The first cell of a metric row: the calendar date as written, and the instant it names.
struct RowDate: Sendable {
    var day: Day
    var instant: Instant

    init(day: Day, instant: Instant) {
        self.day = day
        self.instant = instant
    }

    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS[.F…]][Z|±HH:MM]`, fractions of 1 to 9 digits (§4).
    init?(_ text: some StringProtocol) {
        let b = Array(text.utf8)
        guard b.count >= 10, let day = Day(iso: String(decoding: b[0..<10], as: UTF8.self)) else {
            return nil
        }
        self.day = day
        var seconds = day.daysSinceEpoch * 86_400
        var nanoseconds = 0
        if b.count > 10 {
            guard b[10] == UInt8(ascii: "T"), b.count >= 16, b[13] == UInt8(ascii: ":"),
                let hour = Day.number(b[11..<13]), let minute = Day.number(b[14..<16]),
                hour < 24, minute < 60
            else { return nil }
            seconds += hour * 3600 + minute * 60
            var i = 16
            if i < b.count, b[i] == UInt8(ascii: ":") {
                guard i + 3 <= b.count, let second = Day.number(b[(i + 1)..<(i + 3)]), second < 60
                else { return nil }
                seconds += second
                i += 3
                if i < b.count, b[i] == UInt8(ascii: ".") {
                    var digits = 0
                    i += 1
                    while i < b.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[i]) {
                        // A tenth digit is not a fraction §4 allows (and would overflow).
                        guard digits < 9 else { return nil }
                        nanoseconds = nanoseconds * 10 + Int(b[i] - UInt8(ascii: "0"))
                        digits += 1
                        i += 1
                    }
                    guard digits >= 1 else { return nil }
                    for _ in digits..<9 { nanoseconds *= 10 }
                }
            }
            if i < b.count {
                if b[i] == UInt8(ascii: "Z") {
                    i += 1
                } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                    guard i + 6 == b.count, b[i + 3] == UInt8(ascii: ":"),
                        let offsetHours = Day.number(b[(i + 1)..<(i + 3)]),
                        let offsetMinutes = Day.number(b[(i + 4)..<(i + 6)]),
                        offsetHours < 24, offsetMinutes < 60
                    else { return nil }
                    let offset = offsetHours * 3600 + offsetMinutes * 60
                    seconds -= b[i] == UInt8(ascii: "+") ? offset : -offset
                    i += 6
                }
            }
            guard i == b.count else { return nil }
        }
        self.instant = Instant(seconds: seconds, nanoseconds: nanoseconds)
    }
}

/// §4/§9 numbers: `[+-]?(D+[.D*]|.D+)([eE][+-]?D+)?`, finite. NaN, inf, hex and values
/// beyond Double's range are not numbers.
func parseDecimal(_ text: some StringProtocol) -> Double? {
    let b = Array(text.utf8)
    var i = 0
    func digits() -> Int {
        let from = i
        while i < b.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[i]) { i += 1 }
        return i - from
    }
    if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
    var mantissa = digits()
    if i < b.count, b[i] == UInt8(ascii: ".") {
        i += 1
        mantissa += digits()
    }
    guard mantissa > 0 else { return nil }
    if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
        i += 1
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
        guard digits() > 0 else { return nil }
    }
    guard i == b.count, let value = Double(String(decoding: b, as: UTF8.self)), value.isFinite
    else { return nil }
    return value
}
