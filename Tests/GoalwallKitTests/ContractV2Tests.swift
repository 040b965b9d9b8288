import Foundation
import Testing

@testable import GoalwallKit

/// §10 and §11, rule by rule: values, dialects and formulas as one-line tables, goal kinds
/// through small sites.
@Suite("Values of contract version 2 (§10 durations, §11 cells and dates)")
struct V2ValueTests {
    @Test(
        "§10 durations are seconds: M:SS or H:MM:SS, a sign, a fraction",
        arguments: [
            ("6:30", 390.0), ("1:02:03", 3723), ("-6:30", -390), ("+0:05", 5), ("75:30", 4530), ("6:30.5", 390.5),
            ("0:00", 0), ("100:00:00", 360_000),
        ])
    func duration(_ text: String, _ seconds: Double) {
        guard case .seconds(let value) = DurationText(text) else {
            Issue.record("\(text) is not a duration")
            return
        }
        #expect(value == seconds)
    }

    @Test(
        "§10 what is not a duration says why",
        arguments: [
            ("6:75", "seconds go from 00 to 59"), ("1:60:00", "minutes go from 00 to 59"),
            ("6:3", "a duration is M:SS or H:MM:SS, like 6:30 or 1:02:03"),
            ("6:30.", "a duration is M:SS or H:MM:SS, like 6:30 or 1:02:03"),
            ("1:2:3:4", "a duration is M:SS or H:MM:SS, like 6:30 or 1:02:03"),
            (":30", "a duration is M:SS or H:MM:SS, like 6:30 or 1:02:03"),
        ])
    func notDuration(_ text: String, _ why: String) {
        guard case .invalid(let reason) = DurationText(text) else {
            Issue.record("\(text) read as a duration")
            return
        }
        #expect(reason == why)
    }

    static let point: CSVDialect = CSVDialect()
    static let comma: CSVDialect = {
        var dialect = CSVDialect()
        dialect.decimal = .comma
        return dialect
    }()

    @Test(
        "§11 value cells under a dialect",
        arguments: [
            (point, "85%", CellValue.number(85)), (point, " 85 % ", .number(85)),
            (point, "1,234,567.5", .number(1_234_567.5)),
            (point, "1,234.", .number(1234)), (point, "-1,234", .number(-1234)), (point, "1e3", .number(1000)),
            (point, "N/A", .missing), (point, "–", .missing), (point, "null", .missing), (point, "6:31", .number(391)),
            (point, "6:30%", .number(390)), (comma, "1.234.567,5", .number(1_234_567.5)), (comma, "3,5", .number(3.5)),
            (comma, "1 234,5", .number(1234.5)), (comma, "1\u{A0}234", .number(1234)),
            (comma, "1\u{202F}234,25", .number(1234.25)),
            (comma, "-0,5", .number(-0.5)), (comma, "12%", .number(12)),
        ] as [(CSVDialect, String, CellValue)])
    func cell(_ dialect: CSVDialect, _ text: String, _ value: CellValue) {
        #expect(Cells(dialect: dialect).value(text) == value)
    }

    @Test(
        "§11 cells that are no number under their dialect",
        arguments: [
            (point, "1,23"), (point, "12,345,67"), (point, "1,234e3"), (comma, "3.5"), (comma, "1.23"), (point, "%"),
            (point, "abc"), (comma, "1,5,5"),
        ] as [(CSVDialect, String)])
    func badCell(_ dialect: CSVDialect, _ text: String) {
        guard case .bad = Cells(dialect: dialect).value(text) else {
            Issue.record("'\(text)' was read as \(Cells(dialect: dialect).value(text))")
            return
        }
    }

