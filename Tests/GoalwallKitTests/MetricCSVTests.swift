import Testing

@testable import GoalwallKit

@Suite("Metric CSV files (§4)")
struct MetricCSVTests {
    func read(_ text: String) -> (MetricTable, [String]) {
        let (table, diagnostics) = MetricTable.read(bytes: Array(text.utf8), name: "m", path: "content/metrics/m.csv")
        return (table, diagnostics.sorted.map(\.description))
    }

    func values(_ table: MetricTable, _ column: Int = 0) -> [Double?] {
        table.dates.indices.map { table.value(column: column, row: $0) }
    }

    @Test("a byte-order mark, CRLF, quotes and empty lines are read")
    func quoting() {
        let (table, errors) = read("\u{FEFF}date,\"a\",b\r\n2026-01-01,\"1.5\",\"2\"\r\n\r\n2026-01-02, 3 ,\n")
        #expect(errors.isEmpty)
        #expect(table.columns == ["a", "b"])
        #expect(values(table) == [1.5, 3])
        #expect(values(table, 1) == [2, nil])
    }

    @Test("quoted fields hold commas, doubled quotes and line breaks")
    func quotedContent() {
        let (table, errors) = read("date,\"a, \"\"x\"\"\nline\"\n2026-01-01,1\n")
        #expect(errors.isEmpty)
        #expect(table.columns == ["a, \"x\"\nline"])
    }

    @Test(
        "numbers: valid forms",
        arguments: [
            ("12", 12.0), ("-3.5", -3.5), (".5", 0.5), ("5.", 5.0), ("+1e3", 1000.0), ("2E-2", 0.02), ("  7  ", 7.0),
        ])
    func validNumbers(_ text: String, _ value: Double) {
        let (table, errors) = read("date,v\n2026-01-01,\(text)\n")
        #expect(errors.isEmpty)
        #expect(values(table) == [value])
    }

    @Test(
        "numbers: NaN, inf, hex, commas and values beyond Double's range are errors at their cell",
        arguments: ["NaN", "inf", "-Infinity", "0x10", "1,5", "1e309", "e5", ".", "1e", "--1"])
    func badNumbers(_ text: String) {
        let (_, errors) = read("date,v\n2026-01-01,\"\(text)\"\n")
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("content/metrics/m.csv:2:12: error: bad number") == true)
    }

    @Test("a cell of spaces is missing, not zero")
    func spaces() {
        let (table, errors) = read("date,v\n2026-01-01,   \n")
        #expect(errors.isEmpty)
        #expect(values(table) == [nil])
    }

    @Test("errors name line and column")
    func positions() {
        let (_, errors) = read("date,a,b\n2026-01-01,1,2\n2026-01-02,1\n2026-02-30,1,2\n,1,2\n2026-01-05,1,x\n")
        #expect(
            errors == [
                "content/metrics/m.csv:3:13: error: row has 2 cells, the header has 3",
                "content/metrics/m.csv:4:1: error: bad date '2026-02-30': expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS[.fraction]][Z|±HH:MM]",
                "content/metrics/m.csv:5:1: error: empty date cell",
                "content/metrics/m.csv:6:14: error: bad number 'x': expected a decimal like 12, -3.5, .5 or 1e3",
            ])
    }

    @Test("a row with too many cells is reported where the first extra cell starts")
    func tooMany() {
        let (_, errors) = read("date,v\n2026-01-01,1,22\n")
        #expect(errors == ["content/metrics/m.csv:2:14: error: row has 3 cells, the header has 2"])
    }

    @Test("an unterminated quote is an error where it opens")
    func unterminated() {
        let (_, errors) = read("date,v\n2026-01-01,1\n2026-01-02,\"3\n2026-01-03,4\n")
        #expect(
            errors == [
                "content/metrics/m.csv:3:12: error: unterminated quoted field: the quote opened here is never closed"
            ])
    }

    @Test("an empty file is an error at 1:1")
    func empty() {
        #expect(read("").1 == ["content/metrics/m.csv:1:1: error: empty file: a metric CSV needs a header row"])
        #expect(read("\u{FEFF}").1.first?.hasPrefix("content/metrics/m.csv:1:1: error:") == true)
    }

    @Test("duplicate and empty header names are errors; names are trimmed and case-sensitive")
    func headers() {
        let (table, errors) = read("date, a ,A,a,\n")
        #expect(table.columns == ["a", "A", "a", ""])
        #expect(
            errors == [
                "content/metrics/m.csv:1:12: error: duplicate column name 'a' in the header",
                "content/metrics/m.csv:1:14: error: empty column name in the header",
            ])
    }

    @Test("a value column may not repeat the date column's name; names compare exactly, scalar by scalar")
    func exactHeaders() {
        #expect(
            read("date,date\n").1 == ["content/metrics/m.csv:1:6: error: duplicate column name 'date' in the header"])
        let (table, errors) = read("date,caf\u{E9},cafe\u{301}\n")
        #expect(errors.isEmpty)
        #expect(table.column(named: "cafe\u{301}") == 1)
        #expect(table.column(named: "caf\u{E9}") == 0)
    }

    @Test("rows are sorted by instant, ties kept in file order")
    func sorting() {
        let (table, _) = read(
            "date,v\n2026-01-02,3\n2026-01-01T12:00+02:00,2\n2026-01-01,1\n2026-01-01T10:00Z,20\n2026-01-01T10:00:00Z,21\n"
        )
        #expect(values(table) == [1, 2, 20, 21, 3])
    }

    @Test("a column with a non-ASCII name reports columns in characters")
    func unicodeColumns() {
        let (_, errors) = read("date,wärme\n2026-01-01,x\n")
        #expect(errors.first?.hasPrefix("content/metrics/m.csv:2:12:") == true)
        let (_, header) = read("dätum,wärme,wärme\n")
        #expect(header.first?.hasPrefix("content/metrics/m.csv:1:13:") == true)
    }

    @Test("invalid UTF-8 is an error at its position")
    func invalidUTF8() {
        var bytes = Array("date,v\n2026-01-01,".utf8)
        bytes += [0xFF, 0x0A]
        let (_, diagnostics) = MetricTable.read(bytes: bytes, name: "m", path: "m.csv")
        #expect(diagnostics.sorted.map(\.description) == ["m.csv:2:12: error: not valid UTF-8"])
    }
}

