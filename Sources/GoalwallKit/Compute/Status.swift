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

    /// §10 maintain status, first rule that applies: dropped/draft; before start not
    /// started; nothing judged no data; past due achieved when met/judged ≥ hold, else
    /// missed; the latest judged period met: on track when met/judged ≥ hold, else at risk;
    /// it missed by at most tolerance × |target|: at risk; else off track.
    static func ofMaintain(
        state: GoalState, asOf: Day, start: Day, due: Day?, record: Record, hold: Double, target: Double,
        direction: Direction, tolerance: Double
    ) -> Status {
        switch state {
        case .dropped: return .dropped
        case .draft: return .draft
        case .active: break
        }
        if asOf < start { return .notStarted }
        guard let share = record.share, let latest = record.periods.last else { return .noData }
        if let due, asOf > due { return share >= hold ? .achieved : .missed }
        if latest.met { return share >= hold ? .onTrack : .atRisk }
        let miss = direction == .up ? target - latest.value : latest.value - target
        return miss <= tolerance * abs(target) ? .atRisk : .offTrack
    }

    /// How a team reads it, for the wall: "On track" (in the wall's language).
    public var label: String {
        switch self {
        case .offTrack: say("statusOffTrack")
        case .atRisk: say("statusAtRisk")
        case .onTrack: say("statusOnTrack")
        case .noData: say("statusNoData")
        case .notStarted: say("statusNotStarted")
        case .missed: say("statusMissed")
        case .achieved: say("statusAchieved")
        case .draft: say("statusDraft")
        case .dropped: say("statusDropped")
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
