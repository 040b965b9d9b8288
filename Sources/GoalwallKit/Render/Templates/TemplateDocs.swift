/// The template keys of every page and part, for theme authors: docs/templates.md is this
/// text, and a test fails when the two differ (so the docs cannot drift from the models).
public enum TemplateDocs {
    /// A model's keys without its type: what the docs list.
    struct Entry {
        var model: String
        var summary: String
        var templates: String
        var base: String?
        var keys: [(name: String, type: String, optional: Bool, summary: String)]

        init<Model: TemplateModel>(_ model: Model.Type, _ templates: String) {
            let keys = Model.template
            self.model = String(describing: model)
            summary = keys.summary
            self.templates = templates
            base = keys.baseType
            self.keys = keys.keys.map { ($0.name, $0.type, $0.optional, $0.summary) }
        }
    }

    /// Every model, pages first, in the order the docs list them.
    static let entries: [Entry] = [
        Entry(WallPage.self, "`wall.mustache` (index.html, teams/TEAM/)"),
        Entry(KioskPage.self, "`kiosk.mustache` (kiosk/…)"),
        Entry(GoalPage.self, "`goal.mustache` (goals/SLUG/)"),
        Entry(GoalDetail.self, "`goal.mustache`, `goal-chart.mustache` (inside `{{#goal}}`)"),
        Entry(TreePage.self, "`tree.mustache` (tree/)"),
        Entry(TreeNode.self, "`tree-node.mustache` (the tree, V2MOM methods' `children`)"),
        Entry(V2MOMPage.self, "`v2mom.mustache` (v2mom/)"),
        Entry(V2MOMMethod.self, "`v2mom-method.mustache`"),
        Entry(V2MOMObstacle.self, "`v2mom-obstacle.mustache`"),
        Entry(V2MOMItem.self, "`v2mom-item.mustache`"),
        Entry(V2MOMMeasure.self, "`v2mom-measure.mustache`"),
        Entry(GoalListPage.self, "`person.mustache` (people/SLUG/), `tag.mustache` (tags/SLUG/)"),
        Entry(DirectoryPage.self, "`people.mustache` (people/), `tags.mustache` (tags/)"),
        Entry(DirectoryEntry.self, "the people and tags pages' `entries`"),
        Entry(TextPage.self, "`page.mustache` (pages/SLUG/)"),
        Entry(TextPageBody.self, "`page.mustache` (inside `{{#page}}`)"),
        Entry(PageChrome.self, "`layout.mustache`, `header.mustache`, `footer.mustache`, and every page"),
        Entry(GoalCard.self, "`card.mustache`, `card-chart.mustache`, `kiosk-card.mustache`"),
        Entry(KioskWin.self, "`kiosk.mustache` (inside `{{#wins}}`)"),
        Entry(StatusBadge.self, "anywhere a `status` is"),
        Entry(StatusCount.self, "`status-strip.mustache`"),
        Entry(GoalLink.self, "goal pages' `children`"),
        Entry(TeamLink.self, "the chrome's `teams`"),
        Entry(PageLink.self, "the chrome's `pages`, a goal's `parent`"),
        Entry(TagLink.self, "a card's and a goal's `tagLinks`"),
        Entry(Figure.self, "a goal's `figures`"),
        Entry(MilestoneRow.self, "a goal's `milestones`"),
        Entry(JudgedRow.self, "`judged-row.mustache`: a maintain goal's `judged` and `earlierJudged`"),
        Entry(CheckInRow.self, "a goal's `checkIns`"),
        Entry(LintLetter.self, "a goal's `smart` and `fast`"),
    ]

    /// Every key any model offers.
    static var allKeys: Set<String> { Set(entries.flatMap { $0.keys.map(\.name) }).union([Labels.key]) }

    /// docs/templates.md.
    public static var markdown: String {
        var out = """
            # Template keys

            A site's `templates/FILE` replaces the built-in `FILE` (see the README). Templates are
            [Mustache](https://mustache.github.io/mustache.5.html); this page lists every name each
            page and part offers them. It is generated from the page models in
            `Sources/GoalwallKit/Render/Models/` (a test fails when the two differ; regenerate it
            with `GOALWALL_WRITE_DOCS=1 swift test --filter TemplateDocs`).

            - **text** is escaped by `{{name}}`; **HTML** is made by goalwall and placed with
              `{{{name}}}`. goalwall puts HTML into the page after the template has rendered, so
              a large wall is never copied section by section; `{{name}}` (escaped) still works,
              but renders that page twice.
            - Templates mean what [swift-mustache](https://github.com/hummingbird-project/swift-mustache)
              makes of them: it parses them, and goalwall renders what it parsed straight from
              the page models, exactly as swift-mustache would. Transforms
              (`{{uppercased(name)}}`), dynamic partials (`{{>*name}}`) and content types work,
              but a template that uses one is rendered by swift-mustache itself, at about half the speed.
            - A key that is a page part or a list of them (`{{goal}}`, `{{cards}}`) or the
              labels (`{{labels}}`) shows nothing as text: open it as a section instead.
            - A key marked *sometimes* is absent in some cases: `{{#name}}…{{/name}}` shows its
              section only when it is there.
            - Lists are shown with `{{#name}}…{{/name}}`; inside, the item's keys come first, then
              the keys around it.
            - Every page offers the keys of **PageChrome** besides its own.
            - Every model offers `{{labels.NAME}}`: the built-in label NAME in the wall's language
              (goalwall.yml's `language:`), as the theme's `labels.LANG.yml` or the site's
              `templates/labels.yml` words it. `templates/labels.en.yml` lists every NAME; a label
              for a count gives its general (`other`) form with `{n}` as written (the count-bearing
              keys such as `goals` or `winsHeading` come filled in).

            """
        for entry in entries {
            out += "\n## \(entry.model)\n\n\(entry.summary)\n\nRead by: \(entry.templates).\n"
            if let base = entry.base { out += "Also offers every key of **\(base)**.\n" }
            out += "\n| key | type | | what |\n|---|---|---|---|\n"
            for key in entry.keys {
                let summary = key.summary.replacingOccurrences(of: "|", with: "\\|")
                out += "| `\(key.name)` | \(key.type) | \(key.optional ? "*sometimes*" : "") | \(summary) |\n"
            }
        }
        return out
    }
}
