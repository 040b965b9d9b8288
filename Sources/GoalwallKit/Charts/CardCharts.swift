/// A bullet graph after Stephen Few: the current value as the featured measure, marks for
/// where the plan says we should be today and for the target, on bands for off track /
/// at risk / on track (shades of one hue; reversed when lower is better).
struct BulletGraph {
    let standing: Standing
    let tolerance: Double

    static let width = 300.0
    static let height = 40.0

    func svg() -> String? {
        let s = standing
        guard !s.goal.isTaskGoal, let target = s.target, let expected = s.expected, let baseline = s.baseline else {
            return nil
        }
        let values = [baseline, target, expected, s.current].compactMap { $0 }.filter(\.isFinite)
        guard let low = values.min(), let high = values.max() else { return nil }
        // A bar needs zero on the scale; when zero is far off, the measure is a dot.
        let zeroOnScale: Bool
        var domain: (Double, Double)
        if low <= 0 && high >= 0 {
            zeroOnScale = true
            domain = (low, high)
        } else if low > 0 && low <= 0.5 * high {
            zeroOnScale = true
            domain = (0, high)
        } else if high < 0 && high >= 0.5 * low {
            zeroOnScale = true
            domain = (low, 0)
        } else {
            zeroOnScale = false
            domain = (low, high)
        }
        let ticks = NiceTicks(covering: domain.0, domain.1, count: 4)
        domain = (ticks.low, ticks.high)
        // Inset so a dot or a mark at either end stays inside the picture.
        let x = LinearScale(domain: domain, range: (8, Self.width - 8))
        func px(_ v: Double) -> Double { min(Self.width - 8, max(8, x(v))) }

        var svg = SVG()
        let span = abs(target - baseline)
        let direction = s.direction ?? (target >= baseline ? .up : .down)
        let edge = direction == .up ? expected - tolerance * span : expected + tolerance * span
        let bands: [(Double, Double, String)] =
            direction == .up
            ? [(domain.0, edge, "band-off"), (edge, expected, "band-risk"), (expected, domain.1, "band-on")]
            : [(domain.0, expected, "band-on"), (expected, edge, "band-risk"), (edge, domain.1, "band-off")]
        for (from, to, name) in bands {
            let a = px(min(from, to))
            let b = px(max(from, to))
            if b > a { svg.rect(a, 6, b - a, 28, class: name) }
        }
        if let current = s.current {
            if zeroOnScale {
                let a = px(min(0, current))
                let b = px(max(0, current))
                svg.rect(a, 15, max(b - a, 1.5), 10, class: "measure")
            } else {
                svg.circle(px(current), 20, r: 6, class: "measure")
            }
        }
        svg.rect(px(expected) - 1.5, 9, 3, 22, class: "mark-expected")
        svg.rect(px(target) - 2.5, 3, 5, 34, class: "mark-target")
        let description =
            say(
                "chartBulletText",
                [
                    "title": s.goal.title, "current": s.current.map { ChartText.value($0, s) } ?? say("noData"),
                    "expected": ChartText.value(expected, s), "target": ChartText.value(target, s),
                    "status": Language.current.inText(s.status.label),
                ])
        return svg.finished(
            id: "bullet-\(s.slug)", className: "chart-svg bullet-svg", width: Self.width, height: Self.height,
            title: say("chartBulletTitle", ["title": s.goal.title]), description: description)
    }
}

/// A sparkline after Tufte: word-sized, no axes, the latest value marked and labelled, the
/// target as a faint line.
struct Sparkline {
    let standing: Standing
    var width = 160.0
    var height = 32.0
    /// The latest value written after the line; the kiosk's trend leaves it out, as the
    /// card shows that value large beside it.
    var labelled = true

    static let maxPoints = 90

