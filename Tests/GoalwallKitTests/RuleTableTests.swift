import Testing

@testable import GoalwallKit

/// The pure rules, one line per case: status, the plan, the forecast, slugs and number
/// formats. The site tests beside them show the same rules end to end.
@Suite("Pure rules, case by case")
struct RuleTableTests {
    static let start = Day(iso: "2026-01-01")!
    static let due = Day(iso: "2026-03-01")!

    /// (state, has a value, meets target, as-of, behind) → status (§5, first rule that applies).
    @Test(
        "§5 status, first rule that applies",
        arguments: [
            (GoalState.dropped, true, true, "2026-02-01", 0.5, Status.dropped),
            (.draft, false, false, "2026-02-01", nil, .draft),
            (.active, false, false, "2026-02-01", nil, .noData),
            (.active, true, true, "2026-04-01", 0.5, .achieved),  // achieved wins over missed
            (.active, true, false, "2026-04-01", -0.5, .missed),
            (.active, true, false, "2025-12-01", 0.5, .notStarted),
            (.active, true, false, "2026-02-01", -0.01, .onTrack),
            (.active, true, false, "2026-02-01", 0.0, .onTrack),
            (.active, true, false, "2026-02-01", 0.10, .atRisk),
            (.active, true, false, "2026-02-01", 0.1000001, .offTrack),
            (.active, true, false, "2026-02-01", nil, .offTrack),  // target = baseline with a direction
        ] as [(GoalState, Bool, Bool, String, Double?, Status)])
    func status(
        _ state: GoalState, _ hasValue: Bool, _ meets: Bool, _ asOf: String, _ behind: Double?, _ expected: Status
    ) {
        let status = Status.of(
            state: state, current: hasValue ? 1 : nil, meetsTarget: meets, asOf: Day(iso: asOf)!, start: Self.start,
            due: Self.due, behind: behind, tolerance: 0.10)
        #expect(status == expected)
    }

    /// A plan from 10 on 1 Jan through 6 on 31 Jan to 4 on 2 Mar.
    static let plan = Plan(
        start: start, baseline: 10, corners: [Point(date: Day(iso: "2026-01-31")!, value: 6)],
        due: Day(iso: "2026-03-02")!, target: 4)

    @Test(
        "§5 expected: baseline before start, straight lines through the milestones in the plan, target after due",
        arguments: [
            ("2025-12-01", 10.0), ("2026-01-01", 10), ("2026-01-16", 8), ("2026-01-31", 6), ("2026-02-15", 5),
            ("2026-03-02", 4), ("2026-06-01", 4),
        ])
    func expected(_ day: String, _ value: Double) {
        #expect(Self.plan.expected(on: Day(iso: day)!) == value)
    }

    static func points(_ values: [(String, Double)]) -> [Point] {
        values.map { Point(date: Day(iso: $0.0)!, value: $0.1) }
    }

    @Test(
        "§5 forecast: least squares through [start, as-of] at due; null under 3 points",
        arguments: [
            ([("2026-01-01", 10.0), ("2026-01-11", 9), ("2026-01-21", 8)], 4.1),  // one a day down: 10 − 59/10
            ([("2026-01-01", 10.0), ("2026-01-11", 10), ("2026-01-21", 10)], 10),
            ([("2025-12-01", 99.0), ("2026-01-11", 9), ("2026-01-21", 8)], nil),  // before start: two left
            ([("2026-01-01", 10.0), ("2026-01-11", 9)], nil),
        ] as [([(String, Double)], Double?)])
    func forecast(_ values: [(String, Double)], _ atDue: Double?) {
        let line = Forecast(points: Self.points(values), start: Self.start, asOf: Day(iso: "2026-02-01")!)
        if let atDue {
            #expect(abs((line?.value(on: Self.due) ?? .nan) - atDue) < 1e-9)
        } else {
            #expect(line == nil)
        }
    }

