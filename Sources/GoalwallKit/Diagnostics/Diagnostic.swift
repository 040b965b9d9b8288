/// A place in a site's files: `path` is relative to the site folder; line and column count from 1.
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int = 1, column: Int = 1) {
        self.path = path
        self.line = max(1, line)
        self.column = max(1, column)
    }

    public var description: String { "\(path):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.path, a.line, a.column) < (b.path, b.line, b.column)
    }
}

/// One error or warning about a site, reported as `PATH:LINE:COLUMN: error: MESSAGE` (§7).
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible, Error {
    public enum Severity: String, Sendable, Comparable {
        case error, warning

        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String

    public init(_ severity: Severity, at location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    public static func error(_ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, at: location, message)
    }

    public static func warning(_ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.warning, at: location, message)
    }

    /// One line, safe to print on a terminal: control characters (a CSV cell may hold a
    /// terminal escape or a NUL) and bidirectional overrides are shown as `\u{1B}`.
    public var description: String {
        printable("\(location): \(severity.rawValue): \(message)")
    }
}

/// Text with every control character, and every character that reorders text on screen,
/// written as `\u{…}`, so a message is one line that means what it says.
func printable(_ text: String) -> String {
    func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F..<0xA0, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: true
        default: false
        }
    }
    guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
    var out = ""
    for scalar in text.unicodeScalars {
        if isUnsafe(scalar) {
            out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}

/// What a message quotes of a file: at most `limit` characters, then "…", so one huge
/// cell or key does not make a huge message.
func excerpt(_ text: some StringProtocol, limit: Int = 60) -> String {
    guard text.count > limit else { return String(text) }
    return String(text.prefix(limit)) + "…"
}

/// Collects what every loader and checker finds, so one build reports everything at once.
public struct Diagnostics: Sendable {
    public private(set) var all: [Diagnostic] = []

    public init(_ all: [Diagnostic] = []) { self.all = all }

    public mutating func error(_ message: String, at location: SourceLocation) {
        all.append(.error(message, at: location))
    }

    public mutating func warning(_ message: String, at location: SourceLocation) {
        all.append(.warning(message, at: location))
    }

    public mutating func append(contentsOf other: Diagnostics) { all += other.all }
    public mutating func append(_ diagnostic: Diagnostic) { all.append(diagnostic) }

    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    /// Sorted by file, line, column, then errors before warnings; duplicates removed.
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return all.filter { seen.insert($0).inserted }
            .sorted {
                ($0.location, $0.severity, $0.message) < ($1.location, $1.severity, $1.message)
            }
    }

    /// `--strict`: every warning becomes an error.
    public func escalatingWarnings() -> Diagnostics {
        Diagnostics(all.map { Diagnostic(.error, at: $0.location, $0.message) })
    }
}
