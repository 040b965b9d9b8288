/// The SMART/FAST checklist of one goal: which letters hold, and why not.
public struct GoalLint: Sendable {
    public struct Letter: Sendable {
        public var letter: String
        public var word: String
        public var holds: Bool
        /// Why it does not hold; what holds it when it does.
        public var reason: String
    }

    public var smart: [Letter]
    public var fast: [Letter]

    public init(_ s: Standing, asOf: Day, hasChildren: Bool) {
        let g = s.goal
        let words = g.title.split(whereSeparator: { $0 == " " }).count
        let spanDays = g.due.map { g.start.days(to: $0) } ?? 0
        func letter(_ l: String, _ word: String, _ holds: Bool, _ yes: String, _ no: String) -> Letter {
            Letter(letter: l, word: word, holds: holds, reason: holds ? yes : no)
        }
        let metric = g.metricName ?? ""
        let keep = g.isMaintain ? Self.keepWords(s) : ""
        let record = s.record ?? Record(periods: [])
        let judged = Self.periods(g.period, record.judged)
        let every = Self.every(g.period)
        smart = [
            letter(
                "S", say("lintSpecific"), g.owner != nil && words >= 3, say("lintSpecificYes"),
                g.owner == nil ? say("lintSpecificNoOwner") : say("lintSpecificShortTitle")),
            g.isMaintain
                ? letter(
                    "M", say("lintMeasurable"), true, say("lintMeasurableKeeps", ["metric": metric, "keep": keep]), "")
                : letter(
                    "M", say("lintMeasurable"), g.isTaskGoal ? s.tasksTotal > 0 : true,
                    g.isTaskGoal
                        ? say("lintMeasurableTasks", count: s.tasksTotal)
                        : say("lintMeasurableMetric", ["metric": metric]),
                    say("lintMeasurableNo")),
            // A goal kept every period is achievable when it has been kept before.
            g.isMaintain
                ? letter(
                    "A", say("lintAchievable"), record.judged == 0 || record.met > 0,
                    record.judged == 0
                        ? say("nothingJudged")
                        : say("lintAchievableKept", ["met": String(record.met), "periods": judged]),
                    say("lintAchievableNever", ["periods": judged, "keep": keep]))
                : letter(
                    "A", say("lintAchievable"), !g.milestones.isEmpty || spanDays <= 42,
                    g.milestones.isEmpty
                        ? say("lintAchievableOneStep") : say("lintAchievableMilestones", count: g.milestones.count),
                    say("lintAchievableNo", count: spanDays)),
            letter(
                "R", say("lintRelevant"), g.parent != nil || hasChildren,
                g.parent != nil ? say("lintRelevantParent", ["parent": g.parent!]) : say("lintRelevantChildren"),
                say("lintRelevantNo")),
            g.isMaintain
                ? letter(
                    "T", say("lintTimeBound"), true,
                    g.due.map { say("lintTimeBoundUntil", ["every": every, "date": $0.description]) }
                        ?? say("lintTimeBoundOpen", ["every": every]),
                    "")
                : letter(
                    "T", say("lintTimeBound"), spanDays <= 366,
                    say("lintTimeBoundDue", count: spanDays, ["date": g.due.map(String.init(describing:)) ?? "–"]),
                    say("lintTimeBoundNo", count: spanDays)),
        ]
        let ambition: Double? =
            g.isTaskGoal || g.isMaintain
            ? nil : s.baseline.flatMap { b in s.target.map { t in b == 0 ? (t == 0 ? 0 : 1) : abs(t - b) / abs(b) } }
        let hold = DisplayFormat.percent(g.hold)
        fast = [
            letter(
                "F", say("lintFrequent"), g.reviewDays != nil && !s.stale,
                say(
                    "lintFrequentYes",
                    [
                        "review": g.reviewWords ?? "",
                        "date": s.lastCheckIn.map(String.init(describing:)) ?? say("noneYet"),
                    ]),
                g.reviewDays == nil ? say("lintFrequentNoCadence") : say("staleText", count: s.daysSinceCheckIn)),
            // A goal to keep is ambitious when most periods must be kept.
            g.isMaintain
                ? letter(
                    "A", say("lintAmbitious"), g.hold >= 0.8, say("lintAmbitiousHold", ["hold": hold]),
                    say("lintAmbitiousHoldLow", ["hold": hold]))
                : letter(
                    "A", say("lintAmbitious"), ambition.map { $0 >= 0.1 } ?? true,
                    ambition.map { say("lintAmbitiousAims", ["percent": DisplayFormat.percent($0)]) }
                        ?? say("lintAmbitiousTasks"),
                    say("lintAmbitiousLow", ["percent": DisplayFormat.percent(ambition)])),
            letter(
                "M", say("lintMeasured"), s.current != nil,
                g.isMaintain
                    ? say("lintMeasuredJudged", ["periods": judged, "date": asOf.description])
                    : say("lintMeasuredValue", ["date": asOf.description]),
                g.isTaskGoal
                    ? say("lintMeasuredNoTasks")
                    : say("lintMeasuredNoData", ["metric": metric.isEmpty ? say("theMetric") : metric])),
            letter(
                "T", say("lintTransparent"), g.team != nil && g.owner != nil,
                say("lintTransparentYes", ["team": g.team ?? "", "owner": g.owner ?? ""]),
                g.team == nil ? say("lintTransparentNoTeam") : say("lintTransparentNoOwner")),
        ]
    }

    /// "at most 1:00:00 every week"
    static func keepWords(_ s: Standing) -> String {
        say(
            "keepWords",
            ["side": (s.direction ?? .up).keptSide, "value": s.goal.shown(s.target), "every": every(s.goal.period)])
    }

    /// "every day", "every week", "every month".
    static func every(_ period: Period) -> String {
        switch period {
        case .day: say("everyDay")
        case .week: say("everyWeek")
        case .month: say("everyMonth")
        }
    }

    /// "1 day", "4 weeks", "12 months".
    static func periods(_ period: Period, _ count: Int) -> String {
        switch period {
        case .day: say("periodsDay", count: count)
        case .week: say("periodsWeek", count: count)
        case .month: say("periodsMonth", count: count)
        }
    }
}
