import Testing

@testable import GoalwallKit

@Suite("Goal files: front matter, slugs, metric names (§3, §9)")
struct GoalFileTests {
    @Test(
        "slugs from file names",
        arguments: [
            ("Cut Wait-Time.md", "cut-wait-time"), ("  2026 -- Q1 goal!.md", "2026-q1-goal"),
            ("Café crème.md", "caf-cr-me"),
            ("Cafe\u{301}.md", "caf"), ("a.b.md", "a-b"), ("notes.MD", "notes-md"),
        ])
    func slugs(_ fileName: String, _ slug: String) {
        #expect(slugForFile(named: fileName) == slug)
    }

    @Test("a file name with no letters or digits is an error")
    func emptySlug() throws {
        let site = try TestSite(["content/goals/---.md": goalFile("title: T\nstart: 2026-01-01\ndue: 2026-02-01")])
        defer { site.remove() }
        #expect(
            site.run().errorMessages == [
                "content/goals/---.md:1:1: error: the file name '---.md' gives an empty slug: rename it or set 'slug:'"
            ])
    }

    @Test("explicit slugs must be well formed, and unique")
    func explicitSlugs() throws {
        let site = try TestSite([
            "content/goals/a.md": goalFile("title: T\nslug: Bad Slug\nstart: 2026-01-01\ndue: 2026-02-01"),
            "content/goals/b.md": goalFile("title: T\nslug: c\nstart: 2026-01-01\ndue: 2026-02-01"),
            "content/goals/sub/c.md": goalFile("title: T\nstart: 2026-01-01\ndue: 2026-02-01"),
        ])
        defer { site.remove() }
        let errors = site.run().errorMessages
        #expect(errors.count == 2)
        #expect(errors[0].hasPrefix("content/goals/a.md:3:7: error: 'slug' must be"))
        #expect(
            errors[1].hasPrefix("content/goals/sub/c.md:1:1: error: two goals with the slug 'c'")
                || errors[1].hasPrefix("content/goals/b.md:1:1: error: two goals with the slug 'c'"))
    }

    @Test("string keys take the scalar as written")
    func strings() throws {
        let site = try TestSite([
            "content/goals/g.md": goalFile("title: 2026\nowner: NO\nteam: Yes\nstart: 2026-01-01\ndue: 2026-02-01")
        ])
        defer { site.remove() }
        let goal = try site.goal("g")
        #expect(goal["owner"] as? String == "NO")
        #expect(goal["team"] as? String == "Yes")
        #expect(goal["title"] as? String == "2026")
    }

    @Test("missing required keys at 1:1; a missing target at the metric line")
    func missingKeys() throws {
        let site = try TestSite([
            "content/goals/g.md": goalFile("owner: Mark\nmetric: m"),
            "content/metrics/m.csv": "date,v\n",
        ])
        defer { site.remove() }
        #expect(
            site.run().errorMessages == [
                "content/goals/g.md:1:1: error: missing required key 'due'",
                "content/goals/g.md:1:1: error: missing required key 'start'",
                "content/goals/g.md:1:1: error: missing required key 'title'",
                "content/goals/g.md:3:1: error: missing 'target': a goal with a metric needs the value to reach",
            ])
    }

    @Test("a required key written as null or left empty is missing, at 1:1; a task goal's target is only a warning")
    func nullKeys() throws {
        let site = try TestSite([
            "content/goals/a.md": goalFile("title: ~\nowner: O\nstart:\ndue: null"),
            "content/goals/b.md": goalFile(
                "title: T\nowner: O\nstart: 2026-01-01\ndue: 2026-02-01\ntarget: abc\nreview: 10D"),
        ])
        defer { site.remove() }
        #expect(
            site.run().messages == [
                "content/goals/a.md:1:1: error: missing required key 'due'",
                "content/goals/a.md:1:1: error: missing required key 'start'",
                "content/goals/a.md:1:1: error: missing required key 'title'",
                "content/goals/b.md:6:1: warning: 'target' is ignored: a goal without a metric is measured by its tasks",
                "content/goals/b.md:7:9: error: 'review' must be weekly, biweekly, monthly, quarterly or a number of days like 10d",
            ])
    }

    @Test("a YAML error is reported at its line in the .md file")
    func yamlError() throws {
        let site = try TestSite(["content/goals/g.md": "---\ntitle: T\nstart: [2026-01-01\ndue: 2026-02-01\n---\n"])
        defer { site.remove() }
        let errors = site.run().errorMessages
        #expect(errors.count == 1)
        #expect(errors[0].hasPrefix("content/goals/g.md:4:4: error: YAML: did not find expected"))
    }

    @Test("types: dates YYYY-MM-DD only, numbers unquoted, due after start, known words")
    func types() throws {
        let site = try TestSite([
            "content/goals/g.md": goalFile(
                "title: T\nstart: 2026-1-5\ndue: 2026-02-30\nmetric: m\ntarget: \"4\"\nreview: fortnightly\nrollup: average\nperiod: Week"
            ),
            "content/goals/h.md": goalFile("title: T\nstart: 2026-02-01\ndue: 2026-02-01"),
            "content/metrics/m.csv": "date,v\n",
        ])
        defer { site.remove() }
        let errors = site.run().errorMessages
        #expect(
            errors == [
                "content/goals/g.md:3:8: error: 'start' must be a date written YYYY-MM-DD",
                "content/goals/g.md:4:6: error: 'due' must be a date written YYYY-MM-DD",
                "content/goals/g.md:6:9: error: 'target' must be a number, +N% or -N% (a change from the baseline), or a duration like \"6:30\"",
                "content/goals/g.md:7:9: error: 'review' must be weekly, biweekly, monthly, quarterly or a number of days like 10d",
                "content/goals/g.md:8:9: error: 'rollup' must be one of last, sum, mean, min, max, count",
                "content/goals/g.md:9:9: error: 'period' must be one of day, week, month: did you mean 'week'?",
                "content/goals/h.md:4:6: error: 'due' (2026-02-01) must be after 'start' (2026-02-01)",
            ])
    }

    @Test("unknown keys are warnings with a suggestion")
    func unknownKeys() throws {
        let site = try TestSite([
            "goalwall.yml": "titel: Wall\nrefresh_second: 10\n",
            "content/goals/g.md": goalFile(
                "title: T\nstart: 2026-01-01\ndue: 2026-02-01\nowners: Mark\nmilestone: []\nzzz: 1"),
        ])
        defer { site.remove() }
        let result = site.run()
        #expect(result.succeeded)
        #expect(
            result.messages == [
                "content/goals/g.md:1:1: warning: no owner: a SMART goal names the one person who champions it",
                "content/goals/g.md:5:1: warning: unknown goal key 'owners': did you mean 'owner'?",
                "content/goals/g.md:6:1: warning: unknown goal key 'milestone': did you mean 'milestones'?",
                "content/goals/g.md:7:1: warning: unknown goal key 'zzz' (known keys: title, slug, owner, team, metric, unit, baseline, target, direction, start, due, milestones, parent, review, rollup, period, state, tags, kind, hold, tolerance, format, kiosk)",
                "goalwall.yml:1:1: warning: unknown goalwall.yml key 'titel': did you mean 'title'?",
                "goalwall.yml:2:1: warning: unknown goalwall.yml key 'refresh_second': did you mean 'refresh_seconds'?",
            ])
        #expect(site.run(strict: true).succeeded == false)
    }

    @Test(
        "metric names: the whole string as FILE first, then the first dot from the left that names FILE and COLUMN",
        arguments: [
            ("support.wait", "support.wait", "v"),  // a file named support.wait.csv
            ("support.wait.x", "support", "wait.x"),
            ("a.b.c", "a", "b.c"),
            ("a.b.d", "a.b", "d"),
            ("dir/q.v", "dir/q", "v"),
        ])
    func metricNames(_ metric: String, _ file: String, _ column: String) throws {
        let site = try TestSite([
            "content/goals/g.md": goalFile(
                "title: T\nmetric: \(metric)\ntarget: 5\nstart: 2026-01-01\ndue: 2026-02-01"),
            "content/metrics/support.wait.csv": "date,v\n",
            "content/metrics/support.csv": "date,wait.x,other\n",
            "content/metrics/a.csv": "date,b.c\n",
            "content/metrics/a.b.csv": "date,c,d\n",
            "content/metrics/dir/q.csv": "date,v,w\n",
        ])
        defer { site.remove() }
        let (loaded, diagnostics) = SiteLoader(root: site.root).load()
        #expect(!diagnostics.hasErrors, "\(diagnostics.sorted)")
        #expect(loaded.goals.first?.metric?.file == file)
        #expect(loaded.goals.first?.metric?.column == column)
    }

    @Test("the mapping form of metric, and errors for unknown files, columns and several columns")
    func metricErrors() throws {
        let site = try TestSite([
            "content/goals/a.md": goalFile(
                "title: T\nmetric: {file: m, column: w}\ntarget: 5\nstart: 2026-01-01\ndue: 2026-02-01"),
            "content/goals/b.md": goalFile("title: T\nmetric: m\ntarget: 5\nstart: 2026-01-01\ndue: 2026-02-01"),
            "content/goals/c.md": goalFile("title: T\nmetric: nope.v\ntarget: 5\nstart: 2026-01-01\ndue: 2026-02-01"),
            "content/goals/d.md": goalFile(
                "title: T\nmetric: {file: m, column: x}\ntarget: 5\nstart: 2026-01-01\ndue: 2026-02-01"),
            "content/metrics/m.csv": "date,v,w\n",
        ])
        defer { site.remove() }
        let result = site.run()
        #expect(
            result.errorMessages == [
                "content/goals/b.md:3:9: error: content/metrics/m.csv has 2 value columns: name one, as 'm.COLUMN'",
                "content/goals/c.md:3:9: error: no metric 'nope.v': expected FILE.COLUMN or FILE, with FILE a CSV under content/metrics (without .csv)",
                "content/goals/d.md:3:9: error: content/metrics/m.csv has no column 'x' (it has v, w)",
            ])
        #expect(result.wall?.goals.first?.goal.metric?.name == "m.w")
    }

    @Test("unknown parents and parent cycles are errors")
    func parents() throws {
        let site = try TestSite([
            "content/goals/a.md": goalFile("title: T\nparent: b\nstart: 2026-01-01\ndue: 2026-02-01"),
            "content/goals/b.md": goalFile("title: T\nparent: a\nstart: 2026-01-01\ndue: 2026-02-01"),
            "content/goals/c.md": goalFile("title: T\nparent: happier\nstart: 2026-01-01\ndue: 2026-02-01"),
        ])
        defer { site.remove() }
        #expect(
            site.run().errorMessages == [
                "content/goals/a.md:3:1: error: parent cycle: following parents from 'a' comes back to it",
                "content/goals/b.md:3:1: error: parent cycle: following parents from 'b' comes back to it",
                "content/goals/c.md:3:1: error: unknown parent 'happier': no goal has that slug",
            ])
    }

    @Test("goal files with CRLF line endings read like LF ones")
    func crlf() throws {
        let site = try TestSite([
            "content/goals/g.md":
                "---\r\ntitle: T\r\nowner: O\r\nstart: 2026-01-05\r\ndue: 2026-03-02\r\n---\r\n- [x] one\r\n\r\n## 2026-01-12 Review\r\nText\r\n",
            "content/pages/p.md": "---\r\ntitle: Vision\r\n---\r\nBody\r\n",
        ])
        defer { site.remove() }
        let result = site.run(asOf: "2026-02-01")
        #expect(result.diagnostics.isEmpty, "\(result.messages)")
        let goal = try site.goal("g", asOf: "2026-02-01")
        #expect((goal["checkins"] as! [[String: Any]]).first?["title"] as? String == "Review")
        #expect((goal["tasks"] as! [String: Any])["done"] as? Int == 1)
        #expect(result.wall?.pages.first?.title == "Vision")
    }

    @Test("a repeated key is reported where it repeats; a repeated slug at its slug line")
    func repeats() throws {
        let site = try TestSite([
            "content/goals/a.md": goalFile("title: T\nowner: O\nstart: 2026-01-01\ndue: 2026-02-01\ntitle: U"),
            "content/goals/b.md": goalFile("title: T\nowner: O\nslug: c\nstart: 2026-01-01\ndue: 2026-02-01"),
            "content/goals/c.md": goalFile("title: T\nowner: O\nstart: 2026-01-01\ndue: 2026-02-01"),
        ])
        defer { site.remove() }
        #expect(
            site.run().errorMessages == [
                "content/goals/a.md:6:1: error: duplicate key 'title'",
                "content/goals/c.md:1:1: error: two goals with the slug 'c' (the other is content/goals/b.md)",
            ])
    }

    @Test("front matter that is never closed, or missing, is an error")
    func frontMatter() throws {
        let site = try TestSite([
            "content/goals/a.md": "---\ntitle: T\n",
            "content/goals/b.md": "# Just Markdown\n",
        ])
        defer { site.remove() }
        #expect(
            site.run().errorMessages == [
                "content/goals/a.md:1:1: error: front matter opened with '---' on line 1 is never closed by a '---' line",
                "content/goals/b.md:1:1: error: a goal file starts with front matter between '---' lines (title, start, due, …)",
            ])
    }
}

