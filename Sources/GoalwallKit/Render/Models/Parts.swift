/// A goal's status as every page shows it: a word, a symbol, and a key for the colour.
struct StatusBadge: TemplateModel {
    var key: String
    var label: String
    var symbol: String

    init(_ status: Status) {
        key = status.rawValue
        label = status.label
        symbol = status.symbol
    }

    static let template = TemplateKeys<StatusBadge>(
        "A goal's status, shown as a word, a symbol and a colour (never by colour alone).",
        keys: [
            .text("key", "The status as in goals.json (`on-track`, `at-risk`, …): for CSS classes.") { $0.key },
            .text("label", "The status in words: \"On track\".") { $0.label },
            .text("symbol", "A symbol that tells the status without colour: ✓ ! ✕ ★ ? … ✎ –.") { $0.symbol },
        ])
}

/// How many goals of a wall have one status (the status strip).
struct StatusCount: TemplateModel {
    var count: Int
    var status: StatusBadge

    static let template = TemplateKeys<StatusCount>(
        "One entry of a wall's status strip.",
        keys: [
            .number("count", "How many goals have this status.") { $0.count },
            .model("status", "The status.") { $0.status },
        ])

    /// The strip of a wall: how many goals have each status, most urgent first.
    static func strip(_ statuses: [Status]) -> [StatusCount] {
        var tally: [Status: Int] = [:]
        for status in statuses { tally[status, default: 0] += 1 }
        return Status.allCases.compactMap { status in
            tally[status].map { StatusCount(count: $0, status: StatusBadge(status)) }
        }
    }
}

/// A link to another goal, with its status (the goals serving one, a tree's branches).
struct GoalLink: TemplateModel {
    var title: String
    var url: String
    var status: StatusBadge

    init(_ standing: Standing, from page: String) {
        title = standing.goal.title
        url = Routes.link(from: page, to: Routes.goal(standing.slug))
        status = StatusBadge(standing.status)
    }

    static let template = TemplateKeys<GoalLink>(
        "A link to a goal, with its status.",
        keys: [
            .text("title", "The goal's title.") { $0.title },
            .text("url", "The goal's page, relative to this page.") { $0.url },
            .model("status", "The goal's status.") { $0.status },
        ])
}

/// A link in the header's navigation: a team's wall.
struct TeamLink: TemplateModel {
    var name: String
    var url: String

    static let template = TemplateKeys<TeamLink>(
        "A team's wall in the navigation.",
        keys: [
            .text("name", "The team's name.") { $0.name },
            .text("url", "The team's wall, relative to this page.") { $0.url },
        ])
}

/// A link in the header's navigation: a free page, or a goal's parent.
struct PageLink: TemplateModel {
    var title: String
    var url: String

    static let template = TemplateKeys<PageLink>(
        "A link to a page (a free page in the navigation, the goal a goal serves).",
        keys: [
            .text("title", "The page's title.") { $0.title },
            .text("url", "The page, relative to this page.") { $0.url },
        ])
}

/// A link to a tag's page: a tag on a card or a goal page.
struct TagLink: TemplateModel {
    var name: String
    var url: String

    static let template = TemplateKeys<TagLink>(
        "A tag, linked to its page.",
        keys: [
            .text("name", "The tag as the goal writes it.") { $0.name },
            .text("url", "The tag's page (tags/TAG/), relative to this page.") { $0.url },
        ])
}

/// A person or a tag on the people or tags page, with how their goals stand.
struct DirectoryEntry: TemplateModel {
    var name: String
    var url: String
    var goalCount: Int
    var counts: [StatusCount]

    static let template = TemplateKeys<DirectoryEntry>(
        "A person on the people page, or a tag on the tags page.",
        keys: [
            .text("name", "The owner's name, or the tag.") { $0.name },
            .text("url", "Their page, relative to this page.") { $0.url },
            .number("goalCount", "How many goals, dropped ones included.") { $0.goalCount },
            .text("goals", "\"1 goal\", \"3 goals\".") { say("goalCount", count: $0.goalCount) },
            .models("counts", "How many of them have each status, most urgent first.") { $0.counts },
        ])
}
