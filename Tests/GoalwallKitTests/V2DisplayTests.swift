import Foundation
import Testing

@testable import GoalwallKit

/// Contract v2 as the team reads it: maintain cards and pages, durations, periods named as
/// periods, relative targets and windows in words, metric labels, lint and `new goal`.
@Suite("Contract v2 on the wall, the goal page and the command line")
struct V2DisplayTests {
    func page(_ result: BuildResult, _ path: String) throws -> String {
        try #require(result.files.first { $0.path == path }?.text, "no \(path): \(result.messages)")
    }

    func keepSite() throws -> TestSite {
        try TestSite([
            "content/metrics/support.csv": V2GoalTests.responses,
            "content/goals/fast.md": goalFile(
                "title: Keep first response under 1 hour\nowner: Ana\nteam: Support\nkind: maintain\n"
                    + "metric: support.first_response\ntarget: \"1:00:00\"\ndirection: down\nformat: duration\n"
                    + "start: 2026-01-05\nreview: weekly"),
        ])
    }

    @Test("a maintain card says what is kept and how it went, with a strip of the periods judged")
    func maintainCard() throws {
        let site = try keepSite()
        defer { site.remove() }
        let wall = try page(site.run(asOf: "2026-01-09"), "index.html")
        #expect(wall.contains("<p class=\"target\">Keep at most 1:00:00 every day</p>"))
        #expect(wall.contains("<p class=\"progress\">kept at most 1:00:00 in 3 of 4 days · hold 100%</p>"))
        #expect(wall.contains("<span class=\"value\">59:59</span>"))
        #expect(wall.contains("<span class=\"note\">on 9 Jan</span>"))
        #expect(wall.components(separatedBy: "class=\"record-met\"").count - 1 == 3)
        #expect(wall.components(separatedBy: "class=\"record-missed\"").count - 1 == 1)
        #expect(wall.contains("kept in 3 of 4 days; missed: 6 Jan."))
    }

    @Test("a maintain goal's page: figures, the periods judged, misses ringed, no plan and no forecast")
    func maintainPage() throws {
        let site = try keepSite()
        defer { site.remove() }
        let goal = try page(site.run(asOf: "2026-01-09"), "goals/fast/index.html")
        #expect(goal.contains("<span class=\"label\">Kept</span> <strong>3 of 4 (75%)</strong>"))
        #expect(goal.contains("<span class=\"label\">Latest</span> <strong>59:59 (9 Jan)</strong>"))
        #expect(goal.contains("<tr class=\"judged-missed\"><td>6 Jan</td><td>1:10:00</td>"))
        #expect(goal.components(separatedBy: "class=\"breach\"").count - 1 == 2)  // wide and narrow charts
        #expect(!goal.contains("class=\"plan\"") && !goal.contains("class=\"forecast\""))
        #expect(goal.contains(" onwards"))
        #expect(goal.contains(">20:00<") || goal.contains(">1:00:00<"), "duration ticks")
    }

    @Test("a goal page lists the latest twelve judged periods and folds the earlier ones away")
    func earlierPeriodsFolded() throws {
        var csv = "date,first_response\n"
        for day in 1...20 { csv += "2026-01-\(day < 10 ? "0" : "")\(day),\(day == 3 ? "1:10:00" : "0:45:00")\n" }
        let site = try TestSite([
            "content/metrics/support.csv": csv,
            "content/goals/fast.md": goalFile(
                "title: Keep first response under 1 hour\nowner: Ana\nkind: maintain\nmetric: support.first_response\n"
                    + "target: \"1:00:00\"\ndirection: down\nformat: duration\nstart: 2026-01-01"),
        ])
        defer { site.remove() }
        let goal = try page(site.run(asOf: "2026-01-21"), "goals/fast/index.html")
        let parts = goal.components(separatedBy: "<details class=\"earlier-judged\">")
        try #require(parts.count == 2, "no folded periods")
        #expect(parts[0].components(separatedBy: "<tr class=\"judged-").count - 1 == 12)
        #expect(parts[0].contains("<td>20 Jan</td>") && parts[0].contains("<td>9 Jan</td>"))
        #expect(parts[1].contains("<summary>8 earlier periods</summary>"))
        #expect(parts[1].contains("<tr class=\"judged-missed\"><td>3 Jan</td><td>1:10:00</td>"))
    }

