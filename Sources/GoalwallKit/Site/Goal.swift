/// Which way a goal's number should move.
public enum Direction: String, CaseIterable, Sendable { case up, down }

/// §3 `state`.
public enum GoalState: String, CaseIterable, Sendable { case active, draft, dropped }

/// An interim target on the way to the goal's target.
public struct Milestone: Sendable {
    public var date: Day
    /// Optional on a task goal, whose milestones are shown but not computed (§9).
    public var target: Double?
    public var note: String?
    /// False when the milestone lies outside (start, due): listed, but left out of the plan.
    public var isInPlan: Bool
    var location: SourceLocation
}

/// Where a goal's numbers come from: one value column of one metric CSV.
public struct MetricReference: Sendable {
    /// As the goal names it, for goals.json (`support.wait_minutes`).
    public var name: String
    /// The CSV, by its path under content/metrics without `.csv`.
    public var file: String
    public var column: String
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
    public var baseline: Double?
    public var target: Double?
    public var direction: Direction?
    public var start: Day
    public var due: Day
    /// In date order (§9).
    public var milestones: [Milestone]
    public var parent: String?
    /// The check-in cadence in days.
    public var reviewDays: Int?
    public var review: String?
    public var rollup: Rollup
    public var period: Period
    public var state: GoalState
    public var tags: [String]
    public var body: MarkdownBody

    /// The file, relative to the site.
    public var path: String
    /// Where the target was written (or, when it is missing, the metric).
    var targetLocation: SourceLocation
    /// Where the slug was given (or the file's start, when it comes from the file name).
    var slugLocation: SourceLocation
    var metricLocation: SourceLocation
    var parentLocation: SourceLocation

    /// A goal with no metric is measured by its tasks (§3).
    public var isTaskGoal: Bool { metric == nil }
}
