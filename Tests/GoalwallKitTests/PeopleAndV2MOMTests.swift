import Foundation
import Testing

@testable import GoalwallKit

/// Issue 14, parts 2 and 3: a page per owner and per tag, linked from every card and goal
/// page; the V2MOM page's Methods and Obstacles as the team writes them in goalwall.yml,
/// and the computed ones with every level of the tree and no achieved goal as an obstacle.
@Suite("People, tags and the V2MOM the team writes")
struct PeopleAndV2MOMTests {
    func page(_ result: BuildResult, _ path: String) throws -> String {
        try #require(result.files.first { $0.path == path }?.text, "no \(path): \(result.messages)")
    }

    /// The text between two markers of a page (a section of it).
    func section(_ html: String, from start: String, to end: String) -> String {
        guard let from = html.range(of: start), let to = html.range(of: end, range: from.upperBound..<html.endIndex)
        else { return "" }
        return String(html[from.upperBound..<to.lowerBound])
    }

    func goal(
        _ title: String, owner: String? = "Ana", tags: String? = nil, extra: String = "", due: String = "2026-06-01"
    ) -> String {
        goalFile(
            "title: \(title)\n" + (owner.map { "owner: \($0)\n" } ?? "") + (tags.map { "tags: \($0)\n" } ?? "")
                + extra + "start: 2026-01-01\ndue: \(due)", body: "- [x] one\n- [ ] two\n")
    }

    // MARK: People and tags

    @Test("every owner has a page with their goals as cards, linked from cards and goal pages")
    func ownerPages() throws {
        let site = try TestSite([
            "content/goals/a1.md": goal("Ana's first goal", extra: "team: Support\n"),
            "content/goals/a2.md": goal("Ana's second goal", due: "2026-02-01"),
            "content/goals/m1.md": goal("Mark's goal", owner: "Mark"),
            "content/goals/n1.md": goal("Nobody's goal", owner: nil),
        ])
        defer { site.remove() }
        let result = site.run(asOf: "2026-03-01")
        let ana = try page(result, "people/ana/index.html")
        #expect(ana.contains("<h1>Ana</h1>"))
        #expect(ana.contains("2 goals owned by Ana"))
        #expect(ana.contains("Ana&#39;s first goal") && ana.contains("Ana&#39;s second goal"))
        #expect(!ana.contains("Mark&#39;s goal"))
        // Wall order: the goal still running before the missed one (due 1 Feb).
        #expect(ana.range(of: "first goal")!.lowerBound < ana.range(of: "second goal")!.lowerBound)
        #expect(ana.contains("<a href=\"../../goals/a1/index.html\">"))
        #expect(ana.contains("<a href=\"../../people/ana/index.html\">Ana</a>"))
        #expect(ana.contains("<a href=\"../../teams/support/index.html\">Support</a>"))
        #expect(ana.contains("<li class=\"status-missed\">"))
        #expect(!ana.contains("http-equiv=\"refresh\""), "only walls and the kiosk reload themselves")

        let wall = try page(result, "index.html")
        #expect(wall.contains("<p class=\"who\"><a href=\"people/mark/index.html\">Mark</a></p>"))
        #expect(wall.contains("<li><a href=\"people/index.html\">People</a></li>"))
        #expect(wall.contains("<li><a href=\"tags/index.html\">Tags</a></li>"))
        let goalPage = try page(result, "goals/a1/index.html")
        #expect(goalPage.contains("Owner: <a href=\"../../people/ana/index.html\">Ana</a>"))
        #expect(goalPage.contains("<li><a href=\"../../people/index.html\">People</a></li>"))

        let people = try page(result, "people/index.html")
        #expect(people.contains("<a href=\"../people/ana/index.html\">Ana</a> <span class=\"count\">2 goals</span>"))
        #expect(people.contains("<a href=\"../people/mark/index.html\">Mark</a> <span class=\"count\">1 goal</span>"))
        #expect(people.range(of: ">Ana<")!.lowerBound < people.range(of: ">Mark<")!.lowerBound)
        #expect(result.files.filter { $0.path.hasPrefix("people/") }.count == 3)
    }