    @Test("§4 without a csv key: only §4 numbers and durations; 85% and N/A are errors")
    func plainCells() {
        let cells = Cells(dialect: nil)
        #expect(cells.value("12.5") == .number(12.5))
        #expect(cells.value("6:31") == .number(391))
        #expect(cells.value("   ") == .missing)
        #expect(cells.value("85%") == .bad("bad number '85%': expected a decimal like 12, -3.5, .5 or 1e3"))
        #expect(cells.value("N/A") == .bad("bad number 'N/A': expected a decimal like 12, -3.5, .5 or 1e3"))
        #expect(cells.value("6:75") == .bad("bad duration '6:75': seconds go from 00 to 59"))
    }

    @Test(
        "without dates: dmy, a spreadsheet's date is an error that says how to read it",
        arguments: [
            ("02.03.2026", true), ("3/2/2026 09:30", true), ("31/02/2026", true), ("2026/03/02", false),
            ("1.2/2026", false), ("tomorrow", false),
        ])
    func localDateHint(_ text: String, _ hinted: Bool) {
        guard case .failure(let failure) = Cells(dialect: nil).date(Substring(text)) else {
            Issue.record("\(text) read as a date")
            return
        }
        #expect(failure.reason.hasPrefix("expected YYYY-MM-DD"))
        #expect(failure.reason.contains("set dates: dmy (or mdy) under csv:") == hinted)
    }

    @Test(
        "§11 day-month dates, with an optional time",
        arguments: [
            (CSVDialect.DateOrder.dmy, "02.03.2026", "2026-03-02", 0), (.dmy, "2/3/2026", "2026-03-02", 0),
            (.mdy, "03/02/2026", "2026-03-02", 0), (.dmy, "02-03-2026 14:05", "2026-03-02", 50_700),
            (.dmy, "02.03.2026 9:05:30", "2026-03-02", 32_730), (.mdy, "2026-03-02", "2026-03-02", 0),
        ])
    func date(_ order: CSVDialect.DateOrder, _ text: String, _ day: String, _ seconds: Int) throws {
        var dialect = CSVDialect()
        dialect.dates = order
        let date = try Cells(dialect: dialect).date(Substring(text)).get()
        #expect(date.day == Day(iso: day))
        #expect(date.instant.seconds == date.day.daysSinceEpoch * 86_400 + seconds)
    }

    @Test(
        "§11 dates that are not",
        arguments: [
            ("31/02/2026", "no such date: February 2026 has 28 days (the dates are dmy: DD/MM/YYYY or DD.MM.YYYY)"),
            ("02/13/2026", "there is no month 13 (the dates are dmy: DD/MM/YYYY or DD.MM.YYYY)"),
            ("02/03-2026", "expected YYYY-MM-DD or DD/MM/YYYY or DD.MM.YYYY, optionally with a time like 14:05"),
            ("02.03.26", "expected YYYY-MM-DD or DD/MM/YYYY or DD.MM.YYYY, optionally with a time like 14:05"),
            ("02.03.2026  14:05", "expected YYYY-MM-DD or DD/MM/YYYY or DD.MM.YYYY, optionally with a time like 14:05"),
        ])
    func badDate(_ text: String, _ reason: String) {
        var dialect = CSVDialect()
        dialect.dates = .dmy
        guard case .failure(let failure) = Cells(dialect: dialect).date(Substring(text)) else {
            Issue.record("\(text) read as a date")
            return
        }
        #expect(failure.reason == reason)
    }

    @Test(
        "§11 globs: * within a folder, **/ any folders, ? one character",
        arguments: [
            ("exports/*.csv", "exports/calls.csv", true), ("exports/*.csv", "exports/2026/calls.csv", false),
            ("**/calls.csv", "calls.csv", true), ("**/calls.csv", "a/b/calls.csv", true),
            ("exports/**/*.csv", "exports/calls.csv", true), ("exports/**/*.csv", "exports/a/b.csv", true),
            ("?.csv", "a.csv", true), ("?.csv", "ab.csv", false), ("*.csv", "a/b.csv", false),
            ("Calls.csv", "calls.csv", false),
        ])
    func glob(_ pattern: String, _ path: String, _ matches: Bool) {
        #expect(Glob(pattern).matches(path) == matches)
    }

