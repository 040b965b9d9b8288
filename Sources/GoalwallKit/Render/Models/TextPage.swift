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
