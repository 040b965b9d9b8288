import Foundation
import Testing

@_spi(Fuzzing) @testable import GoalwallKit

/// Every input a fuzz target under Fuzz/ crashed or hung on, kept in
/// Tests/Fixtures/fuzz-regressions/TARGET/ and fed through the same entry point as the
/// target: each must now give diagnostics (or nothing), not a crash.
@Suite("Fuzz findings")
struct FuzzRegressionTests {
    static let folder = sampleRoot.appending(path: "Tests/Fixtures/fuzz-regressions")

    /// (target, file name) for every kept finding.
    static let findings: [(String, String)] = {
        let files = FileManager.default
        let targets = (try? files.contentsOfDirectory(atPath: folder.path)) ?? []
        return targets.sorted().flatMap { target in
            let names = (try? files.contentsOfDirectory(atPath: folder.appending(path: target).path)) ?? []
            return names.filter { !$0.hasPrefix(".") }.sorted().map { (target, $0) }
        }
    }()

    @Test("the findings folder is read")
    func findingsExist() {
        #expect(!Self.findings.isEmpty)
    }

    @Test(
        "a row date's fraction has one to nine digits",
        arguments: [
            ("2026-01-05T09:03:15.1", 100_000_000), ("2026-01-05T09:03:15.123456789", 123_456_789),
            ("2026-01-05T09:03:15.1234567890", nil), ("2026-01-05T09:03:15.10231172839202422026", nil),
            ("2026-01-05T09:03:15.", nil),
        ] as [(String, Int?)])
    func fraction(text: String, nanoseconds: Int?) {
        #expect(Fuzzing.rowDate(text)?.nanoseconds == nanoseconds)
    }

    @Test("the seeds of the version-2 targets read as the contract says")
    func versionTwoSeeds() throws {
        let german = try [UInt8](
            Data(contentsOf: sampleRoot.appending(path: "Fuzz/corpus/dialects/german-semicolon-comma-dmy.csv")))
        let (rows, columns, diagnostics) = Fuzzing.readDialectCSV(german)
        #expect(rows > 20 && columns >= 3 && diagnostics.isEmpty, "\(diagnostics)")
        #expect(Fuzzing.duration("1:02:03").seconds == 3723)
        #expect(Fuzzing.duration("6:60").problem != nil)
        #expect(Fuzzing.duration("12") == (nil, nil))
        #expect(
            try Fuzzing.formula("100 * (promoters - detractors) / responses").get() == [
                "promoters", "detractors", "responses",
            ])
        #expect((try? Fuzzing.formula("2v").get()) == nil)
        // Overflow and division by zero give no value, never infinity.
        #expect(try Fuzzing.formula("1e308 * 1e308 + a / 0").get() == ["a"])
        // A labels file of another language reads; one full of mistakes keeps German.
        let portuguese = try [UInt8](Data(contentsOf: sampleRoot.appending(path: "Fuzz/corpus/labels/pt.yml")))
        let (sample, clean) = Fuzzing.readLabels(portuguese)
        #expect(clean.isEmpty, "\(clean)")
        #expect(sample.contains("2 de março de 2026") && sample.contains("−1 234 568"), "\(sample)")
        let mistakes = try [UInt8](Data(contentsOf: sampleRoot.appending(path: "Fuzz/corpus/labels/mistakes.yml")))
        let (stillGerman, found) = Fuzzing.readLabels(mistakes)
        #expect(found.filter { $0.severity == .error }.count >= 4, "\(found)")
        #expect(stillGerman.contains("2. März 2026"), "\(stillGerman)")
        #expect(stillGerman.contains("−1.234.568"), "\(stillGerman)")
    }

    @Test("YAML aliases that stay small read as before")
    func smallAliases() {
        let (settings, diagnostics) = Fuzzing.readSettings(
            Array("title: &t Goals\nvision: *t\nvalues: &v [a, b]\nsame: *v\n".utf8))
        #expect(settings?.vision == "Goals")
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
    }

    @Test("a fuzz finding now reads as diagnostics", arguments: findings)
    func finding(target: String, name: String) throws {
        let bytes = [UInt8](try Data(contentsOf: Self.folder.appending(path: "\(target)/\(name)")))
        let text = String(decoding: bytes, as: UTF8.self)
        switch target {
        case "csv":
            let (_, _, diagnostics) = Fuzzing.readMetricCSV(bytes)
            #expect(diagnostics.allSatisfy { $0.location.line >= 1 })
        case "goal":
            let (_, diagnostics) = Fuzzing.readGoal(bytes)
            if name.hasPrefix("alias-bomb") { #expect(diagnostics.contains { $0.message.contains("aliases expand") }) }
        case "settings":
            let (_, diagnostics) = Fuzzing.readSettings(bytes)
            if name.hasPrefix("alias-bomb") { #expect(diagnostics.contains { $0.message.contains("aliases expand") }) }
        case "dates":
            if let day = Day(iso: text) { #expect(day.description == text) }
            _ = Fuzzing.rowDate(text)
            _ = Fuzzing.rowDate(String(text.dropLast()))
            // Inside a CSV the same text is a bad date, reported at its cell.
            let (rows, _, diagnostics) = Fuzzing.readMetricCSV(Array("date,v\n\(text),1\n".utf8))
            #expect(rows == 1 || diagnostics.contains { $0.severity == .error })
        case "numbers":
            if let value = Fuzzing.decimal(text) { #expect(value.isFinite) }
        case "dialects":
            let (_, _, diagnostics) = Fuzzing.readDialectCSV(bytes)
            #expect(diagnostics.allSatisfy { $0.location.line >= 1 })
        case "durations":
            let (seconds, problem) = Fuzzing.duration(text)
            #expect(seconds.map(\.isFinite) ?? true)
            #expect(seconds == nil || problem == nil)
        case "formula":
            _ = Fuzzing.formula(text)
        case "mustache":
            if let (name, template) = Fuzzing.templateOverride(bytes) {
                let ours = Fuzzing.renderTheme(overrides: [name: template])
                let reference = Fuzzing.renderTheme(overrides: [name: template], swiftMustacheOnly: true)
                if ours.diagnostics.map(\.description) == reference.diagnostics.map(\.description) {
                    #expect(ours.files.map(\.text) == reference.files.map(\.text))
                }
            }
        case "labels":
            let (sample, diagnostics) = Fuzzing.readLabels(bytes)
            #expect(!sample.isEmpty && diagnostics.allSatisfy { $0.location.line >= 1 })
        case "site":
            let folder = temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let result = try Fuzzing.buildSite(bytes, in: folder)
            #expect(result.succeeded || result.files.isEmpty)
        default:
            Issue.record("unknown fuzz target folder '\(target)'")
        }
    }
}
