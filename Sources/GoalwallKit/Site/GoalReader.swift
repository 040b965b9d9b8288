import Yams

/// Reads one goal file (§3, §9) into a `Goal`, reporting every problem with its position.
struct GoalReader {
    static let keys = [
        "title", "slug", "owner", "team", "metric", "unit", "baseline", "target", "direction",
        "start", "due", "milestones", "parent", "review", "rollup", "period", "state", "tags",
    ]
    static let milestoneKeys = ["date", "target", "note"]

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

        // §9: a missing required key (absent, or null: `~`, `null`, nothing) is reported at 1:1.
        for key in ["title", "start", "due"] where !fields.has(key) {
            diagnostics.error("missing required key '\(key)'", at: top)
        }
        let title = fields.string("title", into: &diagnostics)
        if let title, title.trimmingBlanks.isEmpty {
            diagnostics.error("'title' must not be empty", at: fields.location(ofKey: "title") ?? top)
        }
        let start = fields.day("start", into: &diagnostics)
        let due = fields.day("due", into: &diagnostics)
        if let start, let due, due <= start {
            diagnostics.error(
                "'due' (\(due)) must be after 'start' (\(start))", at: fields.location(of: fields.node("due")!))
        }

        var slug = slugForFile(named: fileName)
        if let explicit = fields.string("slug", into: &diagnostics) {
            if isValidSlug(explicit) {
                slug = explicit
            } else {
                diagnostics.error(
                    "'slug' must be lower-case letters and digits in words joined by single '-' (like 'cut-wait-time')",
                    at: fields.location(of: fields.node("slug")!))
                slug = nil
            }
        } else if slug == nil {
            diagnostics.error(
                "the file name '\(fileName)' gives an empty slug: rename it or set 'slug:'", at: top)
        }

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

        let metric = readMetric(fields, into: &diagnostics)
        let metricLocation = fields.location(ofKey: "metric") ?? top
        if fields.has("metric"), !fields.has("target") {
            diagnostics.error("missing 'target': a goal with a metric needs the value to reach", at: metricLocation)
        }
        // §9: a target on a goal with no metric is a warning and ignored, whatever it says.
        var target: Double?
        if fields.has("metric") {
            target = fields.number("target", into: &diagnostics)
        } else if fields.has("target") {
            diagnostics.warning(
                "'target' is ignored: a goal without a metric is measured by its tasks",
                at: fields.location(ofKey: "target")!)
        }
        let isTaskGoal = !fields.has("metric")
        let baseline = isTaskGoal ? nil : fields.number("baseline", into: &diagnostics)
        if isTaskGoal, fields.has("baseline") {
            diagnostics.warning(
                "'baseline' is ignored: a goal without a metric is measured by its tasks",
                at: fields.location(ofKey: "baseline")!)
        }

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

        let milestones = readMilestones(
            fields, start: start, due: due, isTaskGoal: isTaskGoal, into: &diagnostics)

        var parent = fields.string("parent", into: &diagnostics)
        if let name = parent, !isValidSlug(name) {
            diagnostics.error("'parent' must be a goal's slug", at: fields.location(of: fields.node("parent")!))
            parent = nil
        }

        let owner = fields.string("owner", into: &diagnostics)
        if owner == nil {
            diagnostics.warning("no owner: a SMART goal names the one person who champions it", at: top)
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
            baseline: baseline,
            target: isTaskGoal ? nil : target,
            direction: fields.choice("direction", as: Direction.self, into: &diagnostics),
            start: start ?? Day(daysSinceEpoch: 0),
            due: due ?? Day(daysSinceEpoch: 0),
            milestones: milestones,
            parent: parent,
            reviewDays: reviewDays,
            review: review,
            rollup: fields.choice("rollup", as: Rollup.self, into: &diagnostics) ?? .last,
            period: fields.choice("period", as: Period.self, into: &diagnostics) ?? .day,
            state: fields.choice("state", as: GoalState.self, into: &diagnostics) ?? .active,
            tags: fields.strings("tags", into: &diagnostics),
            body: body,
            path: path,
            targetLocation: fields.location(ofKey: "target") ?? metricLocation,
            slugLocation: fields.location(ofKey: "slug") ?? top,
            metricLocation: metricLocation,
            parentLocation: fields.location(ofKey: "parent") ?? top
        )
        guard let title, !title.trimmingBlanks.isEmpty, start != nil, due != nil, slug != nil,
            start! < due!, !(fields.has("metric") && (metric == nil || target == nil))
        else { return nil }
        return goal
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
        switch text {
        case let days where days.hasSuffix("d"):
            let digits = days.dropLast()
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                let n = Int(digits), n >= 1
            else { return nil }
            return n
        default: return nil
        }
    }

    /// §9 `metric:` resolution: the whole string as FILE first, else split at the first dot
    /// (from the left) that names an existing FILE with an existing COLUMN; or the mapping
    /// form `{file: F, column: C}`.
    private func readMetric(_ fields: YAMLFields, into diagnostics: inout Diagnostics) -> MetricReference? {
        guard let node = fields.node("metric") else { return nil }
        let at = fields.location(of: node)
        if let mapping = node.mapping {
            let form = fields.nested(mapping, into: &diagnostics)
            form.warnUnknownKeys(known: ["file", "column"], what: "metric", into: &diagnostics)
            guard let file = form.string("file", into: &diagnostics) else {
                diagnostics.error("the mapping form of 'metric' needs 'file'", at: at)
                return nil
            }
            let column = form.string("column", into: &diagnostics)
            if let table = tables[file], table.isUnreadable {
                return MetricReference(name: column.map { "\(file).\($0)" } ?? file, file: file, column: column ?? "")
            }
            guard let table = tables[file] else {
                diagnostics.error("no metric file 'content/metrics/\(file).csv'", at: at)
                return nil
            }
            let name = column.map { "\(file).\($0)" } ?? file
            return resolve(table: table, column: column, name: name, at: at, into: &diagnostics)
        }
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
            "no metric '\(name)': expected FILE.COLUMN or FILE, with FILE a CSV under content/metrics (without .csv)",
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
                    "\(table.path) has no column '\(column)' (it has \(table.columns.joined(separator: ", ")))",
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
            let target = milestone.number("target", into: &diagnostics)
            if !milestone.has("target"), !isTaskGoal {
                diagnostics.error("a milestone needs a 'target'", at: at)
                continue
            }
            if milestone.has("target"), target == nil { continue }
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
