import Foundation
import Testing

@testable import GoalwallKit

/// A metric goal on content/metrics/m.csv (column v), with its data.
func metricSite(_ frontMatter: String, csv: String, body: String = "", extra: [String: String] = [:]) throws -> TestSite
{
    var files = extra
    files["content/goals/g.md"] = goalFile("title: A goal\nmetric: m.v\n" + frontMatter, body: body)
    files["content/metrics/m.csv"] = csv
    return try TestSite(files)
}

@Suite("Goal figures and status (§5, §9)")
struct GoalFigureTests {
    /// Down from 8 to 4 over Jan; a point every 10 days.
    let downCSV = "date,v\n2026-01-01,8\n2026-01-11,7\n2026-01-21,6\n2026-01-31,5\n"

    @Test(
        "status rules, first that applies",
        arguments: [
            // (front matter extra, as-of, status)
            ("target: 5\nstart: 2026-01-01\ndue: 2026-02-01", "2026-01-21", "on-track"),  // plan 6.06, actual 6
            ("target: 4\nstart: 2026-01-01\ndue: 2026-01-25", "2026-01-21", "at-risk"),  // plan 4.67, actual 6: behind 0.33 ≤ 0.5
            ("target: 6\nstart: 2026-01-01\ndue: 2026-02-01", "2026-01-21", "achieved"),
            ("target: 2\nstart: 2026-01-01\ndue: 2026-01-20", "2026-01-31", "missed"),
            ("target: 4\nstart: 2026-02-01\ndue: 2026-03-01", "2026-01-31", "not-started"),
            ("target: 4\nstart: 2026-01-01\ndue: 2026-02-01\nstate: dropped", "2026-01-21", "dropped"),
            ("target: 4\nstart: 2026-01-01\ndue: 2026-02-01", "2025-12-31", "no-data"),
        ])
    func statusRules(_ frontMatter: String, _ asOf: String, _ status: String) throws {
        let tolerance = status == "at-risk" ? "tolerance: 0.5\n" : ""
        let site = try metricSite(frontMatter, csv: downCSV, extra: ["goalwall.yml": tolerance])
        defer { site.remove() }
        #expect(try site.goal("g", asOf: asOf)["status"] as? String == status)
    }

    @Test("off track past the tolerance, at risk within it, on track at zero")
    func tolerance() throws {
        // Up 0 → 100 over 100 days; at day 50 the plan says 50.
        let csv = "date,v\n2026-01-01,0\n2026-02-20,40\n"
        for (tolerance, status) in [("0.05", "off-track"), ("0.10", "at-risk"), ("0.2", "at-risk")] {
            let site = try metricSite(
                "target: 100\nstart: 2026-01-01\ndue: 2026-04-11", csv: csv,
                extra: ["goalwall.yml": "tolerance: \(tolerance)\n"])
            defer { site.remove() }
            let goal = try site.goal("g", asOf: "2026-02-20")
            #expect(goal["status"] as? String == status)
            #expect(number(goal["expected"]) == 50)
            #expect(number(goal["progress"]) == 0.4)
            #expect(number(goal["current"]) == 40)
        }
        let onPlan = try metricSite(
            "target: 100\nstart: 2026-01-01\ndue: 2026-04-11", csv: "date,v\n2026-01-01,0\n2026-02-20,50\n")
        defer { onPlan.remove() }
        #expect(try onPlan.goal("g", asOf: "2026-02-20")["status"] as? String == "on-track")
    }

    @Test("expected runs through the milestones; baseline before start, target after due")
    func expected() throws {
        let site = try metricSite(
            "target: 4\nstart: 2026-01-01\ndue: 2026-01-31\nmilestones:\n  - { date: 2026-01-11, target: 5 }",
            csv: downCSV)
        defer { site.remove() }
        #expect(number(try site.goal("g", asOf: "2026-01-06")["expected"]) == 6.5)
        #expect(number(try site.goal("g", asOf: "2026-01-11")["expected"]) == 5)
        #expect(number(try site.goal("g", asOf: "2026-01-21")["expected"]) == 4.5)
        #expect(number(try site.goal("g", asOf: "2026-01-01")["expected"]) == 8)
        #expect(number(try site.goal("g", asOf: "2025-12-01")["expected"]) == nil)  // no data yet: no baseline
        #expect(number(try site.goal("g", asOf: "2026-03-01")["expected"]) == 4)
    }