@Suite("Check-ins and tasks from cmark's syntax tree (§9)")
struct MarkdownBodyTests {
    func body(_ markdown: String) -> (MarkdownBody, [String]) {
        var diagnostics = Diagnostics()
        let body = MarkdownBody.parse(markdown, path: "g.md", firstLine: 5, into: &diagnostics)
        return (body, diagnostics.sorted.map(\.description))
    }

    @Test(
        "check-in headings and their titles",
        arguments: [
            ("## 2026-01-12", ""), ("## 2026-01-12 Weekly review", "Weekly review"),
            ("## 2026-01-12 - Weekly", "Weekly"),
            ("## 2026-01-12: Weekly", "Weekly"), ("## 2026-01-12—Weekly", "Weekly"),
            ("## 2026-01-12 – *Weekly* `x`", "Weekly x"),
            ("2026-01-12 setext\n---", "setext"), ("## 2026-01-12:", ""),
        ])
    func checkIns(_ heading: String, _ title: String) {
        let (parsed, _) = body(heading + "\n\nSome text.\n")
        #expect(parsed.checkIns.map(\.title) == [title])
        #expect(parsed.checkIns.first?.date.description == "2026-01-12")
        #expect(parsed.checkIns.first?.html == "<p>Some text.</p>\n")
    }

