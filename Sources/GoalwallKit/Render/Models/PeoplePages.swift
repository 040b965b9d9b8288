/// people/SLUG/ and tags/SLUG/: the goals of one owner, or with one tag, as cards in wall
/// order, the dropped ones apart.
struct GoalListPage: TemplateModel {
    var chrome: PageChrome
    var heading: String
    var cards: [GoalCard]
    var dropped: [GoalCard]
    var counts: [StatusCount]
    var goalCount: Int

    static let template = TemplateKeys<GoalListPage>(
        "An owner's page (`person.mustache`) and a tag's page (`tag.mustache`), besides the chrome's keys.",
        base: { $0.chrome },
        keys: [
            .text("heading", "The owner's name, or the tag.") { $0.heading },
            .models("cards", "The cards of the goals shown, most urgent first, then by due date.") { $0.cards },
            .models("dropped", "The dropped goals' cards.") { $0.dropped },
            .flag("hasDropped", "Whether any goal is dropped.") { !$0.dropped.isEmpty },
            .models("counts", "The status strip: how many goals have each status.") { $0.counts },
            .number("goalCount", "Goals on this page, dropped ones included.") { $0.goalCount },
            .text("goals", "The same in words: \"1 goal\", \"3 goals\".") {
                say("goalCount", count: $0.goalCount)
            },
        ])
}

/// people/ and tags/: every owner, or every tag, with how their goals stand.
struct DirectoryPage: TemplateModel {
    var chrome: PageChrome
    var entries: [DirectoryEntry]

    static let template = TemplateKeys<DirectoryPage>(
        "The people page (`people.mustache`) and the tags page (`tags.mustache`), besides the chrome's keys.",
        base: { $0.chrome },
        keys: [
            .models("entries", "Every owner (or tag), by name.") { $0.entries },
            .flag("hasEntries", "Whether there is anyone (or any tag).") { !$0.entries.isEmpty },
        ])
}