    @Test(
        "§11 delimiter auto: the most frequent of , ; tab in the header line, , on a tie",
        arguments: [
            ("date;a;b\n1;2;3\n", ";"), ("date\ta\n", "\t"), ("date,a;b\n", ","), ("\n\ndate;a\n", ";"),
            ("\"d;a;t;e\",a,b\n", ","), ("date\n", ","),
        ])
    func delimiter(_ text: String, _ expected: String) {
        #expect(CSVRecords.likelyDelimiter(in: Array(text.utf8)) == UInt8(ascii: Unicode.Scalar(expected)!))
    }

    @Test(
        "§10 formulas: precedence, unary minus, ratios; no value on division by zero or a missing column",
        arguments: [
            ("100 * a / b", 50.0), ("a - b - c", -32), ("a - -b", 72), ("-a * b", -1152), ("(a + b) * 2", 144),
            ("`first contact` / b", 0.25), ("2 * -(a - b)", 48), ("1e2 * a / b", 50), ("a/b/c", 0.0625),
        ])
    func formula(_ text: String, _ value: Double) throws {
        let values: [String: Double] = ["a": 24, "b": 48, "c": 8, "first contact": 12]
        let formula = try Formula.parse(text).get()
        let result = try #require(formula.value { values[$0] })
        #expect(abs(result - value) < 1e-12)
    }

    @Test("§10 formulas without a value")
    func formulaWithoutValue() throws {
        #expect(try Formula.parse("a / b").get().value { ["a": 1, "b": 0][$0] } == nil)
        #expect(try Formula.parse("a / b").get().value { ["a": 1][$0] } == nil)
        #expect(try Formula.parse("a * b * b").get().value { _ in 1e200 } == nil)
    }

    @Test(
        "§10 malformed formulas say what is wrong",
        arguments: [
            ("", "the formula is empty"), ("a +", "the formula ends where a value should come"),
            ("+a", "'+' where a number, a column or '(' should come"), ("(a", "a '(' is never closed"),
            ("a b", "unexpected column 'b' after a complete expression"),
            ("2a", "'2a' is neither a number nor a column name"),
            (
                "a % b",
                "'%' cannot be in a formula (numbers, column names, + - * / and parentheses; a name with other characters goes in backquotes)"
            ),
            ("`a", "a column name opened with ` is never closed"), ("1.2.3", "'1.2.3' is not a number"),
        ])
    func badFormula(_ text: String, _ message: String) {
        #expect(Formula.parse(text) == .failure(FormulaError(message)))
    }
}

@Suite("Goal kinds, targets and baselines of contract version 2 (§10)")
struct V2GoalTests {
    /// First response times, one a day (the 8th has no value).
    static let responses = """
        date,first_response
        2026-01-05,0:45:00
        2026-01-06,1:10:00
        2026-01-07,0:50:00
        2026-01-08,
        2026-01-09,0:59:59

        """

    func keepUnderAnHour(_ extra: String = "", start: String = "2026-01-05") throws -> TestSite {
        try TestSite([
            "content/metrics/support.csv": Self.responses,
            "content/goals/fast.md": goalFile(
                "title: Keep first response under 1 hour\nowner: Ana\nkind: maintain\nmetric: support.first_response\n"
                    + "target: \"1:00:00\"\ndirection: down\nformat: duration\nstart: \(start)\n" + extra),
        ])
    }

