/// The goal page's chart: the actual series, the plan through the milestones, the target,
/// milestone markers (met, missed, ahead, upcoming), the as-of date, the forecast to due,
/// and the period in progress marked as partial. Axes with nice value and date ticks.
struct GoalChart {
    let standing: Standing
    let asOf: Day
    var layout = Layout.wide

    /// Wide for screens and laptops; narrow for phones, where the wide one's labels would
    /// shrink below reading size. Both are drawn; the stylesheet shows one.
    struct Layout {
        var name: String
        var width: Double
        var height: Double
        var plot: (x0: Double, y0: Double, x1: Double, y1: Double)
        var valueTicks: Int
        var dateTicks: Int

        static let wide = Layout(
            name: "wide", width: 800, height: 340, plot: (64, 30, 776, 300), valueTicks: 5, dateTicks: 8)
        static let narrow = Layout(
            name: "narrow", width: 400, height: 300, plot: (48, 28, 384, 258), valueTicks: 4, dateTicks: 4)
    }

    /// A milestone's mark: met or missed once its date has passed; ahead when the current
    /// value already meets a future milestone.
    enum MilestoneMark: String {
        case met, missed, ahead, upcoming
        case noData = "no-data"
    }

    static func mark(_ m: MilestoneStanding, standing s: Standing, asOf: Day) -> MilestoneMark {
        if let met = m.met { return met ? .met : .missed }
        if m.milestone.date > asOf {
            if let current = s.current, let target = m.target, let direction = s.direction,
                !s.goal.isTaskGoal, direction.meets(current, target: target)
            {
                return .ahead
            }
            return .upcoming
        }
        return .noData
    }

