import Foundation
import Testing

@testable import GoalwallKit

#if canImport(FoundationXML)
    import FoundationXML
#endif

let chartFixture = sampleRoot.appending(path: "Tests/Fixtures/chart-edges")

/// Every chart of a site, by name.
func charts(of root: URL) throws -> [(name: String, svg: String)] {
    let result = Build.run(BuildOptions(site: root), today: Day(iso: "2026-03-02")!)
    let wall = try #require(result.wall)
    var charts: [(String, String)] = []
    for s in wall.goals {
        let all: [(String, String?)] = [
            ("goal \(s.slug)", GoalChart(standing: s, asOf: wall.asOf).svg()),
            ("narrow goal \(s.slug)", GoalChart(standing: s, asOf: wall.asOf, layout: .narrow).svg()),
            ("bullet \(s.slug)", BulletGraph(standing: s, tolerance: wall.settings.tolerance).svg()),
            ("sparkline \(s.slug)", Sparkline(standing: s).svg()),
            ("tasks \(s.slug)", TaskBar(standing: s).svg()),
        ]
        charts += all.compactMap { name, svg in svg.map { (name, $0) } }
    }
    return charts
}

@Suite("Charts")
struct ChartTests {
    @Test(
        "nice ticks step by 1, 2 or 5 times a power of ten",
        arguments: [
            (0.0, 10.0, 0.0, 10.0, 2.0), (3.4, 4.25, 3.4, 4.4, 0.2), (-12.0, 10.0, -15.0, 10.0, 5.0),
            (5.0, 5.0, 4.4, 5.6, 0.2), (0.0, 0.0, -1.0, 1.0, 0.5), (1e12, 2.6e12, 1e12, 3e12, 5e11),
            (.nan, 1.0, 0.0, 1.0, 0.2),
        ])
    func niceTicks(low: Double, high: Double, tickLow: Double, tickHigh: Double, step: Double) {
        let ticks = NiceTicks(covering: low, high, count: 5)
        #expect(ticks.low == tickLow)
        #expect(ticks.high == tickHigh)
        #expect(abs(ticks.step - step) < step * 1e-9)
        #expect(ticks.values.first == tickLow)
        #expect(ticks.values.last.map { abs($0 - tickHigh) < step * 1e-6 } == true)
    }

    @Test(
        "date ticks adapt to the span",
        arguments: [
            ("2026-03-01", "2026-03-02", ["1 Mar", "2 Mar"]),
            ("2026-01-05", "2026-01-12", ["5 Jan", "6 Jan", "7 Jan", "8 Jan", "9 Jan", "10 Jan", "11 Jan", "12 Jan"]),
            ("2026-01-26", "2026-03-09", ["26 Jan", "2 Feb", "9 Feb", "16 Feb", "23 Feb", "2 Mar", "9 Mar"]),
            ("2026-01-01", "2026-12-31", ["Jan 2026", "Mar", "May", "Jul", "Sep", "Nov"]),
            (
                "2025-06-15", "2027-06-01",
                ["Q3 2025", "Q4 2025", "Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026", "Q1 2027", "Q2 2027"]
            ),
            ("2020-01-01", "2030-01-01", ["2020", "2022", "2024", "2026", "2028", "2030"]),
        ])
    func dateTicks(from: String, to: String, labels: [String]) {
        let ticks = DateTicks.ticks(from: Day(iso: from)!, to: Day(iso: to)!)
        #expect(ticks.map(\.label) == labels)
        #expect(ticks.allSatisfy { $0.day >= Day(iso: from)! && $0.day <= Day(iso: to)! })
    }

    @Test("coordinates print with one decimal, never NaN, infinity or -0")
    func coordinates() {
        #expect(SVG.n(1.25) == "1.3")
        #expect(SVG.n(-0.04) == "0")
        #expect(SVG.n(-2.5) == "-2.5")
        #expect(SVG.n(.nan) == "0")
        #expect(SVG.n(.infinity) == "0")
        #expect(SVG.n(100) == "100")
    }