@Suite("Metric series: rollup and periods (§4, §9)")
struct MetricSeriesTests {
    func series(_ csv: String, rollup: Rollup = .last, period: Period = .day, asOf: String) throws -> MetricSeries {
        let (table, _) = MetricTable.read(bytes: Array(csv.utf8), name: "m", path: "m.csv")
        return MetricSeries(table: table, column: 0, rollup: rollup, period: period, asOf: try #require(Day(iso: asOf)))
    }

    @Test(
        "each rollup turns a period's rows into one point",
        arguments: [(Rollup.last, 4.0), (.sum, 9.0), (.mean, 3.0), (.min, 2.0), (.max, 4.0), (.count, 3.0)])
    func rollups(_ rollup: Rollup, _ expected: Double) throws {
        let s = try series(
            "date,v\n2026-01-01,2\n2026-01-01,\n2026-01-01T08:00Z,3\n2026-01-01T09:00Z,4\n", rollup: rollup,
            asOf: "2026-01-05")
        #expect(s.points == [Point(date: Day(iso: "2026-01-01")!, value: expected)])
    }

    @Test("rows after as-of are dropped before anything else")
    func afterAsOf() throws {
        let s = try series("date,v\n2026-01-01,1\n2026-01-02,2\n2026-01-03,3\n", asOf: "2026-01-02")
        #expect(s.points.map(\.value) == [1, 2])
    }

    @Test("weeks are ISO weeks from Monday; only complete weeks count, across the 2027 boundary")
    func weeks() throws {
        let csv = "date,v\n2026-12-28,1\n2027-01-03,2\n2027-01-04,3\n2027-01-10,4\n2027-01-11,5\n"
        let s = try series(csv, rollup: .sum, period: .week, asOf: "2027-01-10")
        #expect(s.points.map(\.date.description) == ["2026-12-28", "2027-01-04"])
        #expect(s.points.map(\.value) == [3, 7])
        #expect(s.partial == nil)
        let partial = try series(csv, rollup: .sum, period: .week, asOf: "2027-01-09")
        #expect(partial.points.map(\.value) == [3])
        #expect(partial.partial == Point(date: Day(iso: "2027-01-04")!, value: 3))
    }

    @Test("months count once their last day is reached")
    func months() throws {
        let csv = "date,v\n2026-01-15,1\n2026-01-31,2\n2026-02-01,5\n"
        #expect(try series(csv, rollup: .mean, period: .month, asOf: "2026-01-31").points.map(\.value) == [1.5])
        #expect(try series(csv, rollup: .mean, period: .month, asOf: "2026-01-30").points.isEmpty)
        #expect(
            try series(csv, rollup: .mean, period: .month, asOf: "2026-02-27").points.map(\.date.description) == [
                "2026-01-01"
            ])
    }

    @Test("a mean of huge values stays in range; a sum beyond it is left out and named")
    func overflow() throws {
        let csv = "date,v\n2026-01-05,1.7e308\n2026-01-05,1.7e308\n2026-01-06,1e308\n"
        #expect(try series(csv, rollup: .mean, asOf: "2026-01-07").points.map(\.value) == [1.7e308, 1e308])
        let sum = try series(csv, rollup: .sum, asOf: "2026-01-07")
        #expect(sum.points.map(\.value) == [1e308])
        #expect(sum.overflows.map(\.description) == ["2026-01-05"])
    }

    @Test("a period with only empty cells has no point")
    func emptyPeriod() throws {
        let s = try series("date,v,w\n2026-01-01,,1\n2026-01-02,2,1\n", rollup: .count, asOf: "2026-01-05")
        #expect(s.points.map(\.date.description) == ["2026-01-02"])
    }
}
