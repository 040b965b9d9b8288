/// One full screen of the office TV (kiosk/, kiosk/2/, kiosk/teams/TEAM/…).
struct KioskPage: TemplateModel {
    var chrome: PageChrome
    var heading: String
    var builtAt: String?
    var cards: [GoalCard]
    var counts: [StatusCount]
    var pageOf: String?
    var columns: Int
    var rows: Int
    var wins: [KioskWin]
    var moreWins: Int
    var winsDays: Int

    /// The most characters of the heading: one line beside the status strip.
    static let headingLength = 40

    static let template = TemplateKeys<KioskPage>(
        "A kiosk screen (`kiosk.mustache`), besides the chrome's keys.",
        base: { $0.chrome },
        keys: [
            .text(
                "heading", "The site's title, or the team's name, cut at a word after \(headingLength) characters."
            ) { $0.heading },
            .text("builtAt", "When the site last changed (first screen only).", optional: { $0.builtAt }),
            .models("cards", "This screen's cards; each card's `html` is rendered by `kiosk-card`.") { $0.cards },
            .models("counts", "The status strip of this screen's wall.") { $0.counts },
            .text("pageOf", "\"2 / 3\" when the wall takes several screens.", optional: { $0.pageOf }),
            .number("columns", "Columns of the grid of cards: 1 to 3 (fewer cards, larger cards).") { $0.columns },
            .number("rows", "Rows of the grid of cards: 1 or 2.") { $0.rows },
            .flag("showsLegend", "Whether a card on this screen has a bullet graph, which the legend explains.") {
                $0.cards.contains { $0.bulletSVG != nil && !$0.isTaskGoal }
            },
            .models("wins", "Recent wins of this screen's wall, the latest first (at most \(KioskWin.shown)).") {
                $0.wins
            },
            .flag("hasWins", "Whether there are recent wins.") { !$0.wins.isEmpty },
            .text(
                "moreWins", "How many more wins there are than are shown: \"2\".",
                optional: { $0.moreWins > 0 ? String($0.moreWins) : nil }),
            .number("winsDays", "The days the wins strip looks back (`kiosk.wins_days`).") { $0.winsDays },
            .text("winsHeading", "The wins strip's heading: \"Wins · last 14 days\".") {
                say("winsHeading", count: $0.winsDays)
            },
            .text(
                "moreWinsText", "\"+ 2 more\" when there are more wins than are shown.",
                optional: {
                    $0.moreWins > 0 ? say("moreWins", count: $0.moreWins) : nil
                }),
        ])
}

/// A goal achieved or a milestone met lately, in the kiosk's wins strip (issue 14).
struct KioskWin: TemplateModel {
    /// Wins shown on one screen; the rest are counted.
    static let shown = 2
    /// The most characters of a goal's title in the strip.
    static let titleLength = 44

    var symbol: String
    var title: String
    var what: String
    var date: String
    var dateShort: String

    init(_ win: Win) {
        title = GoalCard.shortened(win.title, to: Self.titleLength)
        date = win.date.description
        dateShort = DisplayFormat.short(win.date)
        switch win.kind {
        case .achieved:
            symbol = "★"
            what = say("winAchieved")
        case .milestone:
            symbol = "◆"
            what = say("winMilestone")
        }
    }

    static let template = TemplateKeys<KioskWin>(
        "A recent win in the kiosk's `wins`.",
        keys: [
            .text("symbol", "★ for a goal achieved, ◆ for a milestone met.") { $0.symbol },
            .text("title", "The goal's title, cut at a word after \(titleLength) characters.") { $0.title },
            .text("what", "\"achieved\" or \"milestone met\".") { $0.what },
            .text("date", "The day, `YYYY-MM-DD`.") { $0.date },
            .text("dateShort", "The day, short: \"24 Feb\".") { $0.dateShort },
        ])
}
