/// Every goal's SMART/FAST checklist on a computed wall.
public func lint(_ wall: Wall) -> [(slug: String, status: Status, lint: GoalLint)] {
    let parents = Set(wall.goals.compactMap(\.parent))
    return wall.goals.map {
        ($0.slug, $0.status, GoalLint($0, asOf: wall.asOf, hasChildren: parents.contains($0.slug)))
    }
}

/// What `goalwall check` prints: the diagnostics, and each goal's checklist.
public struct CheckReport {
    public var diagnostics: [Diagnostic]
    public var asOf: Day?
    public var lints: [(slug: String, status: Status, lint: GoalLint)]

    public init(diagnostics: [Diagnostic], asOf: Day?, lints: [(slug: String, status: Status, lint: GoalLint)]) {
        self.diagnostics = diagnostics
        self.asOf = asOf
        self.lints = lints
    }

    var errorCount: Int { diagnostics.count { $0.severity == .error } }
    var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    /// One block per goal: its status, then each letter that does not hold and why.
    public var text: String {
        var out = ""
        for entry in lints {
            let smart = entry.lint.smart.map { $0.holds ? $0.letter : "·" }.joined()
            let fast = entry.lint.fast.map { $0.holds ? $0.letter : "·" }.joined()
            out += "\(entry.slug): \(entry.status.rawValue)  SMART \(smart)  FAST \(fast)\n"
            for letter in entry.lint.smart + entry.lint.fast where !letter.holds {
                out += "  \(letter.letter) \(letter.word): \(letter.reason)\n"
            }
        }
        out += "\(lints.count) goals, \(errorCount) errors, \(warningCount) warnings"
        if let asOf { out += " (as of \(asOf))" }
        return out + "\n"
    }

    public var json: String {
        func letters(_ list: [GoalLint.Letter]) -> String {
            "["
                + list.map {
                    "{ \"letter\": \(GoalwallKit.json($0.letter)), \"word\": \(GoalwallKit.json($0.word)), \"holds\": \($0.holds), \"reason\": \(GoalwallKit.json($0.reason)) }"
                }.joined(separator: ", ") + "]"
        }
        let diagnostics = diagnostics.map {
            "    { \"path\": \(GoalwallKit.json($0.location.path)), \"line\": \($0.location.line), \"column\": \($0.location.column), \"severity\": \"\($0.severity.rawValue)\", \"message\": \(GoalwallKit.json($0.message)) }"
        }
        let goals = lints.map {
            "    { \"slug\": \(GoalwallKit.json($0.slug)), \"status\": \"\($0.status.rawValue)\",\n      \"smart\": \(letters($0.lint.smart)),\n      \"fast\": \(letters($0.lint.fast)) }"
        }
        return """
            {
              "as_of": \(GoalwallKit.json(asOf)),
              "errors": \(errorCount),
              "warnings": \(warningCount),
              "diagnostics": [\(diagnostics.isEmpty ? "" : "\n" + diagnostics.joined(separator: ",\n") + "\n  ")],
              "goals": [\(goals.isEmpty ? "" : "\n" + goals.joined(separator: ",\n") + "\n  ")]
            }
            """
    }
}
