/// How one CSV file is written (§11): what separates cells, the decimal mark, the order
/// of day and month in dates, and which cell texts mean "no value". Spreadsheets and
/// help-desk tools export CSVs that §4 alone rejects (`;`, `1.234,5`, `02.03.2026`, `N/A`).
public struct CSVDialect: Hashable, Sendable {
    public enum Delimiter: String, CaseIterable, Hashable, Sendable {
        case auto
        case comma = ","
        case semicolon = ";"
        case tab = "\t"
    }

    public enum DecimalMark: String, CaseIterable, Hashable, Sendable {
        case point = "."
        case comma = ","
    }

    public enum DateOrder: String, CaseIterable, Hashable, Sendable {
        case iso, dmy, mdy
    }

    public var delimiter = Delimiter.auto
    public var decimal = DecimalMark.point
    public var dates = DateOrder.iso
    /// Cell texts (after trimming spaces) that mean "no value".
    public var missing = CSVDialect.defaultMissing

    public static let defaultMissing = ["N/A", "n/a", "NA", "#N/A", "-", "\u{2013}", "\u{2014}", "null", "NULL"]

    public init() {}

    /// Some keys of a dialect, as a `files` entry gives them.
    public struct Overrides: Hashable, Sendable {
        public var delimiter: Delimiter?
        public var decimal: DecimalMark?
        public var dates: DateOrder?
        public var missing: [String]?

        public init() {}
    }

    /// This dialect with the keys an entry gives replaced (later entries win, key by key).
    func overridden(by entry: Overrides) -> CSVDialect {
        var dialect = self
        if let delimiter = entry.delimiter { dialect.delimiter = delimiter }
        if let decimal = entry.decimal { dialect.decimal = decimal }
        if let dates = entry.dates { dialect.dates = dates }
        if let missing = entry.missing { dialect.missing = missing }
        return dialect
    }
}

/// goalwall.yml's `csv` key (§11): the defaults, and the entries that apply to the files
/// their glob matches.
public struct CSVSettings: Hashable, Sendable {
    public var defaults = CSVDialect()
    public var files: [(match: Glob, overrides: CSVDialect.Overrides)] = []

    public init() {}

    /// A file's dialect, by its path under content/metrics with `.csv`: the defaults, then
    /// every matching entry in order.
    public func dialect(for path: String) -> CSVDialect {
        files.reduce(defaults) { dialect, entry in
            entry.match.matches(path) ? dialect.overridden(by: entry.overrides) : dialect
        }
    }

    public static func == (a: CSVSettings, b: CSVSettings) -> Bool {
        a.defaults == b.defaults && a.files.map(\.match) == b.files.map(\.match)
            && a.files.map(\.overrides) == b.files.map(\.overrides)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(defaults)
        for entry in files {
            hasher.combine(entry.match)
            hasher.combine(entry.overrides)
        }
    }
}

/// A `match` pattern of §11: `*` matches within one folder name, `**/` zero or more whole
/// folders, `?` one character other than `/`; everything else stands for itself.
public struct Glob: Hashable, Sendable {
    public let pattern: String
    private let parts: [Part]

    private enum Part: Hashable, Sendable {
        case character(Character)
        case anyWithinFolder
        case anyFolders
        case oneCharacter
    }

    public init(_ pattern: String) {
        self.pattern = pattern
        var parts: [Part] = []
        var rest = Substring(pattern)
        while let first = rest.first {
            if rest.hasPrefix("**/") {
                parts.append(.anyFolders)
                rest = rest.dropFirst(3)
            } else if first == "*" {
                parts.append(.anyWithinFolder)
                rest = rest.dropFirst()
            } else if first == "?" {
                parts.append(.oneCharacter)
                rest = rest.dropFirst()
            } else {
                parts.append(.character(first))
                rest = rest.dropFirst()
            }
        }
        self.parts = parts
    }

    public static func == (a: Glob, b: Glob) -> Bool { a.pattern == b.pattern }
    public func hash(into hasher: inout Hasher) { hasher.combine(pattern) }

    /// Whether the whole of `path` matches (by dynamic programming: no recursion, so no
    /// pattern can exhaust the stack).
    public func matches(_ path: String) -> Bool {
        let text = Array(path)
        let n = text.count
        // next[t]: the parts after this one match text from t.
        var next = [Bool](repeating: false, count: n + 1)
        next[n] = true
        for part in parts.reversed() {
            var current = [Bool](repeating: false, count: n + 1)
            for t in stride(from: n, through: 0, by: -1) {
                switch part {
                case .character(let c): current[t] = t < n && text[t] == c && next[t + 1]
                case .oneCharacter: current[t] = t < n && text[t] != "/" && next[t + 1]
                case .anyWithinFolder: current[t] = next[t] || (t < n && text[t] != "/" && current[t + 1])
                case .anyFolders:
                    // No folder, or one whole folder name and its slash, then again.
                    var end = t
                    while end < n, text[end] != "/" { end += 1 }
                    current[t] = next[t] || (end > t && end < n && current[end + 1])
                }
            }
            next = current
        }
        return next[0]
    }
}
