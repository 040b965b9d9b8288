import Foundation
import Testing

@testable import GoalwallKit

/// Issue 14: the office TV — `kiosk:` settings, `kiosk: false`, screens, wins.
@Suite("Kiosk")
struct KioskTests {
    static func settings(_ yaml: String) -> (KioskSettings, [String]) {
        var diagnostics = Diagnostics()
        let settings = SiteSettings.read(yaml, path: "goalwall.yml", into: &diagnostics)
        return (settings.kiosk, diagnostics.all.map(\.description))
    }

    @Test("without a kiosk key the defaults are today's: six a screen, every goal, achieved shown, 14 days of wins")
    func defaults() {
        let (kiosk, messages) = Self.settings("title: X\n")
        #expect(messages.isEmpty)
        #expect(kiosk.goalsPerScreen == 6 && kiosk.secondsPerScreen == nil && kiosk.showAchieved)
        #expect(kiosk.teams.isEmpty && kiosk.tags.isEmpty && kiosk.winsDays == 14)
    }

    @Test("every kiosk key is read")
    func reads() {
        let (kiosk, messages) = Self.settings(
            """
            kiosk:
              goals_per_screen: 4
              seconds_per_screen: 45
              teams: [Support, service-desk]
              tags: [office]
              show_achieved: false
              wins_days: 7
            """)
        #expect(messages.isEmpty)
        #expect(kiosk.goalsPerScreen == 4 && kiosk.secondsPerScreen == 45 && !kiosk.showAchieved)
        #expect(kiosk.teams == ["Support", "service-desk"] && kiosk.tags == ["office"] && kiosk.winsDays == 7)
    }

