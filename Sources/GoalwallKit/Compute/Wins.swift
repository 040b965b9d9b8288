/// A goal achieved or a milestone met lately (issue 14): the kiosk's "recent wins" strip.
/// Pure: decided by the as-of date alone, so `--as-of` gives the same strip every time.
struct Win: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        case achieved
        case milestone
    }

    var kind: Kind
    var slug: String
    var title: String
    var date: Day

    /// The wins among `goals` dated within the `days` days up to and including `asOf`:
    /// the latest first, then by title and slug. Dropped and draft goals have none.
    static func recent(_ goals: [Standing], asOf: Day, days: Int) -> [Win] {
        guard days > 0 else { return [] }
        let since = asOf.adding(days: -(days - 1))
        var wins: [Win] = []
        for s in goals where s.goal.state == .active {
            if let date = achievedOn(s), date >= since, date <= asOf {
                wins.append(Win(kind: .achieved, slug: s.slug, title: s.goal.title, date: date))
            }
            for m in s.milestones where m.met == true {
                let date = m.milestone.date
                guard date >= since, date <= asOf else { continue }
                wins.append(Win(kind: .milestone, slug: s.slug, title: s.goal.title, date: date))
            }
        }
        return wins.sorted { ($1.date, $0.title, $0.slug) < ($0.date, $1.title, $1.slug) }
    }

    /// When an achieved goal got there: for a reach goal, the first point of the run of
    /// points that meet the target and last to as-of (not before its start); for a
    /// maintain goal, its due date, when its record is judged. Nil for a goal that is not
    /// achieved, and for a task goal (its tasks carry no dates).
    static func achievedOn(_ s: Standing) -> Day? {
        guard s.status == .achieved else { return nil }
        if s.goal.isMaintain { return s.goal.due }
        guard !s.goal.isTaskGoal, let target = s.target, let direction = s.direction,
            let points = s.series?.points
        else { return nil }
        var first: Day?
        for point in points.reversed() {
            guard direction.meets(point.value, target: target) else { break }
            first = point.date
        }
        return first.map { max($0, s.goal.start) }
    }
}
