import Foundation
import Testing

/// The engine's folders are the stages of one pipeline (load → compute → render → write),
/// and a stage may use only the stages before it. This reads the sources and fails when a
/// file names a type, function or extension member declared in a later stage (or in a
/// sibling of the same rank).
@Suite("Forward-only stages")
struct StageOrderTests {
    /// Each folder of Sources/GoalwallKit and its place in the pipeline.
    static let ranks: [String: Int] = [
        "Support": 0,  // day arithmetic, number formats, escapers, slugs, suggestions, timing
        "Metrics": 1, "Markdown": 1,  // reading CSVs and Markdown bodies
        "Site": 2,  // load: files → typed model
        "Compute": 3,  // figures, status, lint (pure)
        "Charts": 4,  // SVG from figures
        "Render": 5,  // page models, templates, goals.json, calendar, feed
        "Output": 6,  // writing the output folder
        "Build": 7,  // the pipeline
        "Scaffold": 8,  // files `init` and `new goal` write
    ]

    static let engine = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "Sources/GoalwallKit")

    struct SourceFile {
        var stage: String
        var path: String
        var code: String
    }

    static func sources() throws -> [SourceFile] {
        var files: [SourceFile] = []
        let enumerator = FileManager.default.enumerator(atPath: engine.path)!
        while let path = enumerator.nextObject() as? String {
            guard path.hasSuffix(".swift") else { continue }
            let stage = String(path.split(separator: "/")[0])
            let text = try String(contentsOf: engine.appending(path: path), encoding: .utf8)
            // Comments say what a piece is for and may name later stages; code may not.
            let code = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
                guard let comment = line.range(of: "//") else { return line }
                return line[..<comment.lowerBound]
            }.joined(separator: "\n")
            files.append(SourceFile(stage: stage, path: path, code: code))
        }
        return files
    }

    /// Names a file declares at the top level, and the members it adds in extensions (by
    /// the type extended).
    static func declarations(in code: String) -> (names: Set<String>, members: [(type: String, name: String)]) {
        let modifiers =
            #"(?:(?:public|private|fileprivate|internal|package|final|static|nonisolated|@\w+(?:\([^)]*\))?)\s+)*"#
        let kinds = #"(?:struct|enum|class|protocol|actor|typealias|func|let|var)"#
        let top = try! Regex("(?m)^" + modifiers + kinds + #"\s+([A-Za-z_][A-Za-z0-9_]*)"#)
        var names = Set(code.matches(of: top).compactMap { $0.output[1].substring.map(String.init) })
        var members: [(type: String, name: String)] = []
        let member = try! Regex("^    " + modifiers + #"(?:func|var|let)\s+([A-Za-z_][A-Za-z0-9_]*)"#)
        var extended: String?
        for line in code.split(separator: "\n") {
            if line.hasPrefix("extension ") {
                extended =
                    line.dropFirst("extension ".count).prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                    .description
            } else if line.hasPrefix("}") {
                extended = nil
            }
            if let extended, let match = line.firstMatch(of: member), let name = match.output[1].substring {
                members.append((extended, String(name)))
            }
        }
        names.remove("main")
        return (names, members)
    }

    @Test("every folder of the engine is a known stage")
    func knownStages() throws {
        let stages = Set(try Self.sources().map(\.stage))
        #expect(stages.subtracting(Self.ranks.keys).isEmpty, "unknown folders: \(stages.subtracting(Self.ranks.keys))")
    }

    @Test("no stage uses a later stage, nor a sibling of its rank")
    func forwardOnly() throws {
        let files = try Self.sources()
        var declaredBy: [String: String] = [:]
        var extensions: [(stage: String, type: String, name: String)] = []
        for file in files {
            let (names, members) = Self.declarations(in: file.code)
            for name in names { declaredBy[name] = file.stage }
            extensions += members.map { (file.stage, $0.type, $0.name) }
        }
        // A member a stage adds to another stage's type (`extension Direction { func meets }`)
        // belongs to the stage that adds it.
        var memberOf: [String: String] = [:]
        for (stage, type, name) in extensions where declaredBy[type] != stage { memberOf[name] = stage }
        let identifier = try Regex(#"(\.)?\b([A-Za-z_][A-Za-z0-9_]*)\b"#)
        var violations: [String] = []
        for file in files {
            let rank = Self.ranks[file.stage] ?? 0
            var seen = Set<String>()
            for match in file.code.matches(of: identifier) {
                let isMember = match.output[1].substring != nil
                guard let word = match.output[2].substring.map(String.init) else { continue }
                let owner = isMember ? (memberOf[word] ?? declaredBy[word]) : declaredBy[word]
                guard let owner, owner != file.stage, let ownerRank = Self.ranks[owner], ownerRank >= rank,
                    seen.insert(word).inserted
                else { continue }
                violations.append("\(file.path) uses \(isMember ? "." : "")\(word) from \(owner)/")
            }
        }
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
    }
}
