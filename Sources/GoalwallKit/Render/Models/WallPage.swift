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

/// One full screen of the office TV (kiosk/, kiosk/2/, kiosk/teams/TEAM/…).
struct KioskPage: TemplateModel {
    var chrome: PageChrome
    var heading: String
    var builtAt: String?
    var cards: [GoalCard]
    var counts: [StatusCount]
    var pageOf: String?

    static let template = TemplateKeys<KioskPage>(
        "A kiosk screen (`kiosk.mustache`), besides the chrome's keys.",
        base: { $0.chrome },
        keys: [
            .text("heading", "The site's title, or the team's name.") { $0.heading },
            .text("builtAt", "When the site last changed (first screen only).", optional: { $0.builtAt }),
            .models("cards", "This screen's cards.") { $0.cards },
            .models("counts", "The status strip of this screen's wall.") { $0.counts },
            .text("pageOf", "\"2 / 3\" when the wall takes several screens.", optional: { $0.pageOf }),
        ])
}

/// tree/: the vision, the goals that serve nothing bigger, and the goals serving each.
struct TreePage: TemplateModel {
    var chrome: PageChrome
    var alignment: [TreeNode]

    static let template = TemplateKeys<TreePage>(
        "The alignment tree (`tree.mustache`), besides the chrome's keys.",
        base: { $0.chrome },
        keys: [
            .models("alignment", "The goals that serve no other goal, each with its branch.") { $0.alignment },
            .flag("hasAlignment", "Whether there are goals.") { !$0.alignment.isEmpty },
        ])
}

/// A goal in the tree, with the goals that serve it (`tree-node.mustache`).
struct TreeNode: TemplateModel {
    var title: String
    var url: String
    var status: StatusBadge
    var children: [TreeNode]

    /// The goal, linked from the page at `page`.
    init(_ s: Standing, from page: String, children: [TreeNode]) {
        title = s.goal.title
        url = Routes.link(from: page, to: Routes.goal(s.slug))
        status = StatusBadge(s.status)
        self.children = children
    }

    static let template = TemplateKeys<TreeNode>(
        "A goal in the alignment tree.",
        keys: [
            .text("title", "The goal's title.") { $0.title },
            .text("url", "The goal's page.") { $0.url },
            .model("status", "The goal's status.") { $0.status },
            .models(
                "children", "The goals that serve it, each with its own (past 32 levels, the rest of the branch flat)."
            ) { $0.children },
            .flag("hasChildren", "Whether goals serve it.") { !$0.children.isEmpty },
        ])
}

/// pages/SLUG/: a free page.
struct TextPage: TemplateModel {
    var chrome: PageChrome
    var page: TextPageBody

    static let template = TemplateKeys<TextPage>(
        "A free page (`page.mustache`), besides the chrome's keys.",
        base: { $0.chrome },
        keys: [.model("page", "The page.") { $0.page }])
}

struct TextPageBody: TemplateModel {
    var title: String
    var bodyHTML: HTML
    var hasHeading: Bool

    static let template = TemplateKeys<TextPageBody>(
        "A free page's title and body.",
        keys: [
            .text("title", "Its front matter's title, else its first heading, else its slug.") { $0.title },
            .html("bodyHTML", "The Markdown body.") { $0.bodyHTML },
            .flag("hasHeading", "Whether the body has a level-1 heading of its own.") { $0.hasHeading },
        ])
}