    @Test(
        "§9 forecast_date: the first whole day the line meets target; null when flat or moving away",
        arguments: [
            (4.0, Direction.down, "2026-03-02"),  // 10 − x/10 = 4 at x = 60
            (9.05, .down, "2026-01-11"),  // crossing at x = 9.5, rounded up
            (9.0, .down, "2026-01-11"),  // an exact crossing stays on its day
            (12, .up, nil),  // moving away
        ] as [(Double, Direction, String?)])
    func forecastDate(_ target: Double, _ direction: Direction, _ day: String?) {
        let line = Forecast(
            points: Self.points([("2026-01-01", 10), ("2026-01-11", 9), ("2026-01-21", 8)]), start: Self.start,
            asOf: Day(iso: "2026-02-01")!)!
        #expect(line.day(reaching: target, direction: direction) == day.flatMap { Day(iso: $0) })
    }

    @Test(
        "§9 slugs from names",
        arguments: [
            ("Cut Wait Time!", "cut-wait-time"), ("  --Hello__World--  ", "hello-world"),
            ("Ärger über Wartezeit", "rger-ber-wartezeit"),
            ("2026 Q1", "2026-q1"), ("!!!", ""), ("e\u{301}te\u{301}", "t"), ("Service Desk", "service-desk"),
        ])
    func slug(_ name: String, _ slug: String) {
        #expect(slugify(name) == slug)
    }

    @Test(
        "goalwall new keeps a title's letters in the file name, as ASCII",
        arguments: [
            ("Ärger über Wartezeit", "aerger-ueber-wartezeit"), ("Größere Straße", "groessere-strasse"),
            ("Café crème for everyone", "cafe-creme-for-everyone"), ("Łódź office", "lodz-office"),
            ("Øre og æble", "ore-og-aeble"), ("Привет мир", "privet-mir"), ("Cut Wait Time!", "cut-wait-time"),
            ("😀😀", ""),
        ])
    func fileSlug(_ title: String, _ slug: String) {
        #expect(Scaffold.fileSlug(title) == slug)
    }

    @Test(
        "§9 explicit slugs",
        arguments: [("cut-wait-time", true), ("Cut", false), ("a--b", false), ("-a", false), ("", false), ("ä", false)]
    )
    func explicitSlug(_ slug: String, _ valid: Bool) {
        #expect(isValidSlug(slug) == valid)
    }

    @Test(
        "numbers on the wall: fewer decimals as numbers grow, thousands grouped, a true minus",
        arguments: [
            (10324.0, "10,324"), (72.44, "72.4"), (4.9, "4.9"), (0.47, "0.47"), (0.005, "0.01"), (-3.5, "−3.5"),
            (-0.001, "0"), (100, "100"), (99.95, "100"), (1_234_567, "1,234,567"), (.infinity, "–"),
        ])
    func displayNumber(_ value: Double, _ text: String) {
        #expect(DisplayFormat.number(value) == text)
    }

    @Test(
        "values with units; ten million and more in short form",
        arguments: [
            (4.9, "min", "4.9 min"), (85, "%", "85%"), (12, nil, "12"), (26e11, "calls", "2.6T calls"),
            (12_500_000, "", "12.5M"),
        ] as [(Double, String?, String)])
    func displayValue(_ value: Double, _ unit: String?, _ text: String) {
        #expect(DisplayFormat.value(value, unit: unit) == text)
    }

    @Test(
        "chart ticks, percents and numbers in messages",
        arguments: [
            (DisplayFormat.compact(15_000), "15k"), (DisplayFormat.compact(2_500_000), "2.5M"),
            (DisplayFormat.compact(950), "950"), (DisplayFormat.percent(0.704), "70%"),
            (DisplayFormat.percent(nil), "–"),
            (DisplayFormat.plain(4), "4"), (DisplayFormat.plain(4.25), "4.25"), (DisplayFormat.plain(1e20), "1e+20"),
        ])
    func formats(_ text: String, _ expected: String) {
        #expect(text == expected)
    }
}