    @Test("names that slug alike get numbered pages, the same whatever order they come in")
    func ownerSlugs() {
        let names = ["mark", "Mark 2", "Mark", "Mark!", "李明", "—", "Ana"]
        let slugs = distinctSlugs(for: names, fallback: "person")
        #expect(slugs["Mark"] == "mark")
        #expect(slugs["Mark 2"] == "mark-2")
        #expect(slugs["Mark!"] == "mark-3")
        #expect(slugs["mark"] == "mark-4")
        #expect(slugs["—"] == "person" && slugs["李明"] == "person-2")
        #expect(slugs["Ana"] == "ana")
        #expect(distinctSlugs(for: names.reversed(), fallback: "person") == slugs)
        #expect(Set(slugs.values).count == names.count)
    }

    @Test("two owners whose names slug alike each get their own page")
    func ownerCollision() throws {
        let site = try TestSite([
            "content/goals/a.md": goal("Goal of Mark", owner: "Mark"),
            "content/goals/b.md": goal("Goal of mark", owner: "mark"),
        ])
        defer { site.remove() }
        let result = site.run(asOf: "2026-03-01")
        let first = try page(result, "people/mark/index.html")
        let second = try page(result, "people/mark-2/index.html")
        #expect(first.contains("Goal of Mark") && !first.contains("Goal of mark"))
        #expect(second.contains("Goal of mark") && !second.contains("Goal of Mark"))
        #expect(try page(result, "goals/b/index.html").contains("<a href=\"../../people/mark-2/index.html\">mark</a>"))
    }

