/// The planned path of a goal (§5 expected): straight lines, by days, through
/// (start, baseline), each milestone in the plan in date order, and (due, target).
public struct Plan: Sendable {
    /// The corners of the path, in date order.
    public let corners: [Point]

    /// - Parameter corners: the milestones in the plan, as (date, target), in date order.
    public init(start: Day, baseline: Double, corners milestones: [Point], due: Day, target: Double) {
        corners = [Point(date: start, value: baseline)] + milestones + [Point(date: due, value: target)]
    }

    /// Baseline before start, target after due, the straight line between corners in between.
    public func expected(on day: Day) -> Double {
        guard let first = corners.first, let last = corners.last else { return 0 }
        if day <= first.date { return first.value }
        if day >= last.date { return last.value }
        for (a, b) in zip(corners, corners.dropFirst()) where day <= b.date {
            let fraction = Double(a.date.days(to: day)) / Double(a.date.days(to: b.date))
            return a.value + (b.value - a.value) * fraction
        }
        return last.value
    }
}
