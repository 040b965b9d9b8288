/// goals/SLUG/: one goal with its chart, figures, milestones, check-ins, tasks, body, the
/// goals around it and its SMART/FAST checklist.
struct GoalPage: TemplateModel {
    var chrome: PageChrome
    var goal: GoalDetail

    static let template = TemplateKeys<GoalPage>(
        "A goal's page (`goal.mustache`), besides the chrome's keys.",
        base: { $0.chrome },
        keys: [.model("goal", "The goal.") { $0.goal }])
}

/// Everything the goal page shows of its goal; its card's keys too (without `html`).
struct GoalDetail: TemplateModel {
    var card: GoalCard
    var start: String
    var startLong: String
    var dueLong: String?
    var bodyHTML: HTML
    var chartSVG: HTML?
    var tags: [String]
    var review: String?
    var metric: String?
    var metricLabel: String?
    var rollup: String?
    var period: String?
    var figures: [Figure]
    var milestones: [MilestoneRow]
    /// Maintain goals: the latest judged periods, newest first (`GoalDetail.recentJudged`).
    var judged: [JudgedRow]
    /// Maintain goals: the judged periods before those, newest first (up to a year in all).
    var earlierJudged: [JudgedRow]
    var checkIns: [CheckInRow]
    var lastCheckIn: String
    var tasksDone: Int
    var tasksTotal: Int
    var parent: PageLink?
    var children: [GoalLink]
    var smart: [LintLetter]
    var fast: [LintLetter]

    /// How many judged periods the goal page lists before folding the rest away.
    static let recentJudged = 12

    static let template = TemplateKeys<GoalDetail>(
        "The goal on its page: every key of its GoalCard but `html`, and these.",
        base: { $0.card },
        keys: [
            .text("start", "The start date, `YYYY-MM-DD`.") { $0.start },
            .text("startLong", "The start date in words.") { $0.startLong },
            .text("dueLong", "The due date in words.", optional: { $0.dueLong }),
            .html("bodyHTML", "The Markdown body without its check-ins.") { $0.bodyHTML },
            .html("chartSVG", "The goal chart (wide and narrow versions), or the task bar.", optional: { $0.chartSVG }),
            .texts("tags", "The goal's tags.") { $0.tags },
            .flag("hasTags", "Whether it has tags.") { !$0.tags.isEmpty },
            .text(
                "review", "The review cadence in the wall's words: `weekly`, `every 10 days`.", optional: { $0.review }),
            .text(
                "metric", "The metric as the goal names it (a computed one as `FILE: EXPR`).", optional: { $0.metric }),
            .text("metricLabel", "The metric's `label`, when the goal gives one.", optional: { $0.metricLabel }),
            .text("rollup", "How rows become one value (with a metric).", optional: { $0.rollup }),
            .text("period", "day, week or month (with a metric).", optional: { $0.period }),
            .models("figures", "Baseline, target, current, expected, forecast, progress….") { $0.figures },
            .models("milestones", "The milestones in date order.") { $0.milestones },
            .flag("hasMilestones", "Whether it has milestones.") { !$0.milestones.isEmpty },
            .models("judged", "Maintain goals: the latest periods judged (twelve at most), newest first.") {
                $0.judged
            },
            .flag("hasJudged", "Whether periods were judged (maintain goals).") { !$0.judged.isEmpty },
            .models("earlierJudged", "Maintain goals: the periods judged before those, newest first (a year in all).") {
                $0.earlierJudged
            },
            .flag("hasEarlierJudged", "Whether there are earlier judged periods.") { !$0.earlierJudged.isEmpty },
            .number("earlierJudgedCount", "How many earlier judged periods there are.") { $0.earlierJudged.count },
            .text("earlierJudgedText", "The same in words: \"12 earlier periods\".") {
                say("earlierPeriods", count: $0.earlierJudged.count)
            },
            .models("checkIns", "Check-ins up to the as-of date, newest first.") { $0.checkIns },
            .flag("hasCheckIns", "Whether it has check-ins.") { !$0.checkIns.isEmpty },
            .text("lastCheckIn", "The last check-in's date in words, or \"none yet\".") { $0.lastCheckIn },
            .number("tasksDone", "Tasks done.") { $0.tasksDone },
            .number("tasksTotal", "Tasks in all.") { $0.tasksTotal },
            .text("tasksText", "\"3 of 8 tasks done\".") {
                say(
                    "tasksOf",
                    [
                        "done": DisplayFormat.number(Double($0.tasksDone)),
                        "total": DisplayFormat.number(Double($0.tasksTotal)),
                    ])
            },
            .flag("hasTasks", "Whether the body has tasks.") { $0.tasksTotal > 0 },
            .model("parent", "The goal this one serves.", optional: { $0.parent }),
            .models("children", "The goals that serve this one.") { $0.children },
            .flag("hasChildren", "Whether goals serve this one.") { !$0.children.isEmpty },
            .models("smart", "The SMART checklist: S, M, A, R, T.") { $0.smart },
            .models("fast", "The FAST checklist: F, A, M, T.") { $0.fast },
        ])
}