    @Test("on the start day, the due day and a milestone day")
    func edgeDays() throws {
        let site = try metricSite(
            "target: 5\nstart: 2026-01-01\ndue: 2026-01-31\nmilestones:\n  - { date: 2026-01-11, target: 7 }",
            csv: downCSV)
        defer { site.remove() }
        let atStart = try site.goal("g", asOf: "2026-01-01")
        #expect(atStart["status"] as? String == "on-track")
        #expect(number(atStart["behind"]) == nil)  // behind is not in goals.json
        #expect(number(atStart["progress"]) == 0)
        let atMilestone = try site.goal("g", asOf: "2026-01-11")
        #expect((atMilestone["milestones"] as! [[String: Any]])[0]["met"] as? Bool == true)
        #expect(atMilestone["status"] as? String == "on-track")
        let atDue = try site.goal("g", asOf: "2026-01-31")
        #expect(atDue["status"] as? String == "achieved")
    }

    @Test("the default baseline is the latest point on or before start, else the first after")
    func defaultBaseline() throws {
        let before = try metricSite("target: 1\nstart: 2026-01-15\ndue: 2026-02-15", csv: downCSV)
        defer { before.remove() }
        #expect(number(try before.goal("g", asOf: "2026-02-01")["baseline"]) == 7)
        let after = try metricSite("target: 1\nstart: 2025-12-01\ndue: 2026-02-15", csv: downCSV)
        defer { after.remove() }
        #expect(number(try after.goal("g", asOf: "2026-02-01")["baseline"]) == 8)
        let explicit = try metricSite("baseline: 10\ntarget: 1\nstart: 2025-12-01\ndue: 2026-02-15", csv: downCSV)
        defer { explicit.remove() }
        #expect(number(try explicit.goal("g", asOf: "2026-02-01")["baseline"]) == 10)
    }

    @Test("direction comes from target and baseline unless given")
    func direction() throws {
        let up = try metricSite("target: 9\nstart: 2026-01-01\ndue: 2026-02-15", csv: downCSV)
        defer { up.remove() }
        #expect(try up.goal("g", asOf: "2026-02-01")["direction"] as? String == "up")
        let contradicting = try metricSite(
            "target: 9\ndirection: down\nstart: 2026-01-01\ndue: 2026-02-15", csv: downCSV)
        defer { contradicting.remove() }
        let result = contradicting.run(asOf: "2026-02-01")
        #expect(result.succeeded)
        #expect(result.messages.contains { $0.contains("warning: direction 'down' contradicts") })
        // Down, as written: current 5 ≤ target 9 is achieved.
        #expect(try contradicting.goal("g", asOf: "2026-02-01")["status"] as? String == "achieved")
    }

