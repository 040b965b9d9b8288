import Yams

/// Reads one goal file (§3, §9, §10) into a `Goal`, reporting every problem with its
/// position. A goal that lacks what its figures need (a title, a start, a due date on a
/// reach goal, a slug, a metric and a target that resolve, a direction on a maintain goal)
/// is left out, after its errors are reported.
struct GoalReader {
    static let keys = [
        "title", "slug", "owner", "team", "metric", "unit", "baseline", "target", "direction",
        "start", "due", "milestones", "parent", "review", "rollup", "period", "state", "tags",
        "kind", "hold", "tolerance", "format", "kiosk",
    ]
    static let milestoneKeys = ["date", "target", "note"]
    static let metricKeys = ["file", "column", "formula", "label"]

    let path: String
    let fileName: String
    /// Metric tables by FILE name, to resolve `metric:`.
    let tables: [String: MetricTable]

    func read(_ text: String, into diagnostics: inout Diagnostics) -> Goal? {
        let top = SourceLocation(path: path)
        guard let parts = FrontMatter.split(text, path: path, into: &diagnostics) else { return nil }
        guard let yaml = parts.yaml else {
            diagnostics.error(
                "a goal file starts with front matter between '---' lines (title, start, due, …)", at: top)
            return nil
        }
        guard
            let fields = YAMLFields.parse(
                yaml, path: path, lineOffset: 1, what: "front matter", into: &diagnostics)
        else { return nil }
        fields.warnUnknownKeys(known: Self.keys, what: "goal", into: &diagnostics)
        // An unknown kind is an error, and the goal is read as a reach goal.
        let kind = fields.choice("kind", as: GoalKind.self, into: &diagnostics) ?? .reach
        let isMaintain = kind == .maintain
        var usable = true

        // §9, §10: a missing required key (absent, or null: `~`, `null`, nothing) is reported
        // at 1:1; a missing target at the metric line.
        let required = ["title", "start"] + (isMaintain ? ["metric", "direction"] : ["due"])
        for key in required where !fields.has(key) {
            diagnostics.error("missing required key '\(key)'", at: top)
            usable = false
        }
        let metricLocation = fields.location(ofKey: "metric") ?? top
        if !fields.has("target"), fields.has("metric") || isMaintain {
            diagnostics.error(
                isMaintain
                    ? "missing 'target': a maintain goal needs the value to stay on the right side of"
                    : "missing 'target': a goal with a metric needs the value to reach",
                at: metricLocation)
            usable = false
        }

        let title = fields.string("title", into: &diagnostics)
        if let title, title.trimmingBlanks.isEmpty {
            diagnostics.error("'title' must not be empty", at: fields.location(ofKey: "title") ?? top)
            usable = false
        }
        let start = fields.day("start", into: &diagnostics)
        let due = fields.day("due", into: &diagnostics)
        if (fields.has("start") && start == nil) || (fields.has("due") && due == nil) { usable = false }
        if let start, let due, due <= start {
            diagnostics.error(
                "'due' (\(due)) must be after 'start' (\(start))", at: fields.location(of: fields.node("due")!))
            usable = false
        }

        let slug = readSlug(fields, into: &diagnostics)
        if slug == nil { usable = false }

        let team = fields.string("team", into: &diagnostics)
        var teamSlug: String?
        if let team {
            teamSlug = slugify(team)
            if teamSlug!.isEmpty {
                diagnostics.error(
                    "the team name '\(team)' gives an empty slug: use some letters or digits",
                    at: fields.location(of: fields.node("team")!))
                teamSlug = nil
            }
        }

        // The metric and target (§3, §9, §10); a goal with neither is measured by its tasks.
        let isTaskGoal = !fields.has("metric") && !isMaintain
        var metric: MetricReference?
        var target: TargetSpec?
        if fields.has("metric") {
            metric = readMetric(fields, into: &diagnostics)
            if metric == nil { usable = false }
            if let node = fields.node("target") {
                target = readTarget(node, named: "target", fields: fields, into: &diagnostics)
                if target == nil { usable = false }
                if isMaintain, case .relative = target {
                    diagnostics.error(
                        "a maintain goal has no baseline, so its target cannot be relative: write the value to keep",
                        at: fields.location(ofKey: "target")!)
                    usable = false
                }
            }
        } else if fields.has("target"), !isMaintain {
            // §9: a target on a goal with no metric is a warning and ignored, whatever it says.
            diagnostics.warning(
                "'target' is ignored: a goal without a metric is measured by its tasks",
                at: fields.location(ofKey: "target")!)
        }
        let baseline = readBaseline(fields, isMaintain: isMaintain, isTaskGoal: isTaskGoal, into: &diagnostics)

        let direction = fields.choice("direction", as: Direction.self, into: &diagnostics)
        if isMaintain, fields.has("direction"), direction == nil { usable = false }

        var reviewDays: Int?
        let review = fields.string("review", into: &diagnostics)
        if let review {
            reviewDays = Self.cadence(review)
            if reviewDays == nil {
                diagnostics.error(
                    "'review' must be weekly, biweekly, monthly, quarterly or a number of days like 10d",
                    at: fields.location(of: fields.node("review")!))
            }
        }

        var milestones: [Milestone] = []
        if isMaintain, fields.has("milestones") {
            diagnostics.error(
                "a maintain goal has no milestones: it is judged in every period; remove them",
                at: fields.location(ofKey: "milestones")!)
        } else {
            milestones = readMilestones(
                fields, start: start, due: due, isTaskGoal: isTaskGoal, into: &diagnostics)
        }

        var parent = fields.string("parent", into: &diagnostics)
        if let name = parent, !isValidSlug(name) {
            diagnostics.error("'parent' must be a goal's slug", at: fields.location(of: fields.node("parent")!))
            parent = nil
        }

        let owner = fields.string("owner", into: &diagnostics)
        if owner == nil {
            diagnostics.warning("no owner: a SMART goal names the one person who champions it", at: top)
        }

        var hold = 1.0
        if let node = fields.node("hold") {
            if !isMaintain {
                diagnostics.warning(
                    "'hold' is for maintain goals (the share of periods that must meet target): ignored",
                    at: fields.location(ofKey: "hold")!)
            } else if let value = fields.number(node, named: "hold", into: &diagnostics) {
                if value > 0, value <= 1 {
                    hold = value
                } else {
                    diagnostics.error(
                        "'hold' must be more than 0 and at most 1 (0.8: 80% of the periods meet target)",
                        at: fields.location(of: node))
                }
            }
        }
        var tolerance: Double?
        if let node = fields.node("tolerance"), let value = fields.number(node, named: "tolerance", into: &diagnostics)
        {
            if (0...1).contains(value) {
                tolerance = value
            } else {
                diagnostics.error(
                    "'tolerance' must be between 0 and 1 (0.10 means 10% of the way behind plan)",
                    at: fields.location(of: node))
            }
        }

        let body = MarkdownBody.parse(
            parts.body, path: path, firstLine: parts.bodyFirstLine, into: &diagnostics)

        let goal = Goal(
            slug: slug ?? "",
            title: title ?? "",
            owner: owner,
            team: team,
            teamSlug: teamSlug,
            metric: metric,
            unit: fields.string("unit", into: &diagnostics),
            kind: kind,
            baseline: baseline,
            target: isTaskGoal ? nil : target,
            direction: direction,
            start: start ?? Day(daysSinceEpoch: 0),
            due: due,
            hold: hold,
            tolerance: tolerance,
            format: fields.choice("format", as: ValueFormat.self, into: &diagnostics) ?? .number,
            milestones: milestones,
            parent: parent,
            reviewDays: reviewDays,
            review: review,
            rollup: fields.choice("rollup", as: Rollup.self, into: &diagnostics) ?? .last,
            period: fields.choice("period", as: Period.self, into: &diagnostics) ?? .day,
            state: fields.choice("state", as: GoalState.self, into: &diagnostics) ?? .active,
            tags: fields.strings("tags", into: &diagnostics),
            onKiosk: readKiosk(fields, into: &diagnostics),
            body: body,
            path: path,
            targetLocation: fields.location(ofKey: "target") ?? metricLocation,
            slugLocation: fields.location(ofKey: "slug") ?? top,
            metricLocation: metricLocation,
            parentLocation: fields.location(ofKey: "parent") ?? top
        )
        guard usable, title != nil, start != nil, isMaintain || due != nil else { return nil }
        return goal
    }

