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
