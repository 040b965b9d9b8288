/// A goal as a card on a wall (the `card` partial, shown on the main wall, the team walls
/// and the kiosk): its status, its number large, target, due date, charts and badges.
struct GoalCard: TemplateModel {
    var slug: String
    var title: String
    /// The goal's page, relative to the page the card is on.
    var url: String
    var status: StatusBadge
    var isTaskGoal: Bool
    var due: String?
    var dueShort: String?
    var daysLeft: String?
    var progress: String
    var stale: Bool
    var staleText: String
    /// The card itself, rendered (on walls).
    var html: HTML?
    var bulletSVG: HTML?
    var sparklineSVG: HTML?
    /// Maintain goals (§10): what is kept, how it went, and the strip of judged periods.
    var isMaintain: Bool
    var keepText: String?
    var recordText: String?
    var holdText: String?
    var recordSVG: HTML?
    var owner: String?
    /// The owner's page (people/SLUG/).
    var ownerURL: String?
    var team: String?
    var teamURL: String?
    /// Each of its tags, linked to the tag's page.
    var tagLinks: [TagLink]
    var current: String
    var currentValue: String
    var currentUnit: String?
    var currentNote: String?
    var target: String
    var expected: String
    var oldData: String?
    /// The kiosk's card (issue 14): the title cut at a word to fit three lines of a TV
    /// card, and the trend drawn large.
    var kioskTitle: String
    /// Owner and team on one line of a kiosk card.
    var kioskWho: String?
    var trendSVG: HTML?

    /// A goal's card with links from the output root (see `placed(at:html:)`).
    init(_ s: Standing, on wall: Wall, charts: CardCharts) {
        let asOf = wall.asOf
        let g = s.goal
        slug = g.slug
        title = g.title
        url = Routes.goal(g.slug)
        status = StatusBadge(s.status)
        isTaskGoal = g.isTaskGoal
        due = g.due?.description
        dueShort = g.due.map(DisplayFormat.short)
        daysLeft = g.due.map { DisplayFormat.daysLeft(from: asOf, to: $0) }
        progress = DisplayFormat.percent(s.progress)
        stale = s.stale
        staleText = say("staleText", count: s.daysSinceCheckIn)
        bulletSVG = charts.bullet
        sparklineSVG = charts.sparkline
        recordSVG = charts.record
        trendSVG = charts.trend
        kioskTitle = Self.shortened(g.title, to: Self.kioskTitleLength)
        isMaintain = g.isMaintain
        if g.isMaintain, let direction = s.direction {
            let record = s.record ?? Record(periods: [])
            keepText = say("keepText", ["keep": GoalLint.keepWords(s)])
            recordText =
                record.judged == 0
                ? say("nothingJudged")
                : say(
                    "recordText",
                    [
                        "side": direction.keptSide, "value": g.shown(s.target), "met": String(record.met),
                        "periods": GoalLint.periods(g.period, record.judged),
                    ])
            holdText = say("holdText", ["hold": DisplayFormat.percent(g.hold)])
        }
        owner = g.owner
        ownerURL = wall.personSlug(g.ownerName).map(Routes.person)
        var linked = Set<String>()
        tagLinks = g.tags.compactMap { tag in
            guard let slug = wall.tagSlug(tag), linked.insert(slug).inserted else { return nil }
            return TagLink(name: tag, url: Routes.tag(slug))
        }
        if let team = g.team, let slug = g.teamSlug {
            self.team = team
            teamURL = Routes.team(slug)
        }
        let who = [g.owner, g.team].compactMap { $0 }.joined(separator: " · ")
        kioskWho = who.isEmpty ? nil : Self.shortened(who, to: Self.kioskWhoLength)
        if g.isTaskGoal {
            current =
                s.tasksTotal > 0
                ? say(
                    "countOf",
                    [
                        "done": DisplayFormat.number(Double(s.tasksDone)),
                        "total": DisplayFormat.number(Double(s.tasksTotal)),
                    ])
                : say("noTasks")
            currentValue = current
            currentNote = say("tasksDone")
            target = say("allTasks", count: s.tasksTotal)
            expected = DisplayFormat.percent(s.expected)
        } else {
            current = g.shown(s.current)
            // The number large, its unit beside it in smaller type (a duration has none).
            let isDuration = g.format == .duration
            currentValue = isDuration ? current : DisplayFormat.value(s.current, unit: g.unit == "%" ? "%" : nil)
            if !isDuration, s.current != nil, let unit = g.unit, !unit.isEmpty, unit != "%" { currentUnit = unit }
            target = g.shown(s.target)
            expected = g.shown(s.expected)
            if let date = s.currentDate {
                // A week's or a month's value is named as its period, never as one day.
                currentNote =
                    g.period == .day ? say("onDay", ["date": DisplayFormat.short(date)]) : g.shown(point: date)
                if date.days(to: asOf) > Self.oldDataDays(g.period) {
                    oldData = say(
                        "dataTo", ["date": g.period == .day ? DisplayFormat.short(date) : g.shown(point: date)])
                }
            }
        }
    }

