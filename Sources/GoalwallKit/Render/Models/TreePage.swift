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