    func svg() -> String? {
        let s = standing
        let g = s.goal
        guard !g.isTaskGoal, let series = s.series else { return nil }
        let plot = layout.plot
        let xStart = g.start
        let xEnd = max(g.due ?? asOf, asOf)
        let x = LinearScale(domain: (0, Double(xStart.days(to: xEnd))), range: (plot.x0, plot.x1))
        func px(_ day: Day) -> Double { x(Double(xStart.days(to: day))) }
        let inRange = { (day: Day) in day >= xStart && day <= xEnd }

        let shown = series.points.filter { inRange($0.date) }
        let partial = series.partial.flatMap { inRange($0.date) ? $0 : nil }
        var values = shown.map(\.value)
        values += [s.baseline, s.target, s.expected, partial?.value].compactMap { $0 }
        values += s.milestones.filter { inRange($0.milestone.date) }.compactMap(\.target)
        values = values.filter(\.isFinite)
        let isDuration = g.format == .duration
        // Counts (articles a week, calls a day) read from zero, in whole steps.
        let isCount =
            !isDuration && (g.rollup == .count || g.rollup == .sum) && !values.isEmpty
            && values.allSatisfy { $0 >= 0 && $0 == $0.rounded() }
        let ticks =
            isDuration
            ? NiceTicks(durationsCovering: values.min() ?? 0, values.max() ?? 1, count: layout.valueTicks)
            : isCount
                ? NiceTicks(covering: 0, values.max() ?? 1, count: layout.valueTicks, wholeNumbers: true)
                : NiceTicks(covering: values.min() ?? 0, values.max() ?? 1, count: layout.valueTicks)
        let y = LinearScale(domain: (ticks.low, ticks.high), range: (plot.y1, plot.y0))
        func inside(_ px: Double, _ py: Double) -> Bool {
            px >= plot.x0 - 0.05 && px <= plot.x1 + 0.05 && py >= plot.y0 - 0.05 && py <= plot.y1 + 0.05
        }

        var svg = SVG()
        // Value axis: grid lines and labels, the unit above them.
        svg.raw("<g class=\"axis y-axis\">")
        for tick in ticks.values {
            let ty = y(tick)
            guard inside(plot.x0, ty) else { continue }
            svg.line(plot.x0, ty, plot.x1, ty, class: "grid")
            let label = isDuration ? DisplayFormat.duration(tick) : DisplayFormat.compact(tick)
            svg.text(plot.x0 - 8, ty + 4, label, class: "tick-label", anchor: "end")
        }
        if !isDuration, let unit = g.unit, !unit.isEmpty {
            svg.text(plot.x0 - 8, plot.y0 - 14, unit, class: "unit", anchor: "end")
        }
        svg.raw("</g><g class=\"axis x-axis\">")
        svg.line(plot.x0, plot.y1, plot.x1, plot.y1, class: "baseline-axis")
        for tick in DateTicks.ticks(from: xStart, to: xEnd, maxCount: layout.dateTicks) {
            let tx = px(tick.day)
            svg.line(tx, plot.y1, tx, plot.y1 + 5, class: "tick")
            svg.text(tx, plot.y1 + 20, tick.label, class: "tick-label", anchor: "middle")
        }
        svg.raw("</g>")

        // Target: labelled above its line at the right, below it when the line runs along
        // the top (the margin above the plot is the as-of label's), and left of the as-of
        // line when that would cross the label.
        if let target = s.target, inside(plot.x0, y(target)) {
            let ty = y(target)
            svg.line(plot.x0, ty, plot.x1, ty, class: "target")
            let label = say("chartTarget", ["target": ChartText.value(target, s)])
            let width = textWidth(label)
            var (lx, anchor) = (plot.x1, "end")
            if inRange(asOf), px(asOf) > plot.x1 - width - 8 {
                let ax = px(asOf)
                (lx, anchor) = ax - 6 - width >= plot.x0 ? (ax - 6, "end") : (ax + 6, "start")
            }
            svg.text(lx, ty - 6 < plot.y0 + 8 ? ty + 15 : ty - 6, label, class: "target-label", anchor: anchor)
        }
        // Plan: start, milestones in the plan, due.
        if let plan = s.plan {
            svg.path([plan.corners.map { (px($0.date), y($0.value)) }], class: "plan")
        }
        // Forecast: the trend line from as-of to due, clipped to the plot.
        if let line = s.forecastLine, let due = g.due, asOf < due, asOf >= xStart {
            let from = (px(asOf), y(line.intercept + line.slope * Double(g.start.days(to: asOf))))
            let to = (px(due), y(line.intercept + line.slope * Double(g.start.days(to: due))))
            if let (a, b) = clip(from, to, to: plot) { svg.path([[a, b]], class: "forecast") }
        }
        // Actual values, broken where a period's values are missing.
        var runs: [[(Double, Double)]] = [[]]
        var gaps = series.gaps.filter(inRange)[...]
        for point in shown {
            if let gap = gaps.first, gap < point.date {
                while let next = gaps.first, next < point.date { gaps.removeFirst() }
                runs.append([])
            }
            runs[runs.count - 1].append((px(point.date), y(point.value)))
        }
        svg.path(runs, class: "actual")
        // A maintain goal's judged periods that missed the target, ringed (§10).
        for period in s.record?.periods ?? [] where !period.met && inRange(period.date) {
            let (bx, by) = (px(period.date), y(period.value))
            if inside(bx, by) { svg.circle(bx, by, r: 6.5, class: "breach") }
        }
        if shown.count <= 40 {
            for point in shown { svg.circle(px(point.date), y(point.value), r: 3.5, class: "point") }
        }
        if let partial {
            if let last = shown.last {
                svg.path(
                    [[(px(last.date), y(last.value)), (px(partial.date), y(partial.value))]], class: "partial-line")
            }
            let (cx, cy) = (px(partial.date), y(partial.value))
            svg.circle(cx, cy, r: 4.5, class: "partial")
            let right = cx < plot.x1 - 70
            svg.text(
                right ? cx + 9 : cx - 9, min(plot.y1 - 4, max(plot.y0 + 12, cy + 4)), say("chartPartial"),
                class: "note",
                anchor: right ? "start" : "end")
        }
        // Milestones.
        for m in s.milestones where inRange(m.milestone.date) {
            guard let target = m.target else { continue }
            let mx = px(m.milestone.date)
            let my = y(target)
            guard inside(mx, my) else { continue }
            let mark = Self.mark(m, standing: s, asOf: asOf)
            let r = 6.0
            let d: String
            switch mark {
            case .met, .ahead:
                d =
                    "M\(SVG.n(mx)) \(SVG.n(my - r)) L\(SVG.n(mx + r)) \(SVG.n(my)) L\(SVG.n(mx)) \(SVG.n(my + r)) L\(SVG.n(mx - r)) \(SVG.n(my))Z"
            case .missed:
                d =
                    "M\(SVG.n(mx - r)) \(SVG.n(my - r)) L\(SVG.n(mx + r)) \(SVG.n(my + r)) M\(SVG.n(mx + r)) \(SVG.n(my - r)) L\(SVG.n(mx - r)) \(SVG.n(my + r))"
            case .upcoming, .noData:
                d =
                    "M\(SVG.n(mx)) \(SVG.n(my - r)) L\(SVG.n(mx + r)) \(SVG.n(my)) L\(SVG.n(mx)) \(SVG.n(my + r)) L\(SVG.n(mx - r)) \(SVG.n(my))Z"
            }
            svg.element("path", [("class", "milestone \(mark.rawValue)"), ("d", d)])
            if mark == .ahead { svg.text(mx, my - 10, say("chartAhead"), class: "note", anchor: "middle") }
        }
        // As of: the label in the margin above the plot, where no line or point can be.
        if inRange(asOf) {
            let ax = px(asOf)
            svg.line(ax, plot.y0, ax, plot.y1, class: "as-of")
            let label = say("chartAsOf", ["date": DisplayFormat.short(asOf)])
            let right = ax + 5 + textWidth(label) <= layout.width - 2
            svg.text(right ? ax + 5 : ax - 5, plot.y0 - 8, label, class: "as-of-label", anchor: right ? "start" : "end")
        }
        return svg.finished(
            id: "chart-\(layout.name)-\(g.slug)", className: "chart-svg goal-chart-svg chart-\(layout.name)",
            width: layout.width, height: layout.height,
            title: say("chartGoalTitle", ["title": g.title]), description: ChartText.summary(s))
    }

    /// About how wide a label is drawn, a little generous: 12 px sans-serif on the wide
    /// chart, 15 px on the narrow one (style.css).
    func textWidth(_ text: String) -> Double { Double(text.count) * (layout.name == "narrow" ? 9 : 7) }
}
