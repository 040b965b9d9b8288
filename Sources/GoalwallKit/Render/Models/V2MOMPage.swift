/// v2mom/: Vision and Values from goalwall.yml; Methods are the goals, grouped under the
/// goals they serve; Obstacles are the goals that need help now; Measures are every
/// goal's number, target and date.
struct V2MOMPage: TemplateModel {
    var chrome: PageChrome
    var methods: [V2MOMMethod]
    var obstacles: [V2MOMObstacle]
    var measures: [V2MOMMeasure]

    static let template = TemplateKeys<V2MOMPage>(
        "The V2MOM page (`v2mom.mustache`), besides the chrome's keys. Each row carries `html`, "
            + "rendered by its partial (`v2mom-method`, `v2mom-obstacle`, `v2mom-measure`).",
        base: { $0.chrome },
        keys: [
            .models("methods", "Goals that serve no other goal, with the goals serving them.") { $0.methods },
            .models("obstacles", "Goals off track, at risk, missed, without data or stale, most urgent first.") {
                $0.obstacles
            },
            .flag("hasObstacles", "Whether anything needs help.") { !$0.obstacles.isEmpty },
            .models("measures", "Every goal's measure, by slug (dropped goals left out).") { $0.measures },
        ])
}

/// A Method: a goal that serves nothing bigger, with the goals that serve it.
struct V2MOMMethod: TemplateModel {
    var title: String
    var url: String
    var status: StatusBadge
    var children: [GoalLink]
    var html: HTML?

    static let template = TemplateKeys<V2MOMMethod>(
        "A Method on the V2MOM page (`v2mom-method.mustache`).",
        keys: [
            .text("title", "The goal's title.") { $0.title },
            .text("url", "The goal's page.") { $0.url },
            .model("status", "The goal's status.") { $0.status },
            .models("children", "The goals serving it (dropped ones left out).") { $0.children },
            .flag("hasChildren", "Whether goals serve it.") { !$0.children.isEmpty },
            .html("html", "The row, rendered (on the V2MOM page).", optional: { $0.html }),
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