    /// The card on a page whose way back to the root is `root`, showing `html` as itself.
    func placed(at root: String, html: HTML? = nil) -> GoalCard {
        var card = self
        card.url = root + url
        card.teamURL = teamURL.map { root + $0 }
        card.ownerURL = ownerURL.map { root + $0 }
        card.tagLinks = tagLinks.map { TagLink(name: $0.name, url: root + $0.url) }
        card.html = html
        return card
    }

    /// The most characters of a title a kiosk card shows: three lines of the narrowest
    /// card at its type size, with room for long words.
    static let kioskTitleLength = 84
    /// The most characters of "owner · team" on a kiosk card: one line.
    static let kioskWhoLength = 44

    /// `text` when it has at most `length` characters, else cut after the last whole word
    /// that fits, with "…".
    static func shortened(_ text: String, to length: Int) -> String {
        guard text.count > length else { return text }
        let head = text.prefix(length - 1)
        var cut = head
        if let space = head.lastIndex(where: \.isWhitespace),
            head.distance(from: head.startIndex, to: space) > length / 2
        {
            cut = head[..<space]
        }
        while let last = cut.last, last.isWhitespace || ",;:-–—".contains(last) { cut = cut.dropLast() }
        return cut + "…"
    }

    /// How old the latest point may be before the card says so.
    private static func oldDataDays(_ period: Period) -> Int {
        switch period {
        case .day: 7
        case .week: 13
        case .month: 62
        }
    }