    func svg() -> String? {
        let s = standing
        guard !s.goal.isTaskGoal, let series = s.series, let last = series.last else { return nil }
        let points = Array(series.points.suffix(Self.maxPoints))
        var values = points.map(\.value)
        if let target = s.target { values.append(target) }
        let low = values.min() ?? 0
        let high = values.max() ?? 1
        let pad = high > low ? 0 : (low == 0 ? 1 : abs(low) * 0.1)
        let inset = labelled ? 4.0 : 6.0
        let y = LinearScale(domain: (low - pad, high + pad), range: (height - inset, inset))
        let lineEnd = labelled ? 104.0 : width - 6
        let first = points[0].date
        let days = Double(max(1, first.days(to: last.date)))
        let x = LinearScale(domain: (0, days), range: (2, lineEnd))
        func px(_ day: Day) -> Double { points.count == 1 ? lineEnd : x(Double(first.days(to: day))) }

        var svg = SVG()
        if let target = s.target { svg.line(2, y(target), lineEnd, y(target), class: "spark-target") }
        if points.count > 1 { svg.path([points.map { (px($0.date), y($0.value)) }], class: "spark") }
        svg.circle(px(last.date), y(last.value), r: labelled ? 2.5 : 5, class: "spark-last")
        if labelled {
            let label =
                s.goal.format == .duration ? DisplayFormat.duration(last.value) : DisplayFormat.number(last.value)
            svg.text(lineEnd + 6, height / 2 + 4, label, class: "spark-label")
        }
        let (from, to) =
            s.goal.period == .day
            ? (DisplayFormat.short(first), DisplayFormat.short(last.date))
            : (s.goal.shown(point: first), s.goal.shown(point: last.date))
        let description =
            say(
                "chartSparkText",
                [
                    "title": s.goal.title, "count": DisplayFormat.number(Double(points.count)), "from": from, "to": to,
                    "latest": ChartText.value(last.value, s),
                ])
            + (s.target.map { say("chartTargetPart", ["target": ChartText.value($0, s)]) } ?? "") + say("fullStop")
        return svg.finished(
            id: "spark-\(s.slug)", className: "chart-svg spark-svg", width: width, height: height,
            title: say("chartSparkTitle", ["title": s.goal.title]), description: description)
    }
}

/// A task goal's bar: done out of total, with a mark where the plan says we should be.
struct TaskBar {
    let standing: Standing
    var width = 300.0
    var height = 24.0

    func svg() -> String? {
        let s = standing
        guard s.goal.isTaskGoal, s.tasksTotal > 0 else { return nil }
        let inner = width - 4
        let done = Double(s.tasksDone) / Double(s.tasksTotal)
        var svg = SVG()
        svg.rect(2, 4, inner, height - 8, class: "task-track")
        svg.rect(2, 4, inner * done, height - 8, class: "task-done")
        if s.tasksTotal <= 60 {
            for i in 1..<s.tasksTotal {
                let tx = 2 + inner * Double(i) / Double(s.tasksTotal)
                svg.line(tx, 4, tx, height - 4, class: "task-step")
            }
        }
        if let expected = s.expected {
            svg.rect(2 + inner * expected - 1.5, 0, 3, height, class: "mark-expected")
        }
        return svg.finished(
            id: "tasks-\(s.slug)", className: "chart-svg task-svg", width: width, height: height,
            title: say("chartTasksTitle", ["title": s.goal.title]), description: ChartText.summary(s))
    }
}

/// A maintain goal's record (§10): its latest judged periods in a row, oldest on the left;
/// a met period is a filled square with a tick, a missed one a hollow square with a cross,
/// so the strip reads without colour.
struct RecordStrip {
    let standing: Standing
    var width = 300.0
    var height = 24.0
    /// The latest periods shown (fewer, larger squares on the kiosk).
    var maxPeriods = 26

    func svg() -> String? {
        let s = standing
        guard let record = s.record, !record.periods.isEmpty else { return nil }
        let shown = record.periods.suffix(maxPeriods)
        let step = width / Double(maxPeriods)
        let size = min(step - 2, height - 4)
        var svg = SVG()
        // Right-aligned: the latest period is always at the right end.
        var x = width - step * Double(shown.count) + (step - size) / 2
        for period in shown {
            let y = (height - size) / 2
            if period.met {
                svg.rect(x, y, size, size, class: "record-met")
                svg.path(
                    [
                        [
                            (x + size * 0.22, y + size * 0.52), (x + size * 0.42, y + size * 0.74),
                            (x + size * 0.8, y + size * 0.28),
                        ]
                    ], class: "record-tick")
            } else {
                svg.rect(x + 0.75, y + 0.75, size - 1.5, size - 1.5, class: "record-missed")
                svg.path(
                    [
                        [(x + size * 0.28, y + size * 0.28), (x + size * 0.72, y + size * 0.72)],
                        [(x + size * 0.72, y + size * 0.28), (x + size * 0.28, y + size * 0.72)],
                    ], class: "record-cross")
            }
            x += step
        }
        let g = s.goal
        let missed = shown.filter { !$0.met }.map { g.shown(point: $0.date) }
        let description =
            say(
                "chartRecordText",
                ["title": g.title, "met": String(record.met), "periods": GoalLint.periods(g.period, record.judged)])
            + (missed.isEmpty ? "" : say("chartMissedPart", ["periods": missed.suffix(5).joined(separator: ", ")]))
            + say("fullStop")
        return svg.finished(
            id: "record-\(s.slug)", className: "chart-svg record-svg", width: width, height: height,
            title: say("chartRecordTitle", ["title": g.title]), description: description)
    }
}
