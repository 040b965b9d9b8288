import Foundation

/// What an output folder holds, as goalwall wrote it: each file's path and content hash.
/// Kept in the folder as `.goalwall-output` (which also marks the folder as goalwall's
/// own) and written after every other file, so a later build — another process, after a
/// kill, after someone edited a file — can tell which files need no rewrite: a file whose
/// status last changed before the manifest was written is as the manifest says. The text
/// depends only on the files (and, for `goalwall build`, on the build's `Record`), so two
/// builds of the same input with the same goalwall write the same manifest.
public struct OutputManifest: Sendable, Equatable {
    /// Content hash by path.
    var entries: [String: UInt64] = [:]

    /// What the build that wrote the folder was and reported (`goalwall build` only): when
    /// the next build's fingerprint is the same and the folder is untouched, that build has
    /// nothing to do. nil after `goalwall serve` updated the folder, and in older manifests.
    var record: Record?

    /// A build that wrote an output folder: what it depended on, and what it printed.
    public struct Record: Sendable, Equatable {
        /// `BuildFingerprint`: goalwall itself, the options and every input file.
        var fingerprint: UInt64
        /// How many goals the wall shows, and the day it was computed for.
        var goals: Int
        var asOf: Day
        /// The warnings it reported (a build with errors writes nothing).
        var diagnostics: [Diagnostic]
    }

    public init() {}

    public var paths: Set<String> { Set(entries.keys) }

    static let fileName = ".goalwall-output"
    static let header = "Built by goalwall; this folder is replaced as a whole on each build.\n"
    static let formatLine = "goalwall-manifest 2\n"
    /// Format 1 (no build record) is still read: its entries save rewrites, it never lets a
    /// build skip its work.
    static let olderFormatLines: Set<String> = ["goalwall-manifest 1\n"]

    /// The manifest's text: a header, the build record, then one line per file, sorted by path.
    var text: String {
        var out = Self.header + Self.formatLine
        if let record {
            out += "@build \(Self.hex(record.fingerprint)) \(record.goals) \(record.asOf)\n"
            for diagnostic in record.diagnostics {
                let at = diagnostic.location
                out +=
                    "@diagnostic \(diagnostic.severity.rawValue) \(at.line) \(at.column) \(Self.escape(at.path))\t"
                    + Self.escape(diagnostic.message) + "\n"
            }
        }
        for path in entries.keys.sorted() {
            out += Self.hex(entries[path]!) + " " + Self.escape(path) + "\n"
        }
        return out
    }

    private static func hex(_ value: UInt64) -> String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Reads a manifest; an unknown marker (or anything unreadable) is an empty manifest, so
    /// every file is compared with what is on disk. A format-1 manifest, or a build record
    /// with a line this goalwall does not understand, gives no record.
    init(text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.count >= 2 else { return }
        let format = lines[1] + "\n"
        guard format == Self.formatLine || Self.olderFormatLines.contains(String(format)) else { return }
        var record: Record?
        var recordIsWhole = format == Self.formatLine
        for line in lines.dropFirst(2) {
            if line.hasPrefix("@") {
                if line.hasPrefix("@build ") {
                    let parts = line.split(separator: " ")
                    if parts.count == 4, parts[1].count == 16, let fingerprint = UInt64(parts[1], radix: 16),
                        let goals = Int(parts[2]), let asOf = Day(iso: parts[3])
                    {
                        record = Record(fingerprint: fingerprint, goals: goals, asOf: asOf, diagnostics: [])
                    } else {
                        recordIsWhole = false
                    }
                } else if line.hasPrefix("@diagnostic "), record != nil, let diagnostic = Self.diagnostic(line) {
                    record?.diagnostics.append(diagnostic)
                } else {
                    recordIsWhole = false  // a line this goalwall does not know: no record at all
                }
                continue
            }
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].count == 16, let hash = UInt64(parts[0], radix: 16) else { continue }
            entries[Self.unescape(parts[1])] = hash
        }
        if recordIsWhole { self.record = record }
    }

    /// `@diagnostic warning LINE COLUMN PATH<tab>MESSAGE`.
    private static func diagnostic(_ line: Substring) -> Diagnostic? {
        let parts = line.split(separator: " ", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, let severity = Diagnostic.Severity(rawValue: String(parts[1])),
            let row = Int(parts[2]), let column = Int(parts[3])
        else { return nil }
        let place = parts[4].split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
        guard place.count == 2 else { return nil }
        return Diagnostic(
            severity, at: SourceLocation(path: unescape(place[0]), line: row, column: column), unescape(place[1]))
    }

    /// Paths may hold any character but `/` separators; newlines, tabs and `%` are escaped
    /// (a tab ends a diagnostic's path).
    private static func escape(_ path: String) -> String {
        guard path.contains(where: { $0 == "%" || $0 == "\n" || $0 == "\r" || $0 == "\t" }) else { return path }
        return path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\n", with: "%0A")
            .replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\t", with: "%09")
    }

    private static func unescape(_ text: Substring) -> String {
        guard text.contains("%") else { return String(text) }
        return text.replacingOccurrences(of: "%0A", with: "\n").replacingOccurrences(of: "%0D", with: "\r")
            .replacingOccurrences(of: "%09", with: "\t").replacingOccurrences(of: "%25", with: "%")
    }
}
