/// Which way a goal's number should move.
public enum Direction: String, CaseIterable, Sendable {
    case up, down

    /// The side of a maintain goal's target that meets it (§10: ≥ up, ≤ down), in words:
    /// "at least 6 articles", "at most 1:00:00".
    public var keptSide: String { self == .up ? say("atLeast") : say("atMost") }
}

/// §3 `state`.
public enum GoalState: String, CaseIterable, Sendable { case active, draft, dropped }

/// What a goal asks of its metric (§10): move it from baseline to target by due, or keep
/// it on the right side of target in every period.
public enum GoalKind: String, CaseIterable, Sendable { case reach, maintain }

/// How a goal's values read (§10): plain numbers, or seconds shown as `6:31` / `1:02:03`.
public enum ValueFormat: String, CaseIterable, Sendable { case number, duration }

/// A target as written (§3, §10): a value (a number, or a duration in seconds), or a
/// change from the baseline.
public enum TargetSpec: Hashable, Sendable {
    case value(Double)
    /// `+N%` or `-N%`: baseline × (1 + N/100), once the baseline is known.
    case relative(percent: Double)

    /// The number it stands for: nil for a relative target without a baseline.
    public func resolved(baseline: Double?) -> Double? {
        switch self {
        case .value(let value): value
        case .relative(let percent): baseline.map { $0 * (1 + percent / 100) }
        }
    }
}

/// Where a reach goal starts from (§3, §10): a value, or the mean of its points in a window.
public enum BaselineSpec: Hashable, Sendable {
    case value(Double)
    case window(from: Day, to: Day)
}

/// An interim target on the way to the goal's target.
public struct Milestone: Sendable {
    public var date: Day
    /// Optional on a task goal, whose milestones are shown but not computed (§9).
    public var target: TargetSpec?
    public var note: String?
    /// False when the milestone lies outside (start, due): listed, but left out of the plan.
    public var isInPlan: Bool
    var location: SourceLocation
}

/// Where a goal's numbers come from: one value column of one metric CSV, or a formula
/// over its columns (§10).
public struct MetricReference: Sendable {
    /// As the goal names it, for goals.json (`support.wait_minutes`, `calls: 100 * a / b`).
    public var name: String
    /// The CSV, by its path under content/metrics without `.csv`.
    public var file: String
    /// The value column; nil for a formula.
    public var column: String?
    public var formula: Formula?
    /// What the wall calls it (`label:` in the mapping form), when the team named it.
    public var label: String?
}

/// One goal as its team wrote it (§3): content/goals/NAME.md.
public struct Goal: Sendable {
    public var slug: String
    public var title: String
    public var owner: String?
    public var team: String?
    public var teamSlug: String?
    public var metric: MetricReference?
    public var unit: String?
    public var kind: GoalKind
    public var baseline: BaselineSpec?
    public var target: TargetSpec?
    public var direction: Direction?
    public var start: Day
    /// Always there on a reach goal; a maintain goal without one runs on (§10).
    public var due: Day?
    /// Maintain goals: the share of judged periods that must meet target.
    public var hold: Double
    /// This goal's tolerance, when it has its own (§10); else goalwall.yml's.
    public var tolerance: Double?
    public var format: ValueFormat
    /// In date order (§9).
    public var milestones: [Milestone]
    public var parent: String?
    /// The check-in cadence in days.
    public var reviewDays: Int?
    public var review: String?

    /// The review cadence in the wall's words: "weekly", "every 10 days".
    var reviewWords: String? {
        guard let review, let days = reviewDays else { return review }
        switch review.lowercased() {
        case "weekly": return say("reviewWeekly")
        case "biweekly": return say("reviewBiweekly")
        case "monthly": return say("reviewMonthly")
        case "quarterly": return say("reviewQuarterly")
        default: return say("reviewEveryDays", count: days)
        }
    }
    public var rollup: Rollup
    public var period: Period
    public var state: GoalState
    public var tags: [String]
    /// `kiosk: false` keeps the goal off the office TV (a personal or development goal);
    /// every other page still shows it.
    public var onKiosk = true
    public var body: MarkdownBody

    /// The file, relative to the site.
    public var path: String
    /// Where the target was written (or, when it is missing, the metric).
    var targetLocation: SourceLocation
    /// Where the slug was given (or the file's start, when it comes from the file name).
    var slugLocation: SourceLocation
    var metricLocation: SourceLocation
    var parentLocation: SourceLocation

    /// A value of this goal as people read it: with its unit, or as a duration (§10).
    public func shown(_ value: Double?) -> String {
        DisplayFormat.value(value, unit: unit, duration: format == .duration)
    }

    /// The date of one of its points, as the period it stands for ("week of 16 Nov").
    public func shown(point day: Day) -> String {
        let length: DisplayFormat.PeriodLength =
            switch period {
            case .day: .day
            case .week: .week
            case .month: .month
            }
        return DisplayFormat.period(day, length)
    }

    /// What the wall calls its metric: the label the team gave, else its name (a formula
    /// with × and ÷, as a team writes it on paper).
    public var metricName: String? {
        guard let metric else { return nil }
        if let label = metric.label { return label }
        guard metric.formula != nil else { return metric.name }
        return metric.name.replacingOccurrences(of: " * ", with: " × ").replacingOccurrences(of: " / ", with: " ÷ ")
    }

    /// The owner, when one is named (not blank): who the goal's people page is for.
    public var ownerName: String? {
        guard let owner, !owner.trimmingBlanks.isEmpty else { return nil }
        return owner
    }

    /// A goal with no metric is measured by its tasks (§3).
    public var isTaskGoal: Bool { metric == nil }
    public var isMaintain: Bool { kind == .maintain }
}