    static let template = TemplateKeys<GoalCard>(
        "A goal as a card on a wall (`card.mustache`). The walls' `cards` lists hold these.",
        keys: [
            .text("slug", "The goal's slug.") { $0.slug },
            .text("title", "The goal's title.") { $0.title },
            .text("url", "The goal's page, relative to this page.") { $0.url },
            .model("status", "The goal's status.") { $0.status },
            .flag("isTaskGoal", "Measured by its tasks (no metric).") { $0.isTaskGoal },
            .text("due", "The due date, `YYYY-MM-DD` (a maintain goal may have none).", optional: { $0.due }),
            .text("dueShort", "The due date, short: \"16 Feb\".", optional: { $0.dueShort }),
            .text("daysLeft", "\"12 days left\", \"due today\", \"3 days overdue\".", optional: { $0.daysLeft }),
            .text("progress", "Progress from baseline to target: \"70%\" (– without data).") { $0.progress },
            .flag("stale", "No check-in within the review cadence.") { $0.stale },
            .text("staleText", "\"no check-in for 12 days\".") { $0.staleText },
            .html("html", "The card, rendered (in a wall's `cards`).", optional: { $0.html }),
            .html("bulletSVG", "The bullet graph (metric goals) or task bar (task goals).", optional: { $0.bulletSVG }),
            .html(
                "sparklineSVG", "The sparkline of recent values (metric goals with data).",
                optional: { $0.sparklineSVG }),
            .flag("isMaintain", "A maintain goal: keep the metric on the right side of target in every period.") {
                $0.isMaintain
            },
            .text("keepText", "Maintain goals: \"Keep at most 1:00:00 every week\".", optional: { $0.keepText }),
            .text(
                "recordText", "Maintain goals: \"kept at most 1:00:00 in 11 of 12 weeks\".", optional: { $0.recordText }
            ),
            .text(
                "holdText", "Maintain goals: \"hold 100%\", the share of periods that must be kept.",
                optional: { $0.holdText }),
            .html(
                "recordSVG", "Maintain goals: the strip of the latest judged periods, kept or missed.",
                optional: { $0.recordSVG }),
            .text("owner", "The owner.", optional: { $0.owner }),
            .text("ownerURL", "The owner's page (people/SLUG/).", optional: { $0.ownerURL }),
            .text("team", "The team.", optional: { $0.team }),
            .text("teamURL", "The team's wall.", optional: { $0.teamURL }),
            .models("tagLinks", "The goal's tags, each linked to its tag page (as written, each page once).") {
                $0.tagLinks
            },
            .flag("hasTags", "Whether it has tags.") { !$0.tagLinks.isEmpty },
            .text("current", "The current value with its unit: \"4.9 min\", \"3 of 8\".") { $0.current },
            .text("currentValue", "The current number alone (with % when the unit is %).") { $0.currentValue },
            .text("currentUnit", "The unit, shown beside the number (not for %).", optional: { $0.currentUnit }),
            .text(
                "currentNote", "\"on 2 Mar\" (the latest value's date), \"tasks done\".", optional: { $0.currentNote }),
            .text("target", "The target with its unit; \"all 8\" for a task goal.") { $0.target },
            .text("expected", "Where the plan says the goal should be today.") { $0.expected },
            .text(
                "oldData", "\"data to 12 Feb\" when the latest value is old for its period.", optional: { $0.oldData }),
            .text(
                "kioskTitle", "The title, cut at a word with \"…\" after \(kioskTitleLength) characters (kiosk cards)."
            ) {
                $0.kioskTitle
            },
            .text(
                "kioskWho", "\"Owner · Team\", cut at a word after \(kioskWhoLength) characters (kiosk cards).",
                optional: { $0.kioskWho }),
            .html(
                "trendSVG",
                "The kiosk's trend, drawn large: the record strip (maintain goals) or a sparkline without its label.",
                optional: { $0.trendSVG }),
        ])
}

/// A card's charts, drawn once per goal and shown on every wall.
struct CardCharts: Hashable, Sendable {
    var bullet: HTML?
    var sparkline: HTML?
    var record: HTML?
    /// The kiosk's trend, drawn to be seen from across the room (issue 14): the record
    /// strip of a maintain goal's latest periods, else a sparkline without its label.
    var trend: HTML?

    /// A bar of tasks done, or a bullet graph and a sparkline.
    init(_ s: Standing, tolerance: Double) {
        if s.goal.isMaintain {
            record = RecordStrip(standing: s).svg().map(HTML.init)
            sparkline = Sparkline(standing: s).svg().map(HTML.init)
            trend = RecordStrip(standing: s, width: 180, height: 36, maxPeriods: 6).svg().map(HTML.init)
        } else if s.goal.isTaskGoal {
            bullet = TaskBar(standing: s).svg().map(HTML.init)
        } else {
            bullet = BulletGraph(standing: s, tolerance: tolerance).svg().map(HTML.init)
            sparkline = Sparkline(standing: s).svg().map(HTML.init)
            trend = Sparkline(standing: s, width: 200, height: 64, labelled: false).svg().map(HTML.init)
        }
    }
}