    @Test(
        "§10 maintain status, first rule that applies",
        arguments: [
            ("2026-01-04", "", "not-started", 0, 0),
            ("2026-01-09", "", "at-risk", 3, 4),  // the latest met, but 3 of 4 < hold 1
            ("2026-01-09", "hold: 0.75\n", "on-track", 3, 4),
            ("2026-01-06", "", "off-track", 1, 2),  // missed by 600 s > 0.10 × 3600
            ("2026-01-06", "tolerance: 0.2\n", "at-risk", 1, 2),  // 600 ≤ 0.2 × 3600
            ("2026-01-09", "due: 2026-01-07\n", "missed", 2, 3),
            ("2026-01-09", "due: 2026-01-07\nhold: 0.6\n", "achieved", 2, 3),
        ])
    func maintainStatus(_ asOf: String, _ extra: String, _ status: String, _ met: Int, _ judged: Int) throws {
        let site = try keepUnderAnHour(extra)
        defer { site.remove() }
        let goal = try site.goal("fast", asOf: asOf)
        #expect(goal["status"] as? String == status)
        #expect(goal["kind"] as? String == "maintain")
        let record = try #require(goal["record"] as? [String: Any])
        #expect(record["met"] as? Int == met)
        #expect(record["judged"] as? Int == judged)
        for key in ["baseline", "expected", "forecast", "forecast_date"] { #expect(goal[key] is NSNull, "\(key)") }
        #expect((goal["milestones"] as? [Any])?.isEmpty == true)
    }

    @Test("§10 maintain figures: progress met/judged, current the latest judged period, target in seconds")
    func maintainFigures() throws {
        let site = try keepUnderAnHour()
        defer { site.remove() }
        let goal = try site.goal("fast", asOf: "2026-01-09")
        #expect(number(goal["progress"]) == 0.75)
        #expect(number(goal["current"]) == 3599)
        #expect(goal["current_date"] as? String == "2026-01-09")
        #expect(number(goal["target"]) == 3600)
        #expect(goal["direction"] as? String == "down")
        #expect(goal["due"] is NSNull)
    }

    @Test("§10 a start with no value yet is no data")
    func maintainNoData() throws {
        let site = try keepUnderAnHour(start: "2026-01-08")
        defer { site.remove() }
        let goal = try site.goal("fast", asOf: "2026-01-08")
        #expect(goal["status"] as? String == "no-data")
        #expect(goal["progress"] is NSNull)
        #expect(goal["current"] is NSNull)
    }

    @Test("§10 a weekly quota counts a week without a row as 0: one article a rep a week")
    func weeklyQuota() throws {
        let site = try TestSite([
            "content/metrics/kb.csv": "date,article\n2026-01-06,1\n2026-01-08,1\n2026-01-21,1\n",
            "content/goals/kb.md": goalFile(
                "title: Each rep writes one knowledge-base article a week\nowner: Ana\nkind: maintain\nmetric: kb.article\n"
                    + "period: week\nrollup: count\ntarget: 1\ndirection: up\nstart: 2026-01-05"),
        ])
        defer { site.remove() }
        let sunday = try site.goal("kb", asOf: "2026-01-25")
        #expect(sunday["status"] as? String == "at-risk")
        #expect((sunday["record"] as? [String: Any])?["judged"] as? Int == 3)
        #expect((sunday["record"] as? [String: Any])?["met"] as? Int == 2)
        #expect(number(sunday["current"]) == 1)
        #expect(sunday["current_date"] as? String == "2026-01-19")
        // On Saturday the third week is not complete: the latest judged is the empty second.
        let saturday = try site.goal("kb", asOf: "2026-01-24")
        #expect(saturday["status"] as? String == "off-track")
        #expect(number(saturday["current"]) == 0)
        #expect(saturday["current_date"] as? String == "2026-01-12")
    }

    @Test("§10 a week that starts before start is not judged")
    func firstWeek() throws {
        let site = try TestSite([
            "content/metrics/kb.csv": "date,article\n2026-01-06,1\n2026-01-13,1\n",
            "content/goals/kb.md": goalFile(
                "title: One article a week\nowner: Ana\nkind: maintain\nmetric: kb.article\nperiod: week\n"
                    + "rollup: count\ntarget: 1\ndirection: up\nstart: 2026-01-06"),
        ])
        defer { site.remove() }
        let goal = try site.goal("kb", asOf: "2026-01-18")
        #expect((goal["record"] as? [String: Any])?["judged"] as? Int == 1)
        #expect(goal["current_date"] as? String == "2026-01-12")
    }

    static let waits = "date,wait\n2025-10-06,9\n2025-11-03,8\n2025-12-01,7\n2026-01-05,8\n2026-01-12,6\n2026-01-19,5\n"

    func waitGoal(_ lines: String) throws -> TestSite {
        try TestSite([
            "content/metrics/calls.csv": Self.waits,
            "content/goals/wait.md": goalFile(
                "title: Cut the wait\nowner: Mark\nmetric: calls.wait\nstart: 2026-01-05\ndue: 2026-02-16\n" + lines),
        ])
    }

    @Test("§10 a relative target: -50% of the baseline of 8 is 4; milestones too")
    func relativeTarget() throws {
        let site = try waitGoal("target: -50%\nmilestones:\n  - { date: 2026-01-26, target: \"-25%\" }")
        defer { site.remove() }
        let goal = try site.goal("wait", asOf: "2026-01-25")
        #expect(number(goal["baseline"]) == 8)
        #expect(number(goal["target"]) == 4)
        #expect(goal["direction"] as? String == "down")
        #expect(number((goal["milestones"] as? [[String: Any]])?.first?["target"]) == 6)
    }

    @Test("§10 a baseline over a window is the mean of its points; a relative target scales it")
    func windowBaseline() throws {
        let site = try waitGoal("baseline: { from: 2025-10-01, to: 2025-12-31 }\ntarget: \"+25%\"")
        defer { site.remove() }
        let goal = try site.goal("wait", asOf: "2026-01-25")
        #expect(number(goal["baseline"]) == 8)
        #expect(number(goal["target"]) == 10)
        #expect(goal["direction"] as? String == "up")
    }

    @Test("§10 a window with no point: baseline null, no data; an absolute target stays, a relative one is null")
    func emptyWindow() throws {
        let site = try waitGoal("baseline: { from: 2024-01-01, to: 2024-12-31 }\ntarget: 4")
        defer { site.remove() }
        let goal = try site.goal("wait", asOf: "2026-01-25")
        #expect(goal["status"] as? String == "no-data")
        #expect(goal["baseline"] is NSNull)
        #expect(number(goal["target"]) == 4)
        #expect(number(goal["current"]) == 5)
        for key in ["expected", "progress", "forecast", "forecast_date"] { #expect(goal[key] is NSNull, "\(key)") }
        let relative = try waitGoal("baseline: { from: 2024-01-01, to: 2024-12-31 }\ntarget: -50%")
        defer { relative.remove() }
        #expect(try relative.goal("wait", asOf: "2026-01-25")["target"] is NSNull)
    }

    @Test(
        "§10 errors in targets and windows, at their line",
        arguments: [
            (
                "target: 80%",
                "content/goals/wait.md:7:9: error: 'target' 80% has no sign: write 80 for the value itself, or +80% (or -80%) for a change from the baseline"
            ),
            (
                "target: +0%",
                "content/goals/wait.md:7:1: error: target 8 equals the baseline: set 'direction' (up or down) to say which side to stay on"
            ),
            (
                "target: \"6:75\"",
                "content/goals/wait.md:7:9: error: 'target' 6:75 is no duration: seconds go from 00 to 59"
            ),
            (
                "target: 4\nbaseline: { from: 2025-12-31, to: 2025-10-01 }",
                "content/goals/wait.md:8:35: error: the baseline window ends (2025-10-01) before it starts (2025-12-31)"
            ),
            (
                "target: 4\nbaseline: { from: 2025-12-31 }",
                "content/goals/wait.md:8:11: error: a baseline window needs 'to': baseline: { from: 2025-10-01, to: 2025-12-31 }"
            ),
        ])
    func targetErrors(_ lines: String, _ error: String) throws {
        let site = try waitGoal(lines)
        defer { site.remove() }
        #expect(site.run(asOf: "2026-01-25").errorMessages == [error])
    }

    @Test("§10 what a maintain goal needs, and what it may not have")
    func maintainKeys() throws {
        let site = try TestSite([
            "content/metrics/calls.csv": Self.waits,
            "content/goals/keep.md": goalFile(
                "title: Keep the wait down\nowner: Mark\nkind: maintain\nmetric: calls.wait\nstart: 2026-01-05\n"
                    + "baseline: 8\nmilestones:\n  - { date: 2026-01-26, target: 5 }"),
            "content/goals/reach.md": goalFile(
                "title: Cut the wait\nowner: Mark\nmetric: calls.wait\ntarget: 4\nhold: 0.8\nstart: 2026-01-05\ndue: 2026-02-16"
            ),
        ])
        defer { site.remove() }
        #expect(
            site.run(asOf: "2026-01-25").messages == [
                "content/goals/keep.md:1:1: error: missing required key 'direction'",
                "content/goals/keep.md:5:1: error: missing 'target': a maintain goal needs the value to stay on the right side of",
                "content/goals/keep.md:7:1: error: a maintain goal has no baseline: it keeps its metric on the right side of target; remove it",
                "content/goals/keep.md:8:1: error: a maintain goal has no milestones: it is judged in every period; remove them",
                "content/goals/reach.md:6:1: warning: 'hold' is for maintain goals (the share of periods that must meet target): ignored",
            ])
    }

    @Test("§10 a computed metric: a ratio of sums per period, not a sum of ratios; F: EXPR in goals.json")
    func formula() throws {
        let site = try TestSite([
            "content/metrics/desk.csv":
                "date,resolved_first,resolved\n2026-01-05,10,20\n2026-01-06,5,5\n2026-01-12,3,0\n2026-01-13,0,0\n",
            "content/goals/fcr.md": goalFile(
                "title: Resolve more on first contact\nowner: Ana\n"
                    + "metric: { file: desk, formula: \"100 * resolved_first / resolved\", label: First-contact resolution }\n"
                    + "period: week\nrollup: sum\ntarget: 80\nstart: 2026-01-05\ndue: 2026-03-30"),
        ])
        defer { site.remove() }
        let goal = try site.goal("fcr", asOf: "2026-01-25")
        #expect(number(goal["current"]) == 60)
        #expect(goal["current_date"] as? String == "2026-01-05")  // the week of 12 Jan divides by zero
        #expect(goal["metric"] as? String == "desk: 100 * resolved_first / resolved")
    }

    @Test("§10 a formula with an unknown column is an error at the metric line, with a suggestion")
    func formulaErrors() throws {
        let site = try TestSite([
            "content/metrics/desk.csv": "date,resolved_first,resolved\n2026-01-05,10,20\n",
            "content/goals/fcr.md": goalFile(
                "title: First contact\nowner: Ana\nmetric:\n  file: desk\n  formula: 100 * resolved_frist / resolved\n"
                    + "target: 80\nstart: 2026-01-05\ndue: 2026-03-30"),
            "content/goals/both.md": goalFile(
                "title: Both\nowner: Ana\nmetric: { file: desk, column: resolved, formula: resolved }\n"
                    + "target: 80\nstart: 2026-01-05\ndue: 2026-03-30"),
        ])
        defer { site.remove() }
        #expect(
            site.run().errorMessages == [
                "content/goals/both.md:4:1: error: 'metric' has both 'column' and 'formula': give one",
                "content/goals/fcr.md:4:1: error: formula: content/metrics/desk.csv has no column 'resolved_frist': did you mean 'resolved_first'?",
            ])
    }
}