    /// Issue 14: `kiosk: true` (the default) or `kiosk: false`.
    private func readKiosk(_ fields: YAMLFields, into diagnostics: inout Diagnostics) -> Bool {
        guard let node = fields.node("kiosk") else { return true }
        guard let flag = KioskSettings.flag(node) else {
            diagnostics.error(
                "'kiosk' must be true or false (false keeps the goal off the office TV)", at: fields.location(of: node))
            return true
        }
        return flag
    }

    /// §9: from the file name, or `slug:` when it is well formed; nil (with an error) else.
    private func readSlug(_ fields: YAMLFields, into diagnostics: inout Diagnostics) -> String? {
        guard let explicit = fields.string("slug", into: &diagnostics) else {
            guard let slug = slugForFile(named: fileName) else {
                diagnostics.error(
                    "the file name '\(excerpt(fileName))' gives an empty slug: rename it or set 'slug:'",
                    at: SourceLocation(path: path))
                return nil
            }
            return slug
        }
        guard isValidSlug(explicit) else {
            diagnostics.error(
                "'slug' must be lower-case letters and digits in words joined by single '-' (like 'cut-wait-time')",
                at: fields.location(of: fields.node("slug")!))
            return nil
        }
        return explicit
    }

    /// §3 `review`: weekly 7, biweekly 14, monthly 31, quarterly 92, or `Nd` with N ≥ 1 days.
    static func cadence(_ text: String) -> Int? {
        // The keywords are case-insensitive (§9); `Nd` is written with a lower-case d.
        switch text.lowercased() {
        case "weekly": return 7
        case "biweekly": return 14
        case "monthly": return 31
        case "quarterly": return 92
        default: break
        }
        guard text.hasSuffix("d") else { return nil }
        let digits = text.dropLast()
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(digits), n >= 1
        else { return nil }
        return n
    }

