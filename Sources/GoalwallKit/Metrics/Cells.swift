/// A value cell as read (§4, §9, §10, §11).
enum CellValue: Equatable {
    case missing
    case number(Double)
    /// Says what is wrong, for "bad number 'x': …".
    case bad(String)
}

/// Reads the cells of one CSV file: value cells and date cells, under the file's dialect
/// (nil: §4 exactly, with §10's durations, which hold in every CSV).
struct Cells {
    let dialect: CSVDialect?
    private let missing: Set<String>

    init(dialect: CSVDialect?) {
        self.dialect = dialect
        missing = Set(dialect?.missing ?? [])
    }

    func value(_ cell: some StringProtocol) -> CellValue {
        var text = Substring(cell.trimmingBlanks)
        if text.isEmpty { return .missing }  // §4: empty; §9: only spaces
        guard let dialect else {
            if let number = parseDecimal(text) { return .number(number) }
            switch DurationText(text) {
            case .seconds(let seconds): return .number(seconds)
            case .invalid(let why): return .bad("bad duration '\(excerpt(text))': \(why)")
            case .notADuration:
                return .bad("bad number '\(excerpt(text))': expected a decimal like 12, -3.5, .5 or 1e3")
            }
        }
        // §11: a missing marker is compared as written; then a trailing % is dropped.
        if missing.contains(String(text)) { return .missing }
        let written = text
        if text.last == "%" { text = text.dropLast().trimmingBlanks }
        let expected =
            dialect.decimal == .point
            ? "expected a number like 12, -3.5, 1,234.5 or 85%" : "expected a number like 12, -3,5, 1.234,5 or 85%"
        guard !text.isEmpty else { return .bad("bad number '\(excerpt(written))': \(expected)") }
        if let grouped = Self.grouped(text, decimal: dialect.decimal) { return .number(grouped) }
        switch DurationText(text) {
        case .seconds(let seconds): return .number(seconds)
        case .invalid(let why): return .bad("bad duration '\(excerpt(written))': \(why)")
        case .notADuration: break
        }
        switch dialect.decimal {
        case .point:
            if let number = parseDecimal(text) { return .number(number) }
        case .comma:
            if !text.contains("."), let number = parseDecimal(text.replacingOccurrences(of: ",", with: ".")) {
                return .number(number)
            }
        }
        return .bad("bad number '\(excerpt(written))': \(expected)")
    }

    /// §11 groups of three digits: `1,234,567.5` with decimal `.`; `1.234.567,5` (or groups
    /// apart by a space, U+00A0 or U+202F) with decimal `,`. The first group has one to
    /// three digits after an optional sign; no exponent; the fraction may be empty.
    static func grouped(_ text: Substring, decimal: CSVDialect.DecimalMark) -> Double? {
        let scalars = Array(text.unicodeScalars)
        var i = 0
        var plain = ""
        if i < scalars.count, scalars[i] == "+" || scalars[i] == "-" {
            plain.unicodeScalars.append(scalars[i])
            i += 1
        }
        func digit(_ at: Int) -> Bool { at < scalars.count && ("0"..."9").contains(scalars[at]) }
        var lead = 0
        while digit(i), lead < 4 {
            plain.unicodeScalars.append(scalars[i])
            i += 1
            lead += 1
        }
        guard (1...3).contains(lead) else { return nil }
        let separators: Set<Unicode.Scalar> = decimal == .point ? [","] : [".", " ", "\u{A0}", "\u{202F}"]
        let mark: Unicode.Scalar = decimal == .point ? "." : ","
        var groups = 0
        while i < scalars.count, separators.contains(scalars[i]) {
            guard digit(i + 1), digit(i + 2), digit(i + 3), !digit(i + 4) else { return nil }
            plain.unicodeScalars.append(contentsOf: scalars[(i + 1)...(i + 3)])
            i += 4
            groups += 1
        }
        guard groups > 0 else { return nil }
        if i < scalars.count, scalars[i] == mark {
            plain += "."
            i += 1
            while digit(i) {
                plain.unicodeScalars.append(scalars[i])
                i += 1
            }
        }
        guard i == scalars.count else { return nil }
        return parseDecimal(plain)
    }