    @Test(
        "not check-ins",
        arguments: [
            "# 2026-01-12 level one", "### 2026-01-12 level three", "## 2026-01-12x", "## Review 2026-01-12",
            "    ## 2026-01-12 code",
        ])
    func notCheckIns(_ heading: String) {
        #expect(body(heading + "\n").0.checkIns.isEmpty)
    }

    @Test("an impossible date is a warning at the heading, not a check-in")
    func impossibleDate() {
        let (parsed, warnings) = body("Intro\n\n## 2026-02-30 Review\n")
        #expect(parsed.checkIns.isEmpty)
        #expect(warnings == ["g.md:7:1: warning: '2026-02-30' is not a real date, so this heading is not a check-in"])
    }

    @Test("a check-in runs to the next level-2 heading; raw HTML is not passed through")
    func segments() {
        let (parsed, _) = body(
            "Intro <script>x</script>\n\n## 2026-01-12 A\n\nOne\n\n### Sub\n\n## Plain heading\n\nTwo\n")
        #expect(parsed.checkIns.count == 1)
        #expect(parsed.checkIns[0].html == "<p>One</p>\n<h3>Sub</h3>\n")
        #expect(parsed.html.contains("<h2>Plain heading</h2>\n<p>Two</p>"))
        #expect(!parsed.html.contains("<script>"))
    }

