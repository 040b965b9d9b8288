/// The main wall (index.html) and each team's wall (teams/TEAM/): every card, most urgent
/// first, the status strip, and the dropped goals apart.
struct WallPage: TemplateModel {
    var chrome: PageChrome
    var heading: String
    var builtAt: String?
    var isTeam: Bool
    var cards: [GoalCard]
    var dropped: [GoalCard]
    var counts: [StatusCount]
    var goalCount: Int

    static let template = TemplateKeys<WallPage>(
        "The main wall and each team's wall (`wall.mustache`), besides the chrome's keys.",
        base: { $0.chrome },
        keys: [
            .text("heading", "The site's title, or the team's name.") { $0.heading },
            .text(
                "builtAt", "When the site last changed (main wall only): \"2026-03-02 14:05 UTC\".",
                optional: { $0.builtAt }),
            .flag("isTeam", "Whether this is a team's wall.") { $0.isTeam },
            .models("cards", "The cards of the goals shown, most urgent first, then by due date.") { $0.cards },
            .models("dropped", "The dropped goals' cards.") { $0.dropped },
            .flag("hasDropped", "Whether any goal is dropped.") { !$0.dropped.isEmpty },
            .models("counts", "The status strip: how many goals have each status.") { $0.counts },
            .number("goalCount", "Goals on this wall, dropped ones included.") { $0.goalCount },
        ])
}