    @Test("a tag's page lists its goals; spellings that slug alike share it; tags link from cards and goal pages")
    func tagPages() throws {
        let site = try TestSite([
            "content/goals/a.md": goal("Wait goal", tags: "[calls, wait-time]"),
            "content/goals/b.md": goal("Transfer goal", owner: "Mark", tags: "[Calls, calls]"),
            "content/goals/c.md": goal("Call volume", owner: "Mark", tags: "[calls]"),
            "content/goals/d.md": goal("Untagged goal"),
        ])
        defer { site.remove() }
        let result = site.run(asOf: "2026-03-01")
        let calls = try page(result, "tags/calls/index.html")
        for title in ["Wait goal", "Transfer goal", "Call volume"] { #expect(calls.contains(title), "\(title)") }
        #expect(!calls.contains("Untagged goal"))
        #expect(calls.contains("3 goals tagged “calls”"))
        #expect(calls.contains("<span class=\"visually-hidden\">Tag: </span>calls</h1>"))
        #expect(
            result.files.filter { $0.path.hasPrefix("tags/") }.map(\.path).sorted() == [
                "tags/calls/index.html", "tags/index.html", "tags/wait-time/index.html",
            ])
        let wall = try page(result, "index.html")
        #expect(
            wall.contains(
                "<ul class=\"tags\" aria-label=\"Tags\"><li><a href=\"tags/calls/index.html\">calls</a></li><li><a href=\"tags/wait-time/index.html\">wait-time</a></li></ul>"
            ))
        // One link per tag page on a card, the goal's first spelling.
        #expect(
            wall.contains(
                "<ul class=\"tags\" aria-label=\"Tags\"><li><a href=\"tags/calls/index.html\">Calls</a></li></ul>"))
        #expect(
            try page(result, "goals/a/index.html").contains(
                "Tags: <a class=\"tag\" href=\"../../tags/calls/index.html\">calls</a> "))
        let tags = try page(result, "tags/index.html")
        #expect(tags.contains("<a href=\"../tags/calls/index.html\">calls</a> <span class=\"count\">3 goals</span>"))
        #expect(!(try page(result, "kiosk/index.html").contains("ul class=\"tags\"")), "the TV's cards show no tags")
    }

    @Test("drafts and dropped goals are on people and tag pages as on the wall")
    func draftsAndDropped() throws {
        let site = try TestSite([
            "content/goals/a.md": goal("Active goal", tags: "[x]"),
            "content/goals/d.md": goal("Dropped goal", tags: "[x]", extra: "state: dropped\n"),
            "content/goals/z.md": goal("Draft goal", owner: "Zoe", tags: "[y]", extra: "state: draft\n"),
        ])
        defer { site.remove() }
        let result = site.run(asOf: "2026-03-01")
        let tag = try page(result, "tags/x/index.html")
        let dropped = section(tag, from: "<h2>Dropped</h2>", to: "</section>")
        #expect(dropped.contains("Dropped goal") && !dropped.contains("Active goal"))
        #expect(!section(tag, from: "<section class=\"cards\"", to: "</section>").contains("Dropped goal"))
        #expect(!result.files.contains { $0.path == "people/zoe/index.html" || $0.path == "tags/y/index.html" })
        #expect(!(try page(result, "people/index.html")).contains("Zoe"))

        let withDrafts = site.run(asOf: "2026-03-01", drafts: true)
        #expect(try page(withDrafts, "people/zoe/index.html").contains("Draft goal"))
        #expect(try page(withDrafts, "tags/y/index.html").contains("Draft goal"))
    }

    @Test("a site without owners or tags still has both pages, saying how to fill them")
    func emptyDirectories() throws {
        let site = try TestSite(["content/goals/a.md": goal("Lonely goal", owner: nil)])
        defer { site.remove() }
        let result = site.run(asOf: "2026-03-01")
        #expect(try page(result, "people/index.html").contains("No goal names an owner yet"))
        #expect(try page(result, "tags/index.html").contains("No goal has tags yet"))
    }

    @Test("every link of the new pages is relative and resolves, from any folder")
    func linksResolve() throws {
        let site = try TestSite([
            "goalwall.yml": "methods:\n  - title: M\n    goals: [a]\n",
            "content/goals/a.md": goal("A goal", tags: "[calls, Self Service]", extra: "team: Support\n"),
            "content/goals/b.md": goal("B goal", owner: "Tomás", tags: "[calls]", extra: "parent: a\n"),
        ])
        defer { site.remove() }
        let result = site.run(asOf: "2026-03-01")
        let paths = Set<String>(result.files.map { (file: OutputFile) in file.path })
        let pattern = try Regex(##"href="([^"#]*)""##)
        var checked = 0
        for file in result.files
        where file.path.hasPrefix("people/") || file.path.hasPrefix("tags/") || file.path.hasPrefix("goals/")
            || file.path == "index.html" || file.path == "v2mom/index.html"
        {
            let folder = URL(fileURLWithPath: "/" + file.path).deletingLastPathComponent()
            for match in (file.text ?? "").matches(of: pattern) {
                let link = String(match.output[1].substring ?? "")
                #expect(!link.hasPrefix("/") && !link.contains("://"), "\(link) in \(file.path)")
                let target = String(folder.appending(path: link).standardizedFileURL.path.dropFirst())
                #expect(paths.contains(target), "\(file.path) links to \(link)")
                checked += 1
            }
        }
        #expect(paths.isSuperset(of: ["people/tom-s/index.html", "tags/self-service/index.html"]))
        #expect(checked > 50)
    }

    // MARK: V2MOM written by the team

    static let v2momSite: [String: String] = [
        "content/metrics/m.csv": "date,v\n2026-01-01,0\n2026-02-20,12\n",
        "content/goals/wait.md": goalFile(
            "title: Cut the wait\nowner: Mark\nmetric: m.v\ntarget: 20\nstart: 2026-01-01\ndue: 2026-06-01"),
        "content/goals/fcr.md": goalFile(
            "title: Solve it first time\nowner: Priya\nstart: 2026-01-01\ndue: 2026-02-01", body: "- [ ] x\n"),
        "content/goals/portal.md": goalFile(
            "title: Open the portal\nowner: Elena\nstart: 2026-01-01\ndue: 2026-06-01", body: "- [x] x\n"),
    ]

    @Test("Methods and Obstacles from goalwall.yml show in the team's order with their goals' measures")
    func teamV2MOM() throws {
        var files = Self.v2momSite
        files["goalwall.yml"] = """
            methods:
              - title: Staff the queue for the hours customers call
                text: Shifts follow the **call curve**. <script>x</script>
                goals: [wait, portal]
              - Return every callback the same day
              - title: Give agents the guides
                goals: [fcr, fcr]
            obstacles:
              - title: The billing upgrade slipped
                goals: [portal]

            """
        let site = try TestSite(files)
        defer { site.remove() }
        let result = site.run(asOf: "2026-03-01")
        #expect(result.errorMessages.isEmpty, "\(result.messages)")
        let v2mom = try page(result, "v2mom/index.html")
        let methods = section(v2mom, from: "<h2>Methods</h2>", to: "</section>")
        let staff = try #require(methods.range(of: "<h3>Staff the queue for the hours customers call</h3>"))
        let callback = try #require(methods.range(of: "<h3>Return every callback the same day</h3>"))
        let guides = try #require(methods.range(of: "<h3>Give agents the guides</h3>"))
        #expect(staff.lowerBound < callback.lowerBound && callback.lowerBound < guides.lowerBound)
        #expect(
            methods.contains(
                "<p>Shifts follow the <strong>call curve</strong>. <!-- raw HTML omitted -->x<!-- raw HTML omitted --></p>"
            ))
        #expect(methods.hasPrefix("\n  <ol class=\"v2mom-items\">"))
        #expect(!methods.contains("The goals we set to get there"))
        // Each method's measures, in the team's order, by the Measures row partial.
        let first = String(methods[staff.upperBound..<callback.lowerBound])
        #expect(first.range(of: "Cut the wait")!.lowerBound < first.range(of: "Open the portal")!.lowerBound)
        #expect(
            first.contains(
                "<tr><td><a href=\"../goals/wait/index.html\">Cut the wait</a></td><td><code>m.v</code></td><td>12</td><td>20</td>"
            ))
        #expect(!String(methods[callback.upperBound..<guides.lowerBound]).contains("<table"))
        #expect(methods.components(separatedBy: "Solve it first time").count - 1 == 1, "a goal named twice shows once")

        let obstacles = section(v2mom, from: "<h2>Obstacles</h2>", to: "</section>")
        #expect(obstacles.contains("<h3>The billing upgrade slipped</h3>"))
        #expect(obstacles.contains("Open the portal"))
        #expect(!obstacles.contains("What needs help now") && !obstacles.contains("Solve it first time"))
        // Measures still lists every goal.
        let measures = section(v2mom, from: "<h2>Measures</h2>", to: "</section>")
        for title in ["Cut the wait", "Solve it first time", "Open the portal"] { #expect(measures.contains(title)) }
    }

    @Test("without methods or obstacles the page works them out; each falls back on its own")
    func computedFallback() throws {
        var files = Self.v2momSite
        files["goalwall.yml"] = "methods:\n  - title: Our one method\nobstacles: []\n"
        let site = try TestSite(files)
        defer { site.remove() }
        let v2mom = try page(site.run(asOf: "2026-03-01"), "v2mom/index.html")
        #expect(section(v2mom, from: "<h2>Methods</h2>", to: "</section>").contains("<h3>Our one method</h3>"))
        let obstacles = section(v2mom, from: "<h2>Obstacles</h2>", to: "</section>")
        #expect(obstacles.contains("What needs help now"))
        #expect(obstacles.contains("Solve it first time"), "missed: an obstacle")
    }

    @Test("a goal slug goalwall.yml names that no goal has is an error at its line and column, with a suggestion")
    func unknownSlug() throws {
        var files = Self.v2momSite
        files["goalwall.yml"] =
            "title: T\nmethods:\n  - title: A\n    goals: [wait, portl]\nobstacles:\n  - title: B\n    goals:\n      - nothing-like-it\n"
        let site = try TestSite(files)
        defer { site.remove() }
        let result = site.run(asOf: "2026-03-01")
        #expect(
            result.errorMessages == [
                "goalwall.yml:4:19: error: unknown goal 'portl' in 'methods': no goal has that slug: did you mean 'portal'?",
                "goalwall.yml:8:9: error: unknown goal 'nothing-like-it' in 'obstacles': no goal has that slug",
            ])
        #expect(result.files.isEmpty)
    }

    @Test(
        "a wrong shape under methods or obstacles is a clear error at its place, never a crash",
        arguments: [
            (
                "methods: fast",
                "goalwall.yml:1:10: error: 'methods' must be a list: each method a title, or a mapping with 'title', 'text' and 'goals'"
            ),
            (
                "obstacles: {title: A}",
                "goalwall.yml:1:12: error: 'obstacles' must be a list: each obstacle a title, or a mapping with 'title', 'text' and 'goals'"
            ),
            (
                "methods:\n  - [a, b]",
                "goalwall.yml:2:5: error: each item of 'methods' must be a title, or a mapping with 'title', 'text' and 'goals'"
            ),
            ("methods:\n  -\n  - B", "goalwall.yml:2:4: error: this method is empty: give it a title"),
            (
                "methods:\n  - title: [a]",
                "goalwall.yml:2:12: error: 'title' must be a single value, not a list or mapping"
            ),
            ("methods:\n  - text: hi", "goalwall.yml:2:5: error: this method has no 'title'"),
            ("obstacles:\n  - title: \"  \"", "goalwall.yml:2:5: error: this obstacle has no 'title'"),
            (
                "methods:\n  - title: A\n    text: [x]",
                "goalwall.yml:3:11: error: 'text' must be a single value, not a list or mapping"
            ),
            (
                "methods:\n  - title: A\n    goals: wait",
                "goalwall.yml:3:12: error: 'goals' must be a list of goal slugs, like goals: [wait]"
            ),
            (
                "methods:\n  - title: A\n    goals: {a: 1}",
                "goalwall.yml:3:12: error: 'goals' must be a list of goal slugs, like goals: [cut-wait-time]"
            ),
            (
                "obstacles:\n  - title: A\n    goals: [[wait]]",
                "goalwall.yml:3:13: error: each item of 'goals' must be a goal's slug (like cut-wait-time)"
            ),
            (
                "methods:\n  - title: A\n    goals: [~]",
                "goalwall.yml:3:13: error: each item of 'goals' must be a goal's slug (like cut-wait-time)"
            ),
        ])
    func wrongShapes(yaml: String, message: String) throws {
        var files = Self.v2momSite
        files["goalwall.yml"] = yaml + "\n"
        let site = try TestSite(files)
        defer { site.remove() }
        let result = site.run(asOf: "2026-03-01")
        #expect(result.errorMessages == [message])
    }

    @Test("an unknown key in a method is a warning with a suggestion; methods is no longer an unknown key")
    func unknownItemKey() throws {
        var files = Self.v2momSite
        files["goalwall.yml"] = "methods:\n  - title: A\n    goal: [wait]\n"
        let site = try TestSite(files)
        defer { site.remove() }
        let result = site.run(asOf: "2026-03-01")
        #expect(result.messages == ["goalwall.yml:3:5: warning: unknown method key 'goal': did you mean 'goals'?"])
    }

    @Test("a draft named in methods is a warning and left out of a build without --drafts")
    func draftNamed() throws {
        var files = Self.v2momSite
        files["content/goals/later.md"] = goalFile(
            "title: A later goal\nowner: O\nstate: draft\nstart: 2026-01-01\ndue: 2026-06-01")
        files["goalwall.yml"] = "methods:\n  - title: A\n    goals: [later, wait]\n"
        let site = try TestSite(files)
        defer { site.remove() }
        let result = site.run(asOf: "2026-03-01")
        #expect(
            result.messages == [
                "goalwall.yml:3:13: warning: goal 'later' in 'methods' is a draft, left out of this build (build with --drafts to include it)"
            ])
        #expect(!(try page(result, "v2mom/index.html")).contains("A later goal"))
        let withDrafts = site.run(asOf: "2026-03-01", drafts: true)
        #expect(withDrafts.messages.isEmpty)
        #expect(try page(withDrafts, "v2mom/index.html").contains("A later goal"))
    }

    // MARK: The computed view's defects

    @Test("grandchildren, and every level below, are in the tree page and in Methods")
    func grandchildren() throws {
        var files: [String: String] = [:]
        // A chain deeper than the tree's nesting: every goal must still be shown.
        for level in 0..<40 {
            files["content/goals/g\(level).md"] = goalFile(
                "title: Level \(level) goal\nowner: O\n" + (level > 0 ? "parent: g\(level - 1)\n" : "")
                    + "start: 2026-01-01\ndue: 2026-06-01", body: "- [ ] x\n")
        }
        let site = try TestSite(files)
        defer { site.remove() }
        let result = site.run(asOf: "2026-03-01")
        let tree = try page(result, "tree/index.html")
        let methods = section(try page(result, "v2mom/index.html"), from: "<h2>Methods</h2>", to: "</section>")
        for level in 0..<40 {
            #expect(tree.contains(">Level \(level) goal</a>"), "tree: level \(level)")
            #expect(methods.contains(">Level \(level) goal</a>"), "methods: level \(level)")
        }
        // Nested: the grandchild is inside its parent's list, inside the top goal's.
        #expect(methods.contains("<ul><li><a href=\"../goals/g2/index.html\">Level 2 goal</a>"))
        #expect(tree.range(of: "Level 2 goal")!.lowerBound < tree.range(of: "Level 3 goal")!.lowerBound)
        // 32 nested levels, then the rest of the chain flat in one list.
        #expect(methods.components(separatedBy: "<ul>").count - 1 == WallPages.treeDepth + 1)
    }

    @Test("in Methods a dropped goal stays only while goals still serve it")
    func droppedInMethods() throws {
        let site = try TestSite([
            "content/goals/top.md": goalFile(
                "title: Dropped top\nowner: O\nstate: dropped\nstart: 2026-01-01\ndue: 2026-06-01"),
            "content/goals/mid.md": goalFile(
                "title: Live middle\nowner: O\nparent: top\nstart: 2026-01-01\ndue: 2026-06-01"),
            "content/goals/leaf.md": goalFile(
                "title: Dropped leaf\nowner: O\nparent: mid\nstate: dropped\nstart: 2026-01-01\ndue: 2026-06-01"),
        ])
        defer { site.remove() }
        let v2mom = try page(site.run(asOf: "2026-03-01"), "v2mom/index.html")
        let methods = section(v2mom, from: "<h2>Methods</h2>", to: "</section>")
        #expect(methods.contains("Dropped top</a> <span class=\"tag status-dropped\">"))
        #expect(methods.contains("Live middle"))
        #expect(!methods.contains("Dropped leaf"))
    }

    @Test("an achieved goal is never an obstacle, even when its check-ins have lapsed")
    func achievedNotObstacle() throws {
        let site = try TestSite([
            "content/metrics/m.csv": "date,v\n2026-01-01,0\n2026-02-20,12\n",
            "content/goals/done.md": goalFile(
                "title: Reached already\nowner: O\nmetric: m.v\ntarget: 10\nreview: weekly\nstart: 2026-01-01\ndue: 2026-06-01"
            ),
            "content/goals/quiet.md": goalFile(
                "title: Running quietly\nowner: O\nreview: weekly\nstart: 2026-01-01\ndue: 2026-06-01",
                body: "- [x] a\n- [x] b\n- [ ] c\n"),
        ])
        defer { site.remove() }
        let result = site.run(asOf: "2026-03-01")
        #expect(result.wall?.goals.first { $0.slug == "done" }?.status == .achieved)
        #expect(result.wall?.goals.first { $0.slug == "done" }?.stale == true)
        let obstacles = section(try page(result, "v2mom/index.html"), from: "<h2>Obstacles</h2>", to: "</section>")
        #expect(!obstacles.contains("Reached already"))
        #expect(obstacles.contains("Running quietly"), "a stale goal still running is one")
    }
}