    @Test("target = baseline: an error without a direction; with one, off track and no progress")
    func targetEqualsBaseline() throws {
        let site = try metricSite("target: 8\nstart: 2026-01-01\ndue: 2026-02-15", csv: downCSV)
        defer { site.remove() }
        #expect(
            site.run(asOf: "2026-01-20").errorMessages.first?.hasPrefix(
                "content/goals/g.md:4:1: error: target 8 equals the baseline") == true)
        let held = try metricSite("target: 8\ndirection: up\nstart: 2026-01-01\ndue: 2026-02-15", csv: downCSV)
        defer { held.remove() }
        let goal = try held.goal("g", asOf: "2026-01-21")
        #expect(goal["status"] as? String == "off-track")
        #expect(number(goal["progress"]) == nil)
    }

    @Test("forecast: least squares at due; the crossing day rounded up; null under 3 points or moving away")
    func forecast() throws {
        // Points 8, 7, 6 on days 0, 10, 20: slope −0.1/day; at due (day 40) 4; reaches 5 on day 30.
        let site = try metricSite("target: 5\nstart: 2026-01-01\ndue: 2026-02-10", csv: downCSV)
        defer { site.remove() }
        let goal = try site.goal("g", asOf: "2026-01-21")
        #expect(abs(number(goal["forecast"])! - 4) < 1e-12)
        #expect(goal["forecast_date"] as? String == "2026-01-31")
        let twoPoints = try site.goal("g", asOf: "2026-01-11")
        #expect(number(twoPoints["forecast"]) == nil)
        #expect(twoPoints["forecast_date"] is NSNull)
        // Target 4.55 is crossed on day 34.5: the first whole day is day 35.
        let fraction = try metricSite("target: 4.55\nstart: 2026-01-01\ndue: 2026-02-10", csv: downCSV)
        defer { fraction.remove() }
        #expect(try fraction.goal("g", asOf: "2026-01-21")["forecast_date"] as? String == "2026-02-05")
        // Moving away: up goal, falling line.
        let away = try metricSite("target: 10\nstart: 2026-01-01\ndue: 2026-02-10", csv: downCSV)
        defer { away.remove() }
        let moving = try away.goal("g", asOf: "2026-01-31")
        #expect(moving["forecast_date"] is NSNull)
        #expect(number(moving["forecast"]) != nil)
        // A crossing before as-of is still given.
        let past = try metricSite(
            "target: 7.5\ndirection: down\nbaseline: 9\nstart: 2026-01-01\ndue: 2026-02-10", csv: downCSV)
        defer { past.remove() }
        #expect(try past.goal("g", asOf: "2026-01-31")["forecast_date"] as? String == "2026-01-06")
    }

    @Test("milestones: met, missed, null in the future or with no point by then; outside the span warned")
    func milestones() throws {
        let site = try metricSite(
            """
            target: 4
            start: 2026-01-05
            due: 2026-02-10
            milestones:
              - { date: 2026-01-25, target: 5.5 }
              - { date: 2026-01-12, target: 7 }
              - { date: 2026-02-05, target: 4.5 }
              - { date: 2026-03-01, target: 4 }
            """, csv: downCSV)
        defer { site.remove() }
        let result = site.run(asOf: "2026-01-31")
        #expect(
            result.messages.contains(
                "content/goals/g.md:11:13: warning: milestone 2026-03-01 is outside the goal's span (2026-01-05 to 2026-02-10): it is left out of the plan"
            ))
        let milestones = try site.goal("g", asOf: "2026-01-31")["milestones"] as! [[String: Any]]
        #expect(milestones.map { $0["date"] as! String } == ["2026-01-12", "2026-01-25", "2026-02-05", "2026-03-01"])
        #expect(milestones[0]["met"] as? Bool == true)  // 7 ≤ 7 on 01-11
        #expect(milestones[1]["met"] as? Bool == false)  // 6 > 5.5 on 01-21
        #expect(milestones[2]["met"] is NSNull)
        #expect(milestones[3]["met"] is NSNull)
    }

    @Test("two milestones on one date are an error")
    func duplicateMilestones() throws {
        let site = try metricSite(
            "target: 4\nstart: 2026-01-01\ndue: 2026-02-01\nmilestones:\n  - { date: 2026-01-10, target: 7 }\n  - { date: 2026-01-10, target: 6 }",
            csv: downCSV)
        defer { site.remove() }
        #expect(
            site.run().errorMessages == [
                "content/goals/g.md:9:13: error: two milestones on 2026-01-10: one date, one target"
            ])
    }

    @Test("only complete weeks feed current, baseline and the plan")
    func weeklyGoal() throws {
        let csv = "date,v\n2026-12-21,10\n2026-12-28,12\n2027-01-03,14\n2027-01-04,20\n2027-01-06,30\n"
        let site = try metricSite(
            "target: 20\nrollup: mean\nperiod: week\nstart: 2026-12-21\ndue: 2027-02-01", csv: csv)
        defer { site.remove() }
        let goal = try site.goal("g", asOf: "2027-01-06")
        #expect(number(goal["current"]) == 13)
        #expect(goal["current_date"] as? String == "2026-12-28")
        #expect(number(goal["baseline"]) == 10)
        #expect(try site.goal("g", asOf: "2027-01-10")["current_date"] as? String == "2027-01-04")
    }

    @Test("a task goal: done/total against the elapsed fraction")
    func taskGoal() throws {
        let site = try TestSite([
            "content/goals/t.md": goalFile(
                "title: Write articles\nstart: 2026-01-01\ndue: 2026-01-11\nmilestones:\n  - { date: 2026-01-05, target: 2 }",
                body:
                    "- [x] one\n- [X] two\n  - [ ] nested\n> - [ ] quoted\n\n1. [x] ordered\n- [x]no space\n- text [ ] later\n"
            )
        ])
        defer { site.remove() }
        let goal = try site.goal("t", asOf: "2026-01-06")
        #expect((goal["tasks"] as! [String: Any])["done"] as? Int == 3)
        #expect((goal["tasks"] as! [String: Any])["total"] as? Int == 5)
        #expect(number(goal["current"]) == 0.6)
        #expect(number(goal["expected"]) == 0.5)
        #expect(number(goal["baseline"]) == 0)
        #expect(number(goal["target"]) == 1)
        #expect(goal["direction"] as? String == "up")
        #expect(goal["current_date"] is NSNull)
        #expect(goal["status"] as? String == "on-track")
        #expect((goal["milestones"] as! [[String: Any]])[0]["met"] is NSNull)
        #expect(number(try site.goal("t", asOf: "2026-03-01")["expected"]) == 1)
    }

    @Test("a task goal with no tasks has no data; a metric goal ignores its tasks")
    func noTasks() throws {
        let site = try TestSite([
            "content/goals/t.md": goalFile("title: Nothing yet\nstart: 2026-01-01\ndue: 2026-01-11"),
            "content/goals/m.md": goalFile(
                "title: Metric\nmetric: m\ntarget: 5\nstart: 2026-01-01\ndue: 2026-01-11", body: "- [x] done\n"),
            "content/metrics/m.csv": "date,v\n",
        ])
        defer { site.remove() }
        #expect(try site.goal("t")["status"] as? String == "no-data")
        #expect(number(try site.goal("t")["current"]) == nil)
        #expect(try site.goal("m")["status"] as? String == "no-data")
    }

    @Test("stale when the last check-in on or before as-of is older than the cadence")
    func stale() throws {
        let body = "## 2026-01-10 First\n\ntext\n\n## 2026-01-20 — Later\n\n## 2026-02-01: Future\n"
        let site = try metricSite(
            "target: 4\nstart: 2026-01-01\ndue: 2026-02-28\nreview: Weekly", csv: downCSV, body: body)
        defer { site.remove() }
        #expect(try site.goal("g", asOf: "2026-01-27")["stale"] as? Bool == false)
        let late = try site.goal("g", asOf: "2026-01-28")
        #expect(late["stale"] as? Bool == true)
        #expect(late["last_checkin"] as? String == "2026-01-20")
        #expect((late["checkins"] as! [[String: Any]]).map { $0["title"] as! String } == ["First", "Later"])
        let none = try metricSite("target: 4\nstart: 2026-01-01\ndue: 2026-02-28\nreview: 3d", csv: downCSV)
        defer { none.remove() }
        #expect(try none.goal("g", asOf: "2026-01-04")["stale"] as? Bool == false)
        #expect(try none.goal("g", asOf: "2026-01-05")["stale"] as? Bool == true)
    }

    @Test("drafts are left out unless asked for; their children lose the parent with a warning")
    func drafts() throws {
        let site = try TestSite([
            "content/goals/parent.md": goalFile("title: Parent\nstate: draft\nstart: 2026-01-01\ndue: 2026-02-01"),
            "content/goals/child.md": goalFile("title: Child\nparent: parent\nstart: 2026-01-01\ndue: 2026-02-01"),
        ])
        defer { site.remove() }
        let goals = try site.goalsJSON()["goals"] as! [[String: Any]]
        #expect(goals.map { $0["slug"] as! String } == ["child"])
        #expect(goals[0]["parent"] is NSNull)
        #expect(site.run().messages.contains { $0.contains("warning: parent 'parent' is a draft") })
        #expect(try site.goal("parent", drafts: true)["status"] as? String == "draft")
        #expect(try site.goal("child", drafts: true)["parent"] as? String == "parent")
    }
}
