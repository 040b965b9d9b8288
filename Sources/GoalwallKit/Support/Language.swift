import Yams

/// The language a wall speaks (issue 14): every built-in label and how numbers and dates
/// are written. goalwall.yml's `language:` names it (BCP 47, default `en`); the theme's
/// `labels.LANG.yml` files hold English, German, French and Spanish, and a site's
/// `templates/labels.yml` adds or replaces any label. goalwall's own messages (errors,
/// `goalwall check`) stay English.
///
/// The language of the page being rendered is `Language.current`: bound once for a whole
/// render (and carried to every worker by `parallelMap`), so the many places that format
/// a number or name a period need not pass it along. Outside a render it is English.
public struct Language: Hashable, Sendable {
    /// As goalwall.yml writes it ("de", "de-CH"); the pages' `lang`.
    public internal(set) var tag = "en"
    /// Label by key; a label may have a form for one (`one`) besides the general one.
    var labels: [String: Label] = [:]
    var decimal = "."
    var group = ","
    /// A number is grouped only when its whole part has at least this many digits more
    /// than a group (CLDR's minimum grouping digits: Spanish writes 1234 but 12.345).
    var minimumGroupingDigits = 1
    var percent = "{n}%"
    var months: [String] = []
    var shortMonths: [String] = []
    /// "{day} {month} {year}", "{day} {month}", "{month} {year}".
    var date = "{day} {month} {year}"
    var dayMonth = "{day} {month}"
    var monthYear = "{month} {year}"
    /// A date with the month short: "2 Mar 2026".
    var shortDate = "{day} {month} {year}"
    /// Large numbers in short form: thousand, million, billion, trillion ("{n}k").
    var compact = ["{n}k", "{n}M", "{n}B", "{n}T"]
    /// Counts that take a label's `one` form (French: 0 and 1).
    var one: Set<Int> = [1]
    /// Whether a status word is written in lower case inside a sentence ("status on
    /// track"); German keeps its capitals ("Status Im Plan").
    var lowercasesInText = true

    /// A label (a status word) as it reads inside a sentence.
    func inText(_ label: String) -> String { lowercasesInText ? label.lowercased() : label }

    struct Label: Hashable, Sendable {
        var other: String
        var one: String?
    }

    /// The language of the render running on this task; English outside one.
    static var current: Language { bound ?? .english }

    /// The language bound for a render (`with`); nil outside one. Optional, so that a
    /// build with nothing to render (a no-change rebuild) never reads the English labels.
    @TaskLocal static var bound: Language?

    /// Runs `body` with `language` as `current`.
    static func with<Result>(_ language: Language?, _ body: () throws -> Result) rethrows -> Result {
        try $bound.withValue(language, operation: body)
    }

    /// English as built in (the theme's labels.en.yml): every label there is. The file is
    /// goalwall's own, so it is read plainly here; a site's labels files are read, with a
    /// message for every mistake, by `LabelsFile` (the tests check both agree).
    static let english: Language = {
        var language = Language()
        let text = BuiltinTheme.files["labels.en.yml"] ?? ""
        guard let file = (try? Yams.load(yaml: text)) as? [String: Any] else { return language }
        let numbers = file["numbers"] as? [String: Any] ?? [:]
        let dates = file["dates"] as? [String: Any] ?? [:]
        language.decimal = numbers["decimal"] as? String ?? language.decimal
        language.group = numbers["group"] as? String ?? language.group
        language.minimumGroupingDigits = numbers["minimum_grouping_digits"] as? Int ?? 1
        language.percent = numbers["percent"] as? String ?? language.percent
        language.compact = numbers["compact"] as? [String] ?? language.compact
        language.months = dates["months"] as? [String] ?? []
        language.shortMonths = dates["short_months"] as? [String] ?? []
        language.date = dates["date"] as? String ?? language.date
        language.dayMonth = dates["day_month"] as? String ?? language.dayMonth
        language.monthYear = dates["month_year"] as? String ?? language.monthYear
        language.shortDate = dates["short_date"] as? String ?? language.shortDate
        language.one = Set(file["plural_one"] as? [Int] ?? [1])
        language.lowercasesInText = file["lowercase_in_text"] as? Bool ?? true
        for (key, value) in file["labels"] as? [String: Any] ?? [:] {
            if let text = value as? String {
                language.labels[key] = Label(other: text)
            } else if let forms = value as? [String: String], let other = forms["other"] {
                language.labels[key] = Label(other: other, one: forms["one"])
            }
        }
        return language
    }()

    /// The label `key` with its `{placeholders}` filled in.
    func text(_ key: String, _ values: [String: String] = [:]) -> String {
        Self.fill(labels[key]?.other ?? key, values)
    }

    /// The label `key` for `count` things: its `one` form when the language says so, with
    /// `{n}` the count as a number and the other placeholders filled in.
    func text(_ key: String, count: Int, _ values: [String: String] = [:]) -> String {
        guard let label = labels[key] else { return key }
        var values = values
        values["n"] = DisplayFormat.number(Double(count), in: self)
        let form = one.contains(count) ? label.one ?? label.other : label.other
        return Self.fill(form, values)
    }

    static func fill(_ pattern: String, _ values: [String: String]) -> String {
        guard !values.isEmpty, pattern.utf8.contains(UInt8(ascii: "{")) else { return pattern }
        var out = ""
        var rest = pattern[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}"),
                let value = values[String(rest[rest.index(after: open)..<close])]
            else {
                out.append("{")
                rest = rest[rest.index(after: open)...]
                continue
            }
            out += value
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// The placeholders a pattern uses.
    static func placeholders(_ pattern: String) -> Set<String> {
        var names = Set<String>()
        var rest = pattern[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}

/// The label `key` in the language of the page being rendered.
func say(_ key: String, _ values: [String: String] = [:]) -> String {
    Language.current.text(key, values)
}

/// The label `key` for `count` things in the language of the page being rendered.
func say(_ key: String, count: Int, _ values: [String: String] = [:]) -> String {
    Language.current.text(key, count: count, values)
}