    @Test(
        "a bad kiosk value is an error at its line and column",
        arguments: [
            ("kiosk: 3\n", "goalwall.yml:1:8: error: 'kiosk' must be a mapping"),
            ("kiosk:\n  goals_per_screen: 0\n", "goalwall.yml:2:21: error: 'goals_per_screen' must be from 1 to 6"),
            ("kiosk:\n  goals_per_screen: 9\n", "goalwall.yml:2:21: error: 'goals_per_screen' must be from 1 to 6"),
            (
                "kiosk:\n  goals_per_screen: two\n",
                "goalwall.yml:2:21: error: 'goals_per_screen' must be a whole number"
            ),
            ("kiosk:\n  seconds_per_screen: 2\n", "goalwall.yml:2:23: error: 'seconds_per_screen' must be at least 5"),
            ("kiosk:\n  show_achieved: yes\n", "goalwall.yml:2:18: error: 'show_achieved' must be true or false"),
            ("kiosk:\n  wins_days: 400\n", "goalwall.yml:2:14: error: 'wins_days' must be from 0"),
            ("kiosk:\n  teams: Support\n", "goalwall.yml:2:10: error: 'teams' must be a list"),
        ])
    func errors(yaml: String, message: String) {
        let (kiosk, messages) = Self.settings(yaml)
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix(message) == true, "\(messages)")
        #expect(kiosk.goalsPerScreen == 6, "the default stays")
    }

    @Test("an unknown kiosk key is a warning with a suggestion")
    func unknownKey() {
        let (_, messages) = Self.settings("kiosk:\n  goals_per_sreen: 3\n")
        #expect(
            messages == [
                "goalwall.yml:2:3: warning: unknown kiosk key 'goals_per_sreen': did you mean 'goals_per_screen'?"
            ])
    }

    @Test("a kiosk team no goal has is a warning with a suggestion")
    func unknownTeam() throws {
        let site = try TestSite([
            "goalwall.yml": "kiosk:\n  teams: [Suport]\n",
            "content/goals/a.md": goalFile("title: A\nowner: Ana\nteam: Support\nstart: 2026-01-01\ndue: 2026-04-01"),
        ])
        defer { site.remove() }
        let result = site.run()
        #expect(result.succeeded)
        #expect(
            result.messages == [
                "goalwall.yml:2:11: warning: kiosk: no goal has the team 'Suport': did you mean 'Support'?"
            ])
    }

    @Test("kiosk: false keeps a goal off the TV and nowhere else; a bad value is an error")
    func goalOffKiosk() throws {
        let site = try TestSite([
            "content/goals/a.md": goalFile("title: Team goal\nstart: 2026-01-01\ndue: 2026-04-01"),
            "content/goals/b.md": goalFile(
                "title: My development goal\nkiosk: false\nstart: 2026-01-01\ndue: 2026-04-01"),
        ])
        defer { site.remove() }
        let files = site.run().files
        func page(_ path: String) -> String { files.first { $0.path == path }?.text ?? "" }
        #expect(page("kiosk/index.html").contains("Team goal"))
        #expect(!page("kiosk/index.html").contains("My development goal"))
        #expect(page("index.html").contains("My development goal"))
        #expect(page("goals.json").contains("\"slug\": \"b\"") || page("goals.json").contains("\"slug\":\"b\""))
        try site.write("content/goals/b.md", goalFile("title: B\nkiosk: no\nstart: 2026-01-01\ndue: 2026-04-01"))
        #expect(
            site.run().errorMessages == [
                "content/goals/b.md:3:8: error: 'kiosk' must be true or false (false keeps the goal off the office TV)"
            ])
    }

    @Test("teams, tags and show_achieved choose the goals on the TV")
    func selection() throws {
        let site = try TestSite([
            "goalwall.yml": "kiosk:\n  teams: [support]\n  tags: [office]\n  show_achieved: false\n",
            "content/goals/a.md": goalFile(
                "title: Alpha\nteam: Support\ntags: [office]\nstart: 2026-01-01\ndue: 2026-04-01"),
            "content/goals/b.md": goalFile(
                "title: Bravo\nteam: Desk\ntags: [office]\nstart: 2026-01-01\ndue: 2026-04-01"),
            "content/goals/c.md": goalFile("title: Charlie\nteam: Support\nstart: 2026-01-01\ndue: 2026-04-01"),
            "content/goals/d.md": goalFile(
                "title: Delta\nteam: Support\ntags: [office]\nstart: 2026-01-01\ndue: 2026-04-01", body: "- [x] done\n"),
        ])
        defer { site.remove() }
        let kiosk = site.run().files.first { $0.path == "kiosk/index.html" }?.text ?? ""
        #expect(kiosk.contains("Alpha"))
        #expect(!kiosk.contains("Bravo") && !kiosk.contains("Charlie"))
        #expect(!kiosk.contains(">Delta<"), "achieved goals are left off")
    }

    @Test(
        "screens share the cards out evenly, as few as the setting allows",
        arguments: [
            (0, 6, [0]), (1, 6, [1]), (6, 6, [6]), (7, 6, [4, 3]), (8, 6, [4, 4]), (13, 6, [5, 4, 4]),
            (5, 2, [2, 2, 1]), (3, 1, [1, 1, 1]),
        ])
    func screenSizes(count: Int, perScreen: Int, sizes: [Int]) {
        #expect(KioskPlan.screenSizes(count, perScreen: perScreen) == sizes)
    }

    @Test(
        "fewer cards get a grid of fewer, larger cells",
        arguments: [(1, 1, 1), (2, 2, 1), (3, 3, 1), (4, 2, 2), (5, 3, 2), (6, 3, 2)])
    func grid(count: Int, columns: Int, rows: Int) {
        #expect(KioskPlan.grid(count) == (columns, rows))
    }

    @Test("seconds_per_screen sets the page turn; a single screen reloads at refresh_seconds")
    func seconds() throws {
        var files: [String: String] = ["goalwall.yml": "kiosk:\n  seconds_per_screen: 12\n  goals_per_screen: 1\n"]
        for n in 1...2 {
            files["content/goals/g\(n).md"] = goalFile("title: Goal \(n)\nstart: 2026-01-01\ndue: 2026-04-0\(n)")
        }
        let site = try TestSite(files)
        defer { site.remove() }
        var pages = site.run().files
        func page(_ path: String) -> String { pages.first { $0.path == path }?.text ?? "" }
        #expect(page("kiosk/index.html").contains("content=\"12; url=../kiosk/2/index.html\""))
        #expect(page("kiosk/index.html").contains("grid-1x1"))
        try site.write("goalwall.yml", "kiosk:\n  seconds_per_screen: 12\n")
        pages = site.run().files
        #expect(page("kiosk/index.html").contains("<meta http-equiv=\"refresh\" content=\"300\">"))
        #expect(page("kiosk/index.html").contains("grid-2x1"))
    }

    static func standing(_ site: TestSite, _ slug: String, asOf: String) throws -> Standing {
        let wall = try #require(site.run(asOf: asOf).wall)
        return try #require(wall.goals.first { $0.slug == slug })
    }

    @Test("wins: goals achieved and milestones met within the last N days, latest first, the same for one as-of")
    func wins() throws {
        let site = try TestSite([
            "content/metrics/m.csv":
                "date,v\n2026-01-01,10\n2026-01-15,12\n2026-02-01,15\n2026-02-10,21\n2026-02-20,22\n",
            "content/goals/up.md": goalFile(
                "title: Up\nmetric: m.v\ntarget: 20\nstart: 2026-01-01\ndue: 2026-06-01\n"
                    + "milestones:\n  - { date: 2026-02-01, target: 14 }\n  - { date: 2026-01-15, target: 13 }"),
        ])
        defer { site.remove() }
        let up = try Self.standing(site, "up", asOf: "2026-03-02")
        #expect(Win.achievedOn(up) == Day(iso: "2026-02-10"))
        func wins(_ asOf: String, days: Int) throws -> [String] {
            let s = try Self.standing(site, "up", asOf: asOf)
            return Win.recent([s], asOf: Day(iso: asOf)!, days: days).map { "\($0.kind) \($0.date)" }
        }
        #expect(try wins("2026-03-02", days: 28) == ["achieved 2026-02-10"])
        #expect(
            try wins("2026-03-02", days: 30) == ["achieved 2026-02-10", "milestone 2026-02-01"], "N days end on as-of")
        #expect(try wins("2026-03-02", days: 40) == ["achieved 2026-02-10", "milestone 2026-02-01"])
        #expect(try wins("2026-02-10", days: 1) == ["achieved 2026-02-10"])
        #expect(try wins("2026-02-09", days: 14) == ["milestone 2026-02-01"], "not achieved yet; 15 Jan missed")
        #expect(try wins("2026-03-02", days: 0).isEmpty)
        #expect(try wins("2026-03-02", days: 40) == wins("2026-03-02", days: 40))
    }

    @Test("the wins strip is on the kiosk and nowhere else")
    func winsStrip() throws {
        let site = try TestSite([
            "content/metrics/m.csv": "date,v\n2026-01-01,10\n2026-02-25,21\n",
            "content/goals/up.md": goalFile(
                "title: Up and away\nmetric: m.v\ntarget: 20\nstart: 2026-01-01\ndue: 2026-06-01"),
        ])
        defer { site.remove() }
        let files = site.run().files
        let kiosk = files.first { $0.path == "kiosk/index.html" }?.text ?? ""
        #expect(kiosk.contains("Wins · last 14 days"))
        #expect(kiosk.contains("Up and away <span class=\"what\">achieved <time datetime=\"2026-02-25\">25 Feb</time>"))
        #expect(files.first { $0.path == "index.html" }?.text?.contains("Wins ·") == false)
    }

    @Test("long titles are cut at a word on the kiosk")
    func shortened() {
        #expect(GoalCard.shortened("Short", to: 10) == "Short")
        #expect(GoalCard.shortened("Cut the wait time in half", to: 12) == "Cut the…")
        #expect(GoalCard.shortened("Wartezeitverkürzungsprogramm", to: 10) == "Wartezeit…")
    }
}