    /// Whether a cell starts like `02.03.2026` or `3/2/2026`: one or two digits, a
    /// separator, one or two digits, the same separator, four digits.
    static func looksLikeLocalDate(_ text: Substring) -> Bool {
        let bytes = Array(text.utf8)
        func digits(from i: Int) -> Int {
            var j = i
            while j < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[j]) { j += 1 }
            return j - i
        }
        let day = digits(from: 0)
        guard (1...2).contains(day), day < bytes.count, "./-".utf8.contains(bytes[day]) else { return false }
        let separator = bytes[day]
        let month = digits(from: day + 1)
        let second = day + 1 + month
        guard (1...2).contains(month), second < bytes.count, bytes[second] == separator else { return false }
        return digits(from: second + 1) == 4
    }

    /// A date cell: ISO dates and date-times always (§4); with `dates: dmy` or `mdy` also
    /// `D/M/YYYY`, `D.M.YYYY` or `D-M-YYYY` (day and month in the order named), optionally a
    /// space and `H:MM` or `H:MM:SS` (§11). The reason when it is not a date.
    func date(_ text: Substring) -> Result<RowDate, DateFailure> {
        if let iso = RowDate(text) { return .success(iso) }
        guard let order = dialect?.dates, order != .iso else {
            let expected = "expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS[.fraction]][Z|±HH:MM]"
            // 02.03.2026 or 3/2/2026: a spreadsheet's export; say how to read such dates.
            let looksLocal = Self.looksLikeLocalDate(text)
            return .failure(
                DateFailure(
                    looksLocal
                        ? "\(expected); for dates written day first (or month first) set dates: dmy (or mdy) under csv: in goalwall.yml"
                        : expected))
        }
        let shape = order == .dmy ? "DD/MM/YYYY or DD.MM.YYYY" : "MM/DD/YYYY"
        let expected = DateFailure("expected YYYY-MM-DD or \(shape), optionally with a time like 14:05")
        let bytes = Array(text.utf8)
        var i = 0
        func number(maxDigits: Int) -> Int? {
            var value = 0
            var digits = 0
            while i < bytes.count, digits < maxDigits, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) {
                value = value * 10 + Int(bytes[i] - UInt8(ascii: "0"))
                digits += 1
                i += 1
            }
            return digits > 0 ? value : nil
        }
        guard let first = number(maxDigits: 2), i < bytes.count else { return .failure(expected) }
        let separator = bytes[i]
        guard [UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "-")].contains(separator) else {
            return .failure(expected)
        }
        i += 1
        guard let second = number(maxDigits: 2), i < bytes.count, bytes[i] == separator else {
            return .failure(expected)
        }
        i += 1
        let yearStart = i
        guard let year = number(maxDigits: 4), i - yearStart == 4 else { return .failure(expected) }
        var seconds = 0
        if i < bytes.count {
            guard bytes[i] == UInt8(ascii: " ") else { return .failure(expected) }
            i += 1
            guard let hour = number(maxDigits: 2), hour < 24, i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
                return .failure(expected)
            }
            i += 1
            let minuteStart = i
            guard let minute = number(maxDigits: 2), i - minuteStart == 2, minute < 60 else {
                return .failure(expected)
            }
            seconds = hour * 3600 + minute * 60
            if i < bytes.count, bytes[i] == UInt8(ascii: ":") {
                i += 1
                let secondStart = i
                guard let second = number(maxDigits: 2), i - secondStart == 2, second < 60 else {
                    return .failure(expected)
                }
                seconds += second
            }
            guard i == bytes.count else { return .failure(expected) }
        }
        let (day, month) = order == .dmy ? (first, second) : (second, first)
        guard (1...12).contains(month) else {
            return .failure(DateFailure("there is no month \(month) (the dates are \(order.rawValue): \(shape))"))
        }
        guard let date = Day(year: year, month: month, day: day) else {
            let days = year >= 1 ? Day.daysIn(month: month, year: year) : 31
            return .failure(
                DateFailure(
                    "no such date: \(Language.english.months[month - 1]) \(year) has \(days) days (the dates are \(order.rawValue): \(shape))"
                ))
        }
        return .success(
            RowDate(day: date, instant: Instant(seconds: date.daysSinceEpoch * 86_400 + seconds, nanoseconds: 0)))
    }

    struct DateFailure: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }
}