    /// §3, §10 target (and a milestone's): a plain number, `+N%` or `-N%` (a change from the
    /// baseline), or a duration `M:SS` / `H:MM:SS` (seconds). An unsigned `80%` is an error
    /// that says which was meant. Relative targets and durations may be quoted or not; a
    /// plain number is written unquoted (§9).
    func readTarget(_ node: Node, named key: String, fields: YAMLFields, into diagnostics: inout Diagnostics)
        -> TargetSpec?
    {
        let at = fields.location(of: node)
        let shapes = "a number, +N% or -N% (a change from the baseline), or a duration like \"6:30\""
        guard let scalar = node.scalar else {
            diagnostics.error("'\(key)' must be \(shapes)", at: at)
            return nil
        }
        let text = scalar.string.trimmingBlanks
        if scalar.style == .plain || scalar.style == .any, let number = parseDecimal(text) { return .value(number) }
        if let first = text.first, first == "+" || first == "-", text.hasSuffix("%"),
            let percent = Self.unsignedDecimal(text.dropFirst().dropLast())
        {
            return .relative(percent: first == "-" ? -percent : percent)
        }
        switch DurationText(text) {
        case .seconds(let seconds): return .value(seconds)
        case .invalid(let why):
            diagnostics.error("'\(key)' \(excerpt(text)) is no duration: \(why)", at: at)
            return nil
        case .notADuration: break
        }
        if text.hasSuffix("%"), Self.unsignedDecimal(text.dropLast()) != nil {
            let number = text.dropLast()
            diagnostics.error(
                "'\(key)' \(text) has no sign: write \(number) for the value itself, or +\(text) (or -\(text)) for a change from the baseline",
                at: at)
            return nil
        }
        diagnostics.error("'\(key)' must be \(shapes)", at: at)
        return nil
    }

    /// A decimal without sign or exponent (`50`, `12.5`, `.5`, `5.`): the N of `+N%`.
    static func unsignedDecimal(_ text: Substring) -> Double? {
        guard let first = text.first, first != "+", first != "-",
            !text.contains(where: { $0 == "e" || $0 == "E" })
        else { return nil }
        return parseDecimal(text)
    }