    @Test(
        "tasks are read as written: escapes are not tasks, a link reference does not hide one",
        arguments: [
            ("- [x] a\n", [true]), ("- \\[x] a\n", []), ("- &#91;x] a\n", []), ("- [x] a\n\n[x]: http://a\n", [true]),
            ("> * [ ] quoted\n>   - [X] nested\n", [false, true]), ("1) [x]\n", [true]), ("- [x]\tTab\n", [true]),
            ("- [ ]done\n", []), ("- [y] a\n", []), ("-  [x] two spaces\n", [true]), ("- a\n  [x] later line\n", []),
        ])
    func taskSyntax(_ markdown: String, _ done: [Bool]) {
        let (parsed, _) = body(markdown)
        #expect(parsed.tasks.map(\.done) == done)
        if !done.isEmpty {
            #expect(!parsed.html.contains("[x]") && !parsed.html.contains("[ ]") && !parsed.html.contains("<a "))
        }
    }

    @Test("tasks become check boxes")
    func taskBoxes() {
        let (parsed, _) = body("- [x] Done thing\n- [ ] Open thing\n")
        #expect(parsed.tasks.map(\.done) == [true, false])
        #expect(parsed.tasks.map(\.text) == ["Done thing", "Open thing"])
        #expect(
            parsed.html.contains(
                "<input type=\"checkbox\" class=\"task\" checked disabled aria-label=\"done\"> Done thing"))
        #expect(!parsed.html.contains("[x]"))
    }
}
