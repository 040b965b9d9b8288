/// Small text helpers every stage uses.

extension StringProtocol {
    /// Without the spaces and tabs around it.
    var trimmingBlanks: Substring {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return s
    }
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