    /// §3, §10 baseline: a number, or `{from: DATE, to: DATE}` (the mean of the points in the
    /// window). Not on a maintain goal; ignored with a warning on a task goal.
    private func readBaseline(
        _ fields: YAMLFields, isMaintain: Bool, isTaskGoal: Bool, into diagnostics: inout Diagnostics
    ) -> BaselineSpec? {
        guard let node = fields.node("baseline") else { return nil }
        let at = fields.location(ofKey: "baseline")!
        if isMaintain {
            diagnostics.error(
                "a maintain goal has no baseline: it keeps its metric on the right side of target; remove it", at: at)
            return nil
        }
        if isTaskGoal {
            diagnostics.warning("'baseline' is ignored: a goal without a metric is measured by its tasks", at: at)
            return nil
        }
        guard let mapping = node.mapping else {
            return fields.number(node, named: "baseline", into: &diagnostics).map { .value($0) }
        }
        let window = fields.nested(mapping, into: &diagnostics)
        window.warnUnknownKeys(known: ["from", "to"], what: "baseline", into: &diagnostics)
        var complete = true
        for key in ["from", "to"] where !window.has(key) {
            diagnostics.error(
                "a baseline window needs '\(key)': baseline: { from: 2025-10-01, to: 2025-12-31 }",
                at: fields.location(of: node))
            complete = false
        }
        guard complete, let from = window.day("from", into: &diagnostics), let to = window.day("to", into: &diagnostics)
        else { return nil }
        guard from <= to else {
            diagnostics.error(
                "the baseline window ends (\(to)) before it starts (\(from))",
                at: window.location(of: window.node("to")!))
            return nil
        }
        return .window(from: from, to: to)
    }

    /// §9 `metric:` resolution: the whole string as FILE first, else split at the first dot
    /// (from the left) that names an existing FILE with an existing COLUMN; or the mapping
    /// form `{file: F, column: C}` or (§10) `{file: F, formula: EXPR}`, with an optional
    /// `label` the wall shows.
    private func readMetric(_ fields: YAMLFields, into diagnostics: inout Diagnostics) -> MetricReference? {
        guard let node = fields.node("metric") else { return nil }
        let at = fields.location(of: node)
        guard let mapping = node.mapping else { return readMetricName(fields, at: at, into: &diagnostics) }
        let keyAt = fields.location(ofKey: "metric")!
        let form = fields.nested(mapping, into: &diagnostics)
        form.warnUnknownKeys(known: Self.metricKeys, what: "metric", into: &diagnostics)
        guard let file = form.string("file", into: &diagnostics) else {
            diagnostics.error("the mapping form of 'metric' needs 'file'", at: at)
            return nil
        }
        let column = form.string("column", into: &diagnostics)
        let label = form.string("label", into: &diagnostics)
        if form.has("formula") {
            guard let expression = form.string("formula", into: &diagnostics) else { return nil }
            if column != nil {
                diagnostics.error("'metric' has both 'column' and 'formula': give one", at: keyAt)
                return nil
            }
            guard let table = tables[file] else {
                diagnostics.error("no metric file 'content/metrics/\(file).csv'", at: at)
                return nil
            }
            let formula: Formula
            switch Formula.parse(expression) {
            case .success(let parsed): formula = parsed
            case .failure(let error):
                diagnostics.error("formula: \(error.message)", at: keyAt)
                return nil
            }
            // A CSV that could not be read has its own error; its goals add none.
            if !table.isUnreadable {
                for name in formula.columns where table.column(named: name) == nil {
                    var message = "formula: \(table.path) has no column '\(excerpt(name))'"
                    if let suggestion = closestName(to: name, among: table.columns) {
                        message += ": did you mean '\(suggestion)'?"
                    } else {
                        message += " (it has \(table.columns.joined(separator: ", ")))"
                    }
                    diagnostics.error(message, at: keyAt)
                    return nil
                }
            }
            return MetricReference(
                name: "\(file): \(expression)", file: file, column: nil, formula: formula, label: label)
        }
        if let table = tables[file], table.isUnreadable {
            return MetricReference(
                name: column.map { "\(file).\($0)" } ?? file, file: file, column: column ?? "", label: label)
        }
        guard let table = tables[file] else {
            diagnostics.error("no metric file 'content/metrics/\(file).csv'", at: at)
            return nil
        }
        let name = column.map { "\(file).\($0)" } ?? file
        var reference = resolve(table: table, column: column, name: name, at: at, into: &diagnostics)
        reference?.label = label
        return reference
    }

