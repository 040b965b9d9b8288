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
            guard s.tasksTotal > 0 else { return say("chartNoTasks", ["title": g.title, "due": due]) }
            return say(
                "chartTasks",
                [
                    "title": g.title, "done": DisplayFormat.number(Double(s.tasksDone)),
                    "total": DisplayFormat.number(Double(s.tasksTotal)), "expected": DisplayFormat.percent(s.expected),
                    "due": due,
                ])
        }
        let status = say("chartStatusPart", ["status": Language.current.inText(s.status.label)]) + say("fullStop")
        if let record = s.record, let direction = s.direction {
            let latest = s.current.map { say("chartLatestPart", ["value": value($0, s)]) } ?? ""
            return say(
                "chartKept",
                [
                    "title": g.title, "side": direction.keptSide, "target": value(s.target, s),
                    "met": String(record.met), "periods": GoalLint.periods(g.period, record.judged),
                ]) + latest + status
        }
        var parts: [String] = []
        if let current = s.current, let date = s.currentDate {
            let when =
                g.period == .day
                ? say("onDay", ["date": DisplayFormat.short(date)])
                : say("inPeriod", ["period": g.shown(point: date)])
            parts.append(say("chartValue", ["title": g.title, "value": value(current, s), "when": when]))
        } else {
            parts.append(say("chartNoData", ["title": g.title]))
        }
        parts.append(say("chartTargetBy", ["target": value(s.target, s), "due": due]))
        if let current = s.current, let expected = s.expected, let direction = s.direction {
            let gap = abs(expected - current)
            let behind = direction == .up ? current < expected : current > expected
            if gap == 0 || !gap.isFinite {
                parts.append(say("onPlan"))
            } else {
                parts.append(say(behind ? "chartBehindPlan" : "chartAheadOfPlan", ["gap": value(gap, s)]))
            }
        }
        return parts.joined(separator: "; ") + status
    }
}
