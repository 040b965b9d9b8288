/// v2mom/: Vision and Values from goalwall.yml; Methods and Obstacles as the team wrote
/// them in goalwall.yml, else worked out from the goals (Methods the goal tree, Obstacles
/// the goals that need help now); Measures are every goal's number, target and date.
struct V2MOMPage: TemplateModel {
    var chrome: PageChrome
    var methods: [V2MOMMethod]
    var obstacles: [V2MOMObstacle]
    var teamMethods: [V2MOMItem]
    var teamObstacles: [V2MOMItem]
    var measures: [V2MOMMeasure]

    static let template = TemplateKeys<V2MOMPage>(
        "The V2MOM page (`v2mom.mustache`), besides the chrome's keys. Each row carries `html`, "
            + "rendered by its partial (`v2mom-method`, `v2mom-obstacle`, `v2mom-item`, `v2mom-measure`).",
        base: { $0.chrome },
        keys: [
            .models("teamMethods", "The Methods goalwall.yml's `methods` lists, in its order.") { $0.teamMethods },
            .flag("hasTeamMethods", "Whether goalwall.yml lists Methods.") { !$0.teamMethods.isEmpty },
            .models("teamObstacles", "The Obstacles goalwall.yml's `obstacles` lists, in its order.") {
                $0.teamObstacles
            },
            .flag("hasTeamObstacles", "Whether goalwall.yml lists Obstacles.") { !$0.teamObstacles.isEmpty },
            .models(
                "methods",
                "Without `methods` in goalwall.yml: the goals that serve no other goal, each with the goals serving it at every level."
            ) { $0.methods },
            .models(
                "obstacles",
                "Without `obstacles` in goalwall.yml: goals off track, at risk, missed, without data or stale (never achieved ones), most urgent first."
            ) {
                $0.obstacles
            },
            .flag("hasObstacles", "Whether anything needs help (without `obstacles` in goalwall.yml).") {
                !$0.obstacles.isEmpty
            },
            .models("measures", "Every goal's measure, by slug (dropped goals left out).") { $0.measures },
        ])
}

/// A Method worked out from the goals: a goal that serves nothing bigger, with the goals
/// that serve it.
struct V2MOMMethod: TemplateModel {
    var title: String
    var url: String
    var status: StatusBadge
    var children: [TreeNode]
    var html: HTML?

    init(_ node: TreeNode) {
        title = node.title
        url = node.url
        status = node.status
        children = node.children
    }

    static let template = TemplateKeys<V2MOMMethod>(
        "A Method on the V2MOM page (`v2mom-method.mustache`).",
        keys: [
            .text("title", "The goal's title.") { $0.title },
            .text("url", "The goal's page.") { $0.url },
            .model("status", "The goal's status.") { $0.status },
            .models(
                "children",
                "The goals serving it, each with its own, at every level (rendered with `tree-node`); a dropped goal only when goals serve it."
            ) { $0.children },
            .flag("hasChildren", "Whether goals serve it.") { !$0.children.isEmpty },
            .html("html", "The row, rendered (on the V2MOM page).", optional: { $0.html }),
        ])
}

/// A Method or an Obstacle as the team wrote it in goalwall.yml, with the Measures of the
/// goals it names.
struct V2MOMItem: TemplateModel {
    var title: String
    var textHTML: HTML?
    var measures: [V2MOMMeasure]
    var html: HTML?

    static let template = TemplateKeys<V2MOMItem>(
        "A Method or an Obstacle from goalwall.yml (`v2mom-item.mustache`).",
        keys: [
            .text("title", "Its title.") { $0.title },
            .html("textHTML", "Its text, Markdown made HTML.", optional: { $0.textHTML }),
            .models("measures", "The Measures of the goals it names, in its order (each with its `html`).") {
                $0.measures
            },
            .flag("hasMeasures", "Whether it names goals.") { !$0.measures.isEmpty },
            .html("html", "The item, rendered (on the V2MOM page).", optional: { $0.html }),
        ])
}

/// An Obstacle: a goal that needs help, and why.
struct V2MOMObstacle: TemplateModel {
    var title: String
    var url: String
    var status: StatusBadge
    var why: String
    var html: HTML?

    static let template = TemplateKeys<V2MOMObstacle>(
        "An Obstacle on the V2MOM page (`v2mom-obstacle.mustache`).",
        keys: [
            .text("title", "The goal's title.") { $0.title },
            .text("url", "The goal's page.") { $0.url },
            .model("status", "The goal's status.") { $0.status },
            .text("why", "\"40% of the way behind plan; no check-in for 12 days\".") { $0.why },
            .html("html", "The row, rendered (on the V2MOM page).", optional: { $0.html }),
        ])
}

/// A Measure: a goal's number, target, date and owner.
struct V2MOMMeasure: TemplateModel {
    var title: String
    var url: String
    var status: StatusBadge
    var current: String
    var target: String
    var due: String
    var owner: String
    var measure: String
    var html: HTML?

    static let template = TemplateKeys<V2MOMMeasure>(
        "A row of the Measures table (`v2mom-measure.mustache`).",
        keys: [
            .text("title", "The goal's title.") { $0.title },
            .text("url", "The goal's page.") { $0.url },
            .model("status", "The goal's status.") { $0.status },
            .text("current", "The current value with its unit.") { $0.current },
            .text("target", "The target with its unit.") { $0.target },
            .text("due", "The due date in words.") { $0.due },
            .text("owner", "The owner, or –.") { $0.owner },
            .text("measure", "The metric as the goal names it, or \"tasks done\".") { $0.measure },
            .html("html", "The row, rendered (on the V2MOM page).", optional: { $0.html }),
        ])
}
