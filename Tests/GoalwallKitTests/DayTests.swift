import Testing

@testable import GoalwallKit

@Suite("Calendar dates")
struct DayTests {
    @Test("YYYY-MM-DD round-trips", arguments: ["2026-01-05", "2024-02-29", "1970-01-01", "0001-01-01", "9999-12-31"])
    func roundTrip(_ text: String) throws {
        let day = try #require(Day(iso: text))
        #expect(day.description == text)
    }

    @Test(
        "impossible or malformed dates are rejected",
        arguments: [
            "2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-1-05", "26-01-05", "2026/01/05", "",
            "2026-01-05 ",
        ]
    )
    func rejected(_ text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test("ISO weeks start on Monday, also across a year boundary")
    func isoWeeks() throws {
        // ISO week 1 of 2027 starts on Monday 2027-01-04; 2027-01-03 is in the week of 2026-12-28.
        #expect(try #require(Day(iso: "2027-01-04")).startOfWeek.description == "2027-01-04")
        #expect(try #require(Day(iso: "2027-01-03")).startOfWeek.description == "2026-12-28")
        #expect(try #require(Day(iso: "2027-01-01")).weekday == 5)
        #expect(try #require(Day(iso: "2026-03-01")).weekday == 7)
    }

    @Test("months end on their last day")
    func months() throws {
        #expect(try #require(Day(iso: "2028-02-10")).endOfMonth.description == "2028-02-29")
        #expect(try #require(Day(iso: "2026-12-31")).startOfMonth.description == "2026-12-01")
    }

    @Test("date-times order by instant; their calendar date is the one written")
    func dateTimes() throws {
        let a = try #require(RowDate("2026-01-05T23:30:00-02:00"))  // 2026-01-06 01:30 UTC
        let b = try #require(RowDate("2026-01-06T00:30Z"))
        #expect(a.day.description == "2026-01-05")
        #expect(b.instant < a.instant)
        #expect(RowDate("2026-01-05T10:00:00.123456789+01:00") != nil)
        #expect(RowDate("2026-01-05") != nil)
    }

    @Test(
        "malformed date-times are rejected",
        arguments: [
            "2026-01-05T24:00", "2026-01-05T10:60", "2026-01-05T10", "2026-01-05 10:00", "2026-01-05T10:00:00.",
            "2026-01-05T10:00:00.1234567890", "2026-01-05T10:00+0100", "2026-01-05T10:00z", "2026-01-05T10:00:61",
        ])
    func badDateTimes(_ text: String) {
        #expect(RowDate(text) == nil)
    }
}
