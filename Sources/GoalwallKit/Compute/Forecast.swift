/// §5/§9 forecast: the least-squares line through the points in [start, as-of], with
/// x = days since start.
struct Forecast {
    var slope: Double
    var intercept: Double
    let start: Day

    /// nil with fewer than 3 points.
    init?(points: [Point], start: Day, asOf: Day) {
        let used = points.filter { $0.date >= start && $0.date <= asOf }
        guard used.count >= 3 else { return nil }
        let n = Double(used.count)
        let xs = used.map { Double(start.days(to: $0.date)) }
        let ys = used.map(\.value)
        let meanX = xs.reduce(0, +) / n
        let meanY = ys.reduce(0, +) / n
        var sxy = 0.0
        var sxx = 0.0
        for (x, y) in zip(xs, ys) {
            sxy += (x - meanX) * (y - meanY)
            sxx += (x - meanX) * (x - meanX)
        }
        guard sxx > 0 else { return nil }
        slope = sxy / sxx
        intercept = meanY - slope * meanX
        self.start = start
        guard slope.isFinite, intercept.isFinite else { return nil }
    }

    func value(on day: Day) -> Double { intercept + slope * Double(start.days(to: day)) }

    /// The first whole day on which the line meets `target` (the crossing rounded up),
    /// also before as-of; nil when the line is flat or moves away from the target.
    func day(reaching target: Double, direction: Direction) -> Day? {
        guard direction == .up ? slope > 0 : slope < 0 else { return nil }
        let x = (target - intercept) / slope
        // Rounding noise must not push an exact crossing to the next day.
        let days = (x - 1e-9).rounded(.up)
        guard days.isFinite, abs(days) < 4_000_000 else { return nil }
        let day = start.adding(days: Int(days))
        return day.isWritable ? day : nil
    }
}