    @Test("paths break into runs at gaps")
    func paths() {
        var svg = SVG()
        svg.path([[(0, 0), (1, 1)], [], [(3, 3)]], class: "actual")
        #expect(svg.body == "<path class=\"actual\" d=\"M0 0 L1 1 M3 3\"/>")
    }

    @Test("segments are clipped to the plot")
    func clipping() throws {
        let box = (x0: 0.0, y0: 0.0, x1: 10.0, y1: 10.0)
        let clipped = try #require(clip((5, 5), (20, 5), to: box))
        #expect(clipped.1 == (10, 5))
        #expect(clip((20, 20), (30, 30), to: box) == nil)
    }

    @Test("every edge-case chart is valid XML with its numbers in a sentence and every mark inside its box")
    func edgeCases() throws {
        let all = try charts(of: chartFixture)
        #expect(all.count >= 25)
        let number = try Regex(#"(?:x|y|x1|x2|y1|y2|cx|cy|width|height)="(-?[0-9.]+)""#)
        for (name, svg) in all {
            #expect(!svg.contains("NaN") && !svg.contains("nan") && !svg.contains("inf"), "\(name)")
            let parser = XMLParser(data: Data(svg.utf8))
            #expect(parser.parse(), "\(name) is not XML: \(String(describing: parser.parserError))")
            #expect(svg.contains("role=\"img\"") && svg.contains("<title id=") && svg.contains("<desc id="), "\(name)")
            let box = svg.firstMatch(of: try Regex(#"viewBox="0 0 ([0-9.]+) ([0-9.]+)""#))!
            let width = Double(box.output[1].substring!)!
            let height = Double(box.output[2].substring!)!
            for match in svg.matches(of: number) {
                let value = Double(match.output[1].substring!)!
                #expect(value >= -1 && value <= max(width, height) + 1, "\(name): \(match.output[0].substring!)")
            }
        }
    }

    @Test("charts say their numbers in words, escape text, and are byte-identical for the same numbers")
    func words() throws {
        let first = try charts(of: chartFixture)
        let second = try charts(of: chartFixture)
        #expect(first.map(\.svg) == second.map(\.svg))
        let tasks = try #require(first.first { $0.name == "tasks tasks" }?.svg)
        #expect(tasks.contains("A task goal &lt;with&gt; &amp; markup: 2 of 3 tasks done"))
        let negative = try #require(first.first { $0.name == "goal negative" }?.svg)
        #expect(
            negative.contains(
                "<desc id=\"chart-wide-negative-desc\">Negative values rising through zero: 4 on 2 Mar; target 10 by 30 Mar;"
            ))
        #expect(negative.contains(" M"), "the empty cell on 9 Feb breaks the line")
        let weekly = try #require(first.first { $0.name == "goal weekly-partial" }?.svg)
        #expect(weekly.contains("class=\"partial\""))
        let huge = try #require(first.first { $0.name == "goal huge" }?.svg)
        #expect(huge.contains(">2.5T<") || huge.contains(">3T<"))
    }

    @Test("the bullet graph draws a bar from zero, or a dot when zero is far off the scale")
    func bulletMeasure() throws {
        let all = try charts(of: chartFixture)
        let targetEdge = try #require(all.first { $0.name == "bullet target-edge" }?.svg)
        #expect(targetEdge.contains("<rect class=\"measure\""))
        let sample = try charts(of: sampleRoot)
        let csat = try #require(sample.first { $0.name == "bullet raise-csat" }?.svg)
        #expect(csat.contains("<circle class=\"measure\""))
    }

    @Test("milestones are marked met, missed, ahead or upcoming")
    func milestoneMarks() throws {
        let sample = try charts(of: sampleRoot)
        let wait = try #require(sample.first { $0.name == "goal cut-call-wait-time" }?.svg)
        #expect(wait.contains("class=\"milestone met\""))
        #expect(wait.contains("class=\"milestone missed\""))
        let edges = try charts(of: chartFixture)
        let flat = try #require(edges.first { $0.name == "goal flat" }?.svg)
        #expect(flat.contains("class=\"milestone missed\""))
        #expect(flat.contains("class=\"milestone upcoming\""))
    }
}