@Suite("CSV dialects under goalwall.yml's csv key (§11)")
struct V2DialectTests {
    @Test("a German Excel export: ; between cells, 1.234,5, 02.03.2026, durations, N/A")
    func germanExport() throws {
        let site = try TestSite([
            "goalwall.yml":
                "as_of: 2026-03-05\ncsv:\n  files:\n    - { match: \"exports/*.csv\", delimiter: \";\", decimal: \",\", dates: dmy }\n",
            "content/metrics/exports/calls.csv":
                "Datum;Anrufe;AHT\n02.03.2026;1.234;6:31\n03.03.2026;1.300,5;N/A\n04.03.2026;\"1 250,25\";6:45\n",
            "content/metrics/plain.csv": "date,v\n2026-03-02,1.5\n",
            "content/goals/calls.md": goalFile(
                "title: Calls answered\nowner: Ana\nmetric: exports/calls.Anrufe\ntarget: 1500\nstart: 2026-03-02\ndue: 2026-04-01"
            ),
            "content/goals/aht.md": goalFile(
                "title: Handle time\nowner: Ana\nmetric: exports/calls.AHT\nformat: duration\ntarget: \"6:00\"\nstart: 2026-03-02\ndue: 2026-04-01"
            ),
        ])
        defer { site.remove() }
        let calls = try site.goal("calls")
        #expect(number(calls["baseline"]) == 1234)
        #expect(number(calls["current"]) == 1250.25)
        let aht = try site.goal("aht")
        #expect(number(aht["baseline"]) == 391)
        #expect(number(aht["current"]) == 405)
        #expect(number(aht["target"]) == 360)
    }