    @Test("a count reads from zero in whole steps; the as-of label sits above the plot, clear of the target's")
    func countChart() throws {
        let site = try TestSite([
            "content/metrics/kb.csv": "date,id\n"
                + (0..<17).map { "2026-02-\(10 + $0 / 6),\($0 + 1)" }.joined(separator: "\n") + "\n",
            "content/goals/kb.md": goalFile(
                "title: Six articles a week, every week\nowner: Ana\nkind: maintain\nmetric: kb.id\nrollup: count\n"
                    + "period: week\ntarget: 6\ndirection: up\nstart: 2026-02-02\ndue: 2026-03-29"),
        ])
        defer { site.remove() }
        let goal = try page(site.run(asOf: "2026-03-02"), "goals/kb/index.html")
        let wide = try #require(
            goal.components(separatedBy: "goal-chart-svg chart-wide\"").dropFirst().first?.components(
                separatedBy: "goal-chart-svg chart-narrow\""
            ).first)
        #expect(wide.contains(">0</text>"))
        #expect(
            wide.range(of: #"class="tick-label"[^>]*>[0-9]+\.[0-9]"#, options: .regularExpression) == nil,
            "no fractional ticks for a count")
        // The plot's top is y = 30 (GoalChart.Layout.wide): the label is drawn above it.
        #expect(wide.range(of: #"class="as-of-label" x="[0-9.]+" y="22""#, options: .regularExpression) != nil)
    }

    @Test("a week's value is named as its week, a month's as its month")
    func periodNames() throws {
        let site = try TestSite([
            "content/metrics/m.csv": "date,v\n2026-01-05,4\n2026-01-12,5\n2026-02-03,6\n",
            "content/goals/w.md": goalFile(
                "title: Weekly goal here\nowner: A\nmetric: m.v\nperiod: week\ntarget: 10\nstart: 2026-01-05\ndue: 2026-06-01"
            ),
            "content/goals/m.md": goalFile(
                "title: Monthly goal here\nowner: A\nmetric: m.v\nperiod: month\nrollup: sum\ntarget: 20\nstart: 2026-01-01\ndue: 2026-06-01"
            ),
        ])
        defer { site.remove() }
        let wall = try page(site.run(asOf: "2026-02-10"), "index.html")
        #expect(wall.contains("<span class=\"note\">week of 2 Feb</span>"))
        #expect(wall.contains("<span class=\"note\">January 2026</span>"))
    }

    @Test("a relative target and a window baseline are worked out in words on the goal page")
    func relativeWords() throws {
        let site = try TestSite([
            "content/metrics/calls.csv": "date,wait\n2025-10-06,480\n2025-11-03,500\n2025-12-01,460\n2026-01-12,400\n",
            "content/goals/wait.md": goalFile(
                "title: Cut the wait in half\nowner: Mark\nmetric: calls.wait\nformat: duration\n"
                    + "baseline: { from: 2025-10-01, to: 2025-12-31 }\ntarget: -50%\nstart: 2026-01-05\ndue: 2026-02-16"
            ),
        ])
        defer { site.remove() }
        let goal = try page(site.run(asOf: "2026-01-25"), "goals/wait/index.html")
        #expect(goal.contains("<strong>8:00, the mean of 1 Oct–31 Dec 2025</strong>"))
        #expect(goal.contains("<strong>−50% of the 8:00 baseline = 4:00</strong>"))
    }

    @Test("a computed metric is named by its label on the goal page and in V2MOM Measures")
    func metricLabel() throws {
        let site = try TestSite([
            "content/metrics/desk.csv": "date,resolved_first,resolved\n2026-01-05,10,20\n",
            "content/goals/fcr.md": goalFile(
                "title: Resolve more on first contact\nowner: Ana\n"
                    + "metric: { file: desk, formula: \"100 * resolved_first / resolved\", label: First-contact resolution }\n"
                    + "unit: \"%\"\ntarget: 80\nstart: 2026-01-05\ndue: 2026-03-30"),
            "content/goals/nps.md": goalFile(
                "title: Raise the score of promoters\nowner: Ana\nmetric: { file: desk, formula: \"resolved / 2\" }\n"
                    + "target: 80\nstart: 2026-01-05\ndue: 2026-03-30"),
        ])
        defer { site.remove() }
        let result = site.run(asOf: "2026-01-25")
        let goal = try page(result, "goals/fcr/index.html")
        #expect(
            goal.contains(
                "metric First-contact resolution (<code>desk: 100 * resolved_first / resolved</code>, last per day)"))
        let v2mom = try page(result, "v2mom/index.html")
        #expect(v2mom.contains("<code>First-contact resolution</code>"))
        #expect(v2mom.contains("<code>desk: resolved ÷ 2</code>"))
    }

    @Test("check lints a maintain goal in words that fit keeping")
    func maintainLint() throws {
        let site = try keepSite()
        defer { site.remove() }
        let result = site.run(asOf: "2026-01-09")
        let lints = try #require(result.wall.map(GoalwallKit.lint))
        let text = CheckReport(diagnostics: result.diagnostics, asOf: result.wall?.asOf, lints: lints).text
        #expect(text.contains("fast: at-risk  SMART SMA·T  FAST FAMT"), "\(text)")
        let goal = try #require(lints.first?.lint)
        #expect(goal.smart.map(\.reason).contains("keeps support.first_response at most 1:00:00 every day"))
        #expect(goal.smart.map(\.reason).contains("kept in 3 of 4 days so far"))
        #expect(goal.smart.map(\.reason).contains("judged every day, for as long as it runs"))
        #expect(goal.fast.map(\.reason).contains("hold 100%: most periods must be kept"))
    }

    @Test(
        "new goal writes a draft by default; --kind, --metric, --target, --direction, --due; a goal that would not build is not written"
    )
    func newGoal() throws {
        let site = try TestSite([
            "goalwall.yml": "as_of: 2026-01-09\n",
            "content/metrics/support.csv": V2GoalTests.responses,
        ])
        defer { site.remove() }
        let made = try goalwall([
            "new", "goal", "Keep first response under an hour", "--site", site.root.path, "--kind", "maintain",
            "--metric", "support.first_response", "--target", "1:00:00", "--direction", "down",
        ])
        #expect(made.status == 0, "\(made.err)")
        let text = try String(
            contentsOf: site.root.appending(path: "content/goals/keep-first-response-under-an-hour.md"), encoding: .utf8
        )
        #expect(text.contains("state: draft"))
        #expect(
            text.contains("kind: maintain\nmetric: \"support.first_response\"\ntarget: \"1:00:00\"\ndirection: down\n"))
        #expect(!text.contains("\ndue:"))
        let cut = try goalwall([
            "new", "goal", "Cut the wait in half", "--site", site.root.path, "--metric", "support.first_response",
            "--target", "-50%", "--due", "2099-03-01", "--active",
        ])
        #expect(cut.status == 0, "\(cut.err)")
        let cutText = try String(
            contentsOf: site.root.appending(path: "content/goals/cut-the-wait-in-half.md"), encoding: .utf8)
        #expect(!cutText.contains("state: draft"))
        #expect(cutText.contains("target: \"-50%\"\n"))
        #expect(cutText.contains("due: 2099-03-01\n"))
        let broken = try goalwall([
            "new", "goal", "Keep it broken", "--site", site.root.path, "--kind", "maintain", "--metric", "support.nope",
            "--target", "5", "--direction", "down",
        ])
        #expect(broken.status == 1)
        #expect(broken.err.contains("content/goals/keep-it-broken.md:"))
        #expect(
            !FileManager.default.fileExists(atPath: site.root.appending(path: "content/goals/keep-it-broken.md").path))
        #expect(
            try goalwall(["new", "goal", "No direction here", "--site", site.root.path, "--kind", "maintain"]).status
                == 2)
        #expect(try goalwall(["build", "--site", site.root.path, "--quiet"]).status == 0)
    }
}
