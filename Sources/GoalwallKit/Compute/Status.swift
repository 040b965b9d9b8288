/// Where a goal stands on the as-of date (§5).
public enum Status: String, CaseIterable, Sendable {
    case offTrack = "off-track"
    case atRisk = "at-risk"
    case onTrack = "on-track"
    case noData = "no-data"
    case notStarted = "not-started"
    case missed
    case achieved
    case draft
    case dropped

    /// §5 status, first rule that applies.
    static func of(
        state: GoalState, current: Double?, meetsTarget: Bool, asOf: Day, start: Day, due: Day,
        behind: Double?, tolerance: Double
    ) -> Status {
        switch state {
        case .dropped: return .dropped  // rule 1
        case .draft: return .draft
        case .active: break
        }
        guard current != nil else { return .noData }  // rule 2
        if meetsTarget { return .achieved }  // rule 3
        if asOf > due { return .missed }  // rule 4
        if asOf < start { return .notStarted }  // rule 5
        // rule 6; no `behind` (target = baseline with a direction) is off-track (§9).
        guard let behind else { return .offTrack }
        if behind <= 0 { return .onTrack }
        return behind <= tolerance ? .atRisk : .offTrack
    }

    /// How a team reads it, for the wall: "On track".
    public var label: String {
        switch self {
        case .offTrack: "Off track"
        case .atRisk: "At risk"
        case .onTrack: "On track"
        case .noData: "No data"
        case .notStarted: "Not started"
        case .missed: "Missed"
        case .achieved: "Achieved"
        case .draft: "Draft"
        case .dropped: "Dropped"
        }
    }

    /// A symbol that tells the status without colour.
    public var symbol: String {
        switch self {
        case .offTrack: "✕"
        case .atRisk: "!"
        case .onTrack: "✓"
        case .noData: "?"
        case .notStarted: "…"
        case .missed: "✕"
        case .achieved: "★"
        case .draft: "✎"
        case .dropped: "–"
        }
    }

    /// Wall order: what needs attention first.
    public var urgency: Int { Status.allCases.firstIndex(of: self)! }
}

extension Direction {
    /// §5 rule 3: ≥ target for up, ≤ target for down.
    func meets(_ value: Double, target: Double) -> Bool {
        self == .up ? value >= target : value <= target
    }
}