    @Test("delimiter: auto finds ; in the header line")
    func autoDelimiter() throws {
        let site = try TestSite([
            "goalwall.yml": "as_of: 2026-03-05\ncsv: {}\n",
            "content/metrics/m.csv": "date;v\n2026-03-02;85%\n2026-03-03;1,234.5\n",
            "content/goals/g.md": goalFile(
                "title: G\nowner: A\nmetric: m.v\ntarget: 2000\nstart: 2026-03-02\ndue: 2026-04-01"),
        ])
        defer { site.remove() }
        let goal = try site.goal("g")
        #expect(number(goal["baseline"]) == 85)
        #expect(number(goal["current"]) == 1234.5)
    }

    @Test("an unknown key or value under csv, or an entry without match, is an error at its line")
    func settingsErrors() throws {
        let site = try TestSite([
            "goalwall.yml":
                "csv:\n  delimeter: \";\"\n  decimal: \"·\"\n  files:\n    - { delimiter: \";\" }\n    - { match: \"*.csv\", dates: ymd }\n"
        ])
        defer { site.remove() }
        #expect(
            site.run().errorMessages == [
                "goalwall.yml:2:3: error: unknown csv key 'delimeter': did you mean 'delimiter'?",
                "goalwall.yml:3:12: error: 'decimal' must be \".\" or \",\"",
                "goalwall.yml:5:7: error: a 'files' entry needs 'match': the files it applies to, like \"exports/*.csv\"",
                "goalwall.yml:6:32: error: 'dates' must be iso, dmy or mdy",
            ])
    }

    @Test("without a csv key, §4 holds exactly: 85% and N/A are errors, durations are seconds")
    func noDialect() throws {
        let site = try TestSite(["content/metrics/m.csv": "date,v,w\n2026-03-02,85%,6:30\n2026-03-03,N/A,1:02:03\n"])
        defer { site.remove() }
        #expect(
            site.run().errorMessages == [
                "content/metrics/m.csv:2:12: error: bad number '85%': expected a decimal like 12, -3.5, .5 or 1e3",
                "content/metrics/m.csv:3:12: error: bad number 'N/A': expected a decimal like 12, -3.5, .5 or 1e3",
            ])
    }
}
