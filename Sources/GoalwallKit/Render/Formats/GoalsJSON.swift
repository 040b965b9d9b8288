/// goals.json (§6): every goal's computed figures, keys in the contract's order, goals by
/// slug, absent values null, numbers at full precision, dates `YYYY-MM-DD`.
struct GoalsJSON {
    let wall: Wall

    func render() -> String { render(entries: wall.goals.map(entry)) }

    /// The file from each goal's entry, in the wall's order (a rebuild keeps unchanged ones),
    /// put together at its final size.
    func render(entries: [String]) -> String {
        var parts = ["{\n  \"title\": \(json(wall.settings.title)),\n  \"as_of\": \(json(wall.asOf)),\n  \"goals\": ["]
        parts.reserveCapacity(2 * entries.count + 2)
        for (index, entry) in entries.enumerated() {
            parts.append(index == 0 ? "\n" : ",\n")
            parts.append(entry)
        }
        parts.append(entries.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
        return parts.joined()
    }

    func entry(_ s: Standing) -> String {
        let g = s.goal
        let milestones = s.milestones.map {
            "{ \"date\": \(json($0.milestone.date)), \"target\": \(json($0.target)), \"met\": \(json($0.met)) }"
        }
        let checkIns = s.checkIns.map { "{ \"date\": \(json($0.date)), \"title\": \(json($0.title)) }" }
        let fields: [(String, String)] = [
            ("slug", json(g.slug)), ("title", json(g.title)), ("kind", json(g.kind.rawValue)),
            ("owner", json(g.owner)), ("team", json(g.team)),
            ("parent", json(s.parent)), ("metric", json(g.metric?.name)), ("unit", json(g.unit)),
            ("direction", json(s.direction?.rawValue)), ("baseline", json(s.baseline)), ("target", json(s.target)),
            ("current", json(s.current)), ("current_date", json(s.currentDate)), ("expected", json(s.expected)),
            ("progress", json(s.progress)),
            ("record", s.record.map { "{ \"met\": \($0.met), \"judged\": \($0.judged) }" } ?? "null"),
            ("status", json(s.status.rawValue)),
            ("start", json(g.start)), ("due", json(g.due)),
            ("forecast", json(s.forecast)), ("forecast_date", json(s.forecastDate)),
            ("milestones", list(milestones)), ("checkins", list(checkIns)),
            ("last_checkin", json(s.lastCheckIn)), ("stale", json(s.stale)),
            ("tasks", "{ \"done\": \(s.tasksDone), \"total\": \(s.tasksTotal) }"),
            ("url", json("goals/\(g.slug)/")),
        ]
        return "    {\n" + fields.map { "      \"\($0.0)\": \($0.1)" }.joined(separator: ",\n") + "\n    }"
    }

    private func list(_ items: [String]) -> String {
        items.isEmpty ? "[]" : "[\n        " + items.joined(separator: ",\n        ") + "\n      ]"
    }
}
