import Yams

/// A Method or an Obstacle as the team writes it in goalwall.yml's `methods` and
/// `obstacles`: a title, an optional Markdown text, and the goals that measure it.
public struct V2MOMEntry: Hashable, Sendable {
    public var title: String
    /// Markdown, as written (the V2MOM page renders it like a goal's body).
    public var text: String?
    /// The goals it names, in the team's order, each once.
    public var goals: [GoalReference]
}

/// A goal named by its slug outside its own file, with where it was named.
public struct GoalReference: Hashable, Sendable {
    public var slug: String
    var location: SourceLocation
}

/// Reads `methods:` or `obstacles:` of goalwall.yml. Every wrong shape is an error at its
/// line and column; an unknown key inside an item is a warning with a suggestion (§2).
struct V2MOMEntryReader {
    let fields: YAMLFields
    /// `methods` or `obstacles`.
    let key: String

    static let itemKeys = ["title", "text", "goals"]

    /// The entries in the team's order; nil when the key is absent, null or an empty list
    /// (the V2MOM page then shows its computed view).
    func read(into diagnostics: inout Diagnostics) -> [V2MOMEntry]? {
        guard let node = fields.node(key) else { return nil }
        let what = key == "methods" ? "method" : "obstacle"
        guard let items = node.sequence else {
            diagnostics.error(
                "'\(key)' must be a list: each \(what) a title, or a mapping with 'title', 'text' and 'goals'",
                at: fields.location(of: node))
            return nil
        }
        var entries: [V2MOMEntry] = []
        for item in items {
            if YAMLFields.isNull(item) {
                diagnostics.error("this \(what) is empty: give it a title", at: fields.location(of: item))
            } else if let title = item.scalar?.string {
                entries.append(V2MOMEntry(title: title, text: nil, goals: []))
            } else if let mapping = item.mapping {
                if let entry = read(mapping, at: item, what: what, into: &diagnostics) { entries.append(entry) }
            } else {
                diagnostics.error(
                    "each item of '\(key)' must be a title, or a mapping with 'title', 'text' and 'goals'",
                    at: fields.location(of: item))
            }
        }
        return entries.isEmpty ? nil : entries
    }

    private func read(
        _ mapping: Node.Mapping, at item: Node, what: String, into diagnostics: inout Diagnostics
    ) -> V2MOMEntry? {
        let entry = fields.nested(mapping, into: &diagnostics)
        entry.warnUnknownKeys(known: Self.itemKeys, what: what, into: &diagnostics)
        let title = entry.string("title", into: &diagnostics)
        let text = entry.string("text", into: &diagnostics)
        var goals: [GoalReference] = []
        if let list = entry.node("goals") {
            if let slugs = list.sequence {
                for slug in slugs {
                    guard let text = slug.scalar?.string, !YAMLFields.isNull(slug) else {
                        diagnostics.error(
                            "each item of 'goals' must be a goal's slug (like cut-wait-time)",
                            at: fields.location(of: slug))
                        continue
                    }
                    if !goals.contains(where: { $0.slug == text }) {
                        goals.append(GoalReference(slug: text, location: fields.location(of: slug)))
                    }
                }
            } else {
                let written = list.scalar.map { $0.string } ?? "cut-wait-time"
                diagnostics.error(
                    "'goals' must be a list of goal slugs, like goals: [\(written)]", at: fields.location(of: list))
            }
        }
        guard let title, !title.trimmingBlanks.isEmpty else {
            // A title that is a list or mapping has had its error already.
            if entry.node("title") == nil || title?.trimmingBlanks.isEmpty == true {
                diagnostics.error("this \(what) has no 'title'", at: fields.location(of: item))
            }
            return nil
        }
        return V2MOMEntry(
            title: title, text: text.flatMap { $0.trimmingBlanks.isEmpty ? nil : $0 }, goals: goals)
    }
}