    /// `metric: FILE.COLUMN` or `metric: FILE`.
    private func readMetricName(_ fields: YAMLFields, at: SourceLocation, into diagnostics: inout Diagnostics)
        -> MetricReference?
    {
        guard let name = fields.string("metric", into: &diagnostics) else { return nil }
        // A CSV that could not be read has its own error; its goals add none.
        if let table = tables[name], table.isUnreadable {
            return MetricReference(name: name, file: name, column: "")
        }
        if let table = tables[name] {
            return resolve(table: table, column: nil, name: name, at: at, into: &diagnostics)
        }
        var index = name.startIndex
        while let dot = name[index...].firstIndex(of: ".") {
            let file = String(name[..<dot])
            let column = String(name[name.index(after: dot)...])
            if let table = tables[file], table.column(named: column) != nil || table.isUnreadable {
                return MetricReference(name: name, file: file, column: column)
            }
            index = name.index(after: dot)
        }
        diagnostics.error(
            "no metric '\(excerpt(name))': expected FILE.COLUMN or FILE, with FILE a CSV under content/metrics (without .csv)",
            at: at)
        return nil
    }

    private func resolve(
        table: MetricTable, column: String?, name: String, at: SourceLocation,
        into diagnostics: inout Diagnostics
    ) -> MetricReference? {
        if let column {
            guard table.column(named: column) != nil else {
                diagnostics.error(
                    "\(table.path) has no column '\(excerpt(column))' (it has \(table.columns.joined(separator: ", ")))",
                    at: at)
                return nil
            }
            return MetricReference(name: name, file: table.name, column: column)
        }
        guard table.columns.count == 1 else {
            diagnostics.error(
                "\(table.path) has \(table.columns.count) value columns: name one, as '\(table.name).COLUMN'",
                at: at)
            return nil
        }
        return MetricReference(name: name, file: table.name, column: table.columns[0])
    }

    private func readMilestones(
        _ fields: YAMLFields, start: Day?, due: Day?, isTaskGoal: Bool, into diagnostics: inout Diagnostics
    ) -> [Milestone] {
        guard let node = fields.node("milestones") else { return [] }
        guard let items = node.sequence else {
            diagnostics.error("'milestones' must be a list of {date, target}", at: fields.location(of: node))
            return []
        }
        var milestones: [Milestone] = []
        for item in items {
            let at = fields.location(of: item)
            guard let mapping = item.mapping else {
                diagnostics.error("a milestone is a mapping like { date: 2026-01-19, target: 6.5 }", at: at)
                continue
            }
            let milestone = fields.nested(mapping, into: &diagnostics)
            milestone.warnUnknownKeys(known: Self.milestoneKeys, what: "milestone", into: &diagnostics)
            guard milestone.has("date") else {
                diagnostics.error("a milestone needs a 'date'", at: at)
                continue
            }
            guard let date = milestone.day("date", into: &diagnostics) else { continue }
            if !milestone.has("target"), !isTaskGoal {
                diagnostics.error("a milestone needs a 'target'", at: at)
                continue
            }
            var target: TargetSpec?
            if let node = milestone.node("target") {
                guard let read = readTarget(node, named: "target", fields: milestone, into: &diagnostics) else {
                    continue
                }
                target = read
            }
            let dateAt = milestone.location(of: milestone.node("date")!)
            var isInPlan = true
            if let start, let due, !(date > start && date < due) {
                diagnostics.warning(
                    "milestone \(date) is outside the goal's span (\(start) to \(due)): it is left out of the plan",
                    at: dateAt)
                isInPlan = false
            }
            milestones.append(
                Milestone(
                    date: date, target: target, note: milestone.string("note", into: &diagnostics),
                    isInPlan: isInPlan, location: dateAt))
        }
        // Stable: equal dates keep their written order for the error below.
        milestones = milestones.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }
            .map(\.element)
        for (previous, next) in zip(milestones, milestones.dropFirst()) where previous.date == next.date {
            diagnostics.error("two milestones on \(next.date): one date, one target", at: next.location)
        }
        return milestones
    }
}