/// One figure of a goal: "Baseline 8 min".
struct Figure: TemplateModel {
    var label: String
    var value: String

    static let template = TemplateKeys<Figure>(
        "One figure of a goal.",
        keys: [
            .text("label", "What the figure is: \"Forecast at due\".") { $0.label },
            .text("value", "The figure, formatted with its unit.") { $0.value },
        ])
}

/// A milestone's row on the goal page.
struct MilestoneRow: TemplateModel {
    var date: String
    var dateLong: String
    var target: String
    var state: String
    var inPlan: Bool
    var note: String?

    static let template = TemplateKeys<MilestoneRow>(
        "A milestone on the goal page.",
        keys: [
            .text("date", "`YYYY-MM-DD`.") { $0.date },
            .text("dateLong", "The date in words.") { $0.dateLong },
            .text("target", "The milestone's target with its unit.") { $0.target },
            .text("state", "met, missed, upcoming or no data.") { $0.state },
            .text("stateKey", "The state for a CSS class: met, missed, upcoming, no-data.") {
                $0.state.replacingOccurrences(of: " ", with: "-")
            },
            .flag("inPlan", "False when it lies outside the goal's span (left out of the plan).") { $0.inPlan },
            .text("note", "The milestone's note.", optional: { $0.note }),
        ])
}

/// A judged period of a maintain goal (§10).
struct JudgedRow: TemplateModel {
    var period: String
    var value: String
    var kept: Bool

    static let template = TemplateKeys<JudgedRow>(
        "A period a maintain goal was judged on.",
        keys: [
            .text("period", "The period: \"9 Jan\", \"week of 5 Jan\", \"January 2026\".") { $0.period },
            .text("value", "Its value.") { $0.value },
            .flag("kept", "Whether it met the target.") { $0.kept },
            .text("result", "kept or missed (for a CSS class).") { $0.kept ? "kept" : "missed" },
            .text("resultText", "kept or missed, in the wall's language.") { $0.kept ? say("kept") : say("missed") },
            .text("symbol", "✓ or ✕.") { $0.kept ? "✓" : "✕" },
        ])
}

/// A check-in on the goal page.
struct CheckInRow: TemplateModel {
    var date: String
    var dateLong: String
    var title: String
    var html: HTML

    static let template = TemplateKeys<CheckInRow>(
        "A check-in on the goal page.",
        keys: [
            .text("date", "`YYYY-MM-DD`.") { $0.date },
            .text("dateLong", "The date in words.") { $0.dateLong },
            .text("title", "The rest of the heading (may be empty).") { $0.title },
            .html("html", "What was written under the heading.") { $0.html },
        ])
}

/// One letter of the SMART or FAST checklist.
struct LintLetter: TemplateModel {
    var letter: String
    var word: String
    var holds: Bool
    var reason: String

    init(_ letter: GoalLint.Letter) {
        self.letter = letter.letter
        word = letter.word
        holds = letter.holds
        reason = letter.reason
    }

    static let template = TemplateKeys<LintLetter>(
        "One letter of the SMART or FAST checklist.",
        keys: [
            .text("letter", "S, M, A, R, T or F, A, M, T.") { $0.letter },
            .text("word", "Specific, Measurable, …") { $0.word },
            .flag("holds", "Whether the goal meets it.") { $0.holds },
            .text("reason", "Why it does not hold, or what makes it hold.") { $0.reason },
        ])
}
