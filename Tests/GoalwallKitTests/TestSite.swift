import Foundation
import GoalwallKit

/// A small site written to a temporary folder, built through the public entry points.
struct TestSite {
    let root: URL

    init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appending(path: "goalwall-test-\(UUID().uuidString)")
        for (path, text) in files {
            try write(path, text)
        }
        if files.keys.allSatisfy({ !$0.hasPrefix("content/") }) {
            try FileManager.default.createDirectory(
                at: root.appending(path: "content"), withIntermediateDirectories: true)
        }
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appending(path: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    var output: URL { root.appending(path: "public") }

    func options(asOf: String? = nil) -> BuildOptions {
        var options = BuildOptions(site: root, asOf: asOf.flatMap { Day(iso: $0) })
        options.builtAt = Date(timeIntervalSince1970: 1_767_225_600)
        return options
    }

    /// Loads, computes and renders without writing.
    func run(asOf: String? = nil, drafts: Bool = false, strict: Bool = false) -> BuildResult {
        var options = options(asOf: asOf)
        options.includeDrafts = drafts
        options.strict = strict
        return Build.run(options, today: Day(iso: "2026-03-02")!)
    }

    func build(asOf: String? = nil) -> BuildResult {
        Build.buildAndWrite(options(asOf: asOf), today: Day(iso: "2026-03-02")!)
    }

    /// goals.json of a run, decoded.
    func goalsJSON(asOf: String? = nil, drafts: Bool = false) throws -> [String: Any] {
        let result = run(asOf: asOf, drafts: drafts)
        guard let text = result.files.first(where: { $0.path == "goals.json" })?.text else {
            throw Failure(description: "no goals.json: \(result.diagnostics.map(\.description))")
        }
        return try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    }

    /// One goal's entry in goals.json.
    func goal(_ slug: String, asOf: String? = nil, drafts: Bool = false) throws -> [String: Any] {
        let goals = try goalsJSON(asOf: asOf, drafts: drafts)["goals"] as! [[String: Any]]
        guard let goal = goals.first(where: { $0["slug"] as? String == slug }) else {
            throw Failure(description: "no goal \(slug)")
        }
        return goal
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    struct Failure: Error, CustomStringConvertible { var description: String }
}

/// A goal file from front matter lines and a body.
func goalFile(_ frontMatter: String, body: String = "") -> String {
    "---\n\(frontMatter)\n---\n\(body)"
}

extension BuildResult {
    var messages: [String] { diagnostics.map(\.description) }
    var errorMessages: [String] { diagnostics.filter { $0.severity == .error }.map(\.description) }
}

/// Double or null from decoded JSON.
func number(_ value: Any?) -> Double? { value as? Double }
