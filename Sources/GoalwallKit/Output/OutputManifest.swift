import Foundation

/// What an output folder holds, as goalwall wrote it: each file's path and content hash.
/// Kept in the folder as `.goalwall-output` (which also marks the folder as goalwall's
/// own) and written after every other file, so a later build — another process, after a
/// kill, after someone edited a file — can tell which files need no rewrite: a file whose
/// status last changed before the manifest was written is as the manifest says. The text
/// depends only on the files, so two builds of the same input write the same manifest.
public struct OutputManifest: Sendable, Equatable {
    /// Content hash by path.
    var entries: [String: UInt64] = [:]

    public init() {}

    public var paths: Set<String> { Set(entries.keys) }

    static let fileName = ".goalwall-output"
    static let header = "Built by goalwall; this folder is replaced as a whole on each build.\n"
    static let formatLine = "goalwall-manifest 1\n"

    /// The manifest's text: a header, then one line per file, sorted by path.
    var text: String {
        var out = Self.header + Self.formatLine
        for path in entries.keys.sorted() {
            let hex = String(entries[path]!, radix: 16)
            out += String(repeating: "0", count: 16 - hex.count) + hex + " " + Self.escape(path) + "\n"
        }
        return out
    }

    /// Reads a manifest; an older marker (or anything unreadable) is an empty manifest, so
    /// every file is compared with what is on disk.
    init(text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.count >= 2, lines[1] + "\n" == Self.formatLine else { return }
        for line in lines.dropFirst(2) {
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].count == 16, let hash = UInt64(parts[0], radix: 16) else { continue }
            entries[Self.unescape(parts[1])] = hash
        }
    }

    /// Paths may hold any character but `/` separators; newlines and `%` are escaped.
    private static func escape(_ path: String) -> String {
        guard path.contains(where: { $0 == "%" || $0 == "\n" || $0 == "\r" }) else { return path }
        return path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\n", with: "%0A")
            .replacingOccurrences(of: "\r", with: "%0D")
    }

    private static func unescape(_ text: Substring) -> String {
        guard text.contains("%") else { return String(text) }
        return text.replacingOccurrences(of: "%0A", with: "\n").replacingOccurrences(of: "%0D", with: "\r")
            .replacingOccurrences(of: "%25", with: "%")
    }
}
