/// The sentences a screen reader hears in place of a chart, made from the same numbers.
enum ChartText {
    static func value(_ value: Double?, _ standing: Standing) -> String {
        standing.goal.shown(value)
    }

    /// "Average wait 4.9 min on 2 Mar; target 4 min by 9 Mar; 0.3 min behind plan."
    static func summary(_ s: Standing) -> String {
        let g = s.goal
        let due = g.due.map(DisplayFormat.short) ?? "–"
        if g.isTaskGoal {
            guard s.tasksTotal > 0 else { return "\(g.title): no tasks yet; all due by \(due)." }
            return "\(g.title): \(s.tasksDone) of \(s.tasksTotal) tasks done; the plan says "
                + "\(DisplayFormat.percent(s.expected)) by today; all due by \(due)."
        }
        if let record = s.record, let direction = s.direction {
            let side = direction.keptSide
            let latest = s.current.map { "; latest \(value($0, s))" } ?? ""
            return "\(g.title): kept \(side) \(value(s.target, s)) in \(record.met) of \(record.judged) "
                + "\(g.period.rawValue)s\(latest); status \(s.status.label.lowercased())."
        }
        var parts: [String] = []
        if let current = s.current, let date = s.currentDate {
            let when = g.period == .day ? "on \(DisplayFormat.short(date))" : "in the \(g.shown(point: date))"
            parts.append("\(g.title): \(value(current, s)) \(when)")
        } else {
            parts.append("\(g.title): no data yet")
        }
        parts.append("target \(value(s.target, s)) by \(due)")
        if let current = s.current, let expected = s.expected, let direction = s.direction {
            let gap = abs(expected - current)
            let behind = direction == .up ? current < expected : current > expected
            if gap == 0 || !gap.isFinite {
                parts.append("on plan")
            } else {
                parts.append("\(value(gap, s)) \(behind ? "behind" : "ahead of") plan")
            }
        }
        return parts.joined(separator: "; ") + "; status \(s.status.label.lowercased())."
    }
}
