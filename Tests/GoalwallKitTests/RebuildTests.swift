import Foundation
import Testing

@testable import GoalwallKit

/// A fixed-seed random number generator (SplitMix64), so a failing sequence can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A small site as data, so random edits stay meaningful; written out file by file.
struct SiteModel {
    struct GoalModel {
        var file: String
        var title: String
        var team: String?
        var metric: String?
        var target: Double
        var parent: String?
        var state = "active"
        var checkIns: [String] = []
        var tasks: [Bool] = []
    }
    var settings = "title: Support goals\nas_of: 2026-03-02\nvision: Happy customers\nvalues: [Care]\n"
    var goals: [GoalModel] = []
    var metrics: [String: [(String, Double?)]] = [:]
    var pages: [String: String] = [:]
    var templates: [String: String] = [:]
    var statics: [String: String] = [:]

    static func goalText(_ g: GoalModel) -> String {
        var lines = ["title: \(g.title)", "start: 2026-01-05", "due: 2026-04-27", "review: weekly"]
        if let team = g.team { lines.append("team: \(team)") }
        if let metric = g.metric {
            lines += ["metric: \(metric).value", "target: \(g.target)", "unit: min", "direction: down", "period: week"]
        }
        if let parent = g.parent { lines.append("parent: \(parent)") }
        if g.state != "active" { lines.append("state: \(g.state)") }
        lines.append("milestones:\n  - { date: 2026-02-16, target: \(g.target + 1) }")
        var body = "Why this goal matters.\n\n"
        for task in g.tasks { body += "- [\(task ? "x" : " ")] a task\n" }
        for day in g.checkIns { body += "\n## \(day) Weekly review\nNotes.\n" }
        return goalFile(lines.joined(separator: "\n"), body: body)
    }

    /// Every file of the site, by path.
    var files: [String: String] {
        var files = ["goalwall.yml": settings]
        for g in goals { files["content/goals/\(g.file).md"] = Self.goalText(g) }
        for (name, rows) in metrics {
            files["content/metrics/\(name).csv"] =
                "date,value\n" + rows.map { "\($0.0),\($0.1.map { $0 == -999 ? "abc" : "\($0)" } ?? "")\n" }.joined()
        }
        for (name, text) in pages { files["content/pages/\(name).md"] = text }
        for (name, text) in templates { files["templates/\(name)"] = text }
        for (name, text) in statics { files["static/\(name)"] = text }
        return files
    }

    static func start() -> SiteModel {
        var model = SiteModel()
        var day = Day(iso: "2025-12-29")!
        for name in ["waits", "csat"] {
            var rows: [(String, Double?)] = []
            for i in 0..<60 {
                rows.append((day.adding(days: i).description, Double(10 - i / 10) + Double(i % 3) / 4))
            }
            model.metrics[name] = rows
        }
        day = Day(iso: "2026-01-12")!
        let teams = ["Support", "Ops", nil]
        for i in 0..<8 {
            model.goals.append(
                GoalModel(
                    file: "goal-\(i)", title: "Goal \(i)", team: teams[i % 3],
                    metric: i % 4 == 3 ? nil : ["waits", "csat"][i % 2],
                    target: Double(4 + i % 3), parent: i > 1 ? "goal-\(i % 2)" : nil,
                    checkIns: (0..<(i % 4)).map { day.adding(days: 7 * $0).description },
                    tasks: i % 4 == 3 ? [true, false] : []))
        }
        model.pages["how-we-work"] = "# How we work\n\nWe meet on Mondays.\n"
        return model
    }
}

@Suite("Rebuilds (goalwall serve)")
struct RebuildTests {
    /// One random change to the model; some leave the site broken for a while.
    static func change(_ model: inout SiteModel, _ rng: inout SeededGenerator, step: Int) -> String {
        // A broken CSV is fixed again soon: most steps should leave a site to compare.
        for name in ["waits", "csat"] {
            if let broken = model.metrics[name]!.firstIndex(where: { $0.1 == -999 }), Bool.random(using: &rng) {
                model.metrics[name]![broken].1 = 3
                return "fix \(name).csv"
            }
        }
        let pick = Int.random(in: 0..<17, using: &rng)
        let index = model.goals.isEmpty ? 0 : Int.random(in: 0..<model.goals.count, using: &rng)
        switch pick {
        case 0 where !model.goals.isEmpty:
            model.goals[index].target += Double(Int.random(in: -3...3, using: &rng)) / 2
            return "target of \(model.goals[index].file)"
        case 1 where !model.goals.isEmpty:
            model.goals[index].title = "Goal \(step) renamed"
            return "title of \(model.goals[index].file)"
        case 2 where !model.goals.isEmpty:
            model.goals[index].team = ["Support", "Ops", "Field", nil][Int.random(in: 0..<4, using: &rng)]
            return "team of \(model.goals[index].file)"
        case 3:
            let parent = model.goals.isEmpty ? nil : model.goals[index].file
            model.goals.append(
                .init(
                    file: "new-\(step)", title: "New \(step)", team: "Ops", metric: "waits", target: 5, parent: parent))
            return "add new-\(step)"
        case 4 where !model.goals.isEmpty:
            let gone = model.goals.remove(at: index)
            for i in model.goals.indices where model.goals[i].parent == gone.file { model.goals[i].parent = nil }
            return "delete \(gone.file)"
        case 5 where !model.goals.isEmpty:
            let old = model.goals[index].file
            model.goals[index].file = "renamed-\(step)"
            for i in model.goals.indices where model.goals[i].parent == old {
                model.goals[i].parent = "renamed-\(step)"
            }
            return "rename \(old) to renamed-\(step)"
        case 6:
            let name = ["waits", "csat"][Int.random(in: 0..<2, using: &rng)]
            let row = Int.random(in: 0..<model.metrics[name]!.count, using: &rng)
            model.metrics[name]![row].1 = Double(Int.random(in: 1...12, using: &rng))
            return "a value in \(name).csv"
        case 7:
            let name = ["waits", "csat"][Int.random(in: 0..<2, using: &rng)]
            let last = Day(iso: model.metrics[name]!.last!.0)!
            model.metrics[name]!.append((last.adding(days: 1).description, 3))
            return "a row for \(name).csv"
        case 8 where !model.goals.isEmpty:
            model.goals[index].checkIns.append("2026-02-\(10 + step % 18)")
            return "check-in for \(model.goals[index].file)"
        case 9:
            model.settings =
                model.settings.contains("tolerance")
                ? "title: Support goals\nas_of: 2026-03-\(String(format: "%02d", 1 + step % 28))\n"
                : model.settings + "tolerance: 0.2\nrotate_seconds: 20\n"
            return "goalwall.yml"
        case 10:
            if model.pages["news"] == nil {
                model.pages["news"] = "---\ntitle: News \(step)\n---\nFresh.\n"
                return "add a page"
            }
            model.pages["news"] = nil
            return "delete a page"
        case 11:
            if model.templates["card.mustache"] == nil {
                model.templates["card.mustache"] =
                    "<article class=\"card\"><a href=\"{{url}}\">{{title}}</a> {{current}}</article>\n"
                return "override card.mustache"
            }
            model.templates["card.mustache"] = nil
            return "drop the card override"
        case 12:
            switch Int.random(in: 0..<4, using: &rng) {
            case 0:
                model.statics["logo.txt"] = model.statics["logo.txt"] == nil ? "logo \(step)" : nil
                return "static file"
            case 1:
                // A file that becomes a folder, and back.
                if model.statics["extra"] != nil {
                    model.statics["extra"] = nil
                    model.statics["extra/inner.txt"] = "inner \(step)"
                } else {
                    model.statics["extra/inner.txt"] = nil
                    model.statics["extra"] = "extra \(step)"
                }
                return "static extra: file ⇄ folder"
            case 2:
                // Theme files that clash with generated ones are left out, with a warning.
                let name = ["index.html", "goals.json", "extra.css"][Int.random(in: 0..<3, using: &rng)]
                model.templates[name] = model.templates[name] == nil ? "/* \(step) */" : nil
                return "templates/\(name)"
            default:
                model.statics["goals"] = model.statics["goals"] == nil ? "not a folder" : nil
                return "static/goals as a file"
            }
        case 13 where !model.goals.isEmpty:
            model.goals[index].state = ["active", "draft", "dropped"][Int.random(in: 0..<3, using: &rng)]
            return "state of \(model.goals[index].file)"
        case 14 where !model.goals.isEmpty:
            // Often a cycle or itself (an error), until the next change of this parent.
            model.goals[index].parent = model.goals[Int.random(in: 0..<model.goals.count, using: &rng)].file
            if Bool.random(using: &rng) { model.goals[index].parent = nil }
            return "parent of \(model.goals[index].file)"
        case 15:
            let name = ["waits", "csat"][Int.random(in: 0..<2, using: &rng)]
            model.metrics[name]![5].1 = -999  // written as "abc" below
            return "break \(name).csv"
        default:
            let name = ["waits", "csat"][Int.random(in: 0..<2, using: &rng)]
            model.metrics[name]![0].1 = model.metrics[name]![0].1 == nil ? 9 : nil
            return "an empty cell in \(name).csv"
        }
    }

    /// The model written to a new site folder, and a rebuilder for it.
    static func written(_ model: SiteModel) throws -> (TestSite, Rebuilder) {
        let site = try TestSite([:])
        try sync(model, to: site, previous: [:])
        return (site, Rebuilder(options: site.options()))
    }

    /// Writes the model's files, touching only those that changed, and removing the rest.
    static func sync(_ model: SiteModel, to site: TestSite, previous: [String: String]) throws {
        let files = model.files
        for path in previous.keys where files[path] == nil {
            try FileManager.default.removeItem(at: site.root.appending(path: path))
            let folder = site.root.appending(path: path).deletingLastPathComponent()
            if (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
                try FileManager.default.removeItem(at: folder)
            }
        }
        for (path, text) in files where previous[path] != text { try site.write(path, text) }
    }

    @Test(
        "random edits, additions, deletions and renames rebuild to exactly what a clean build makes",
        arguments: [1, 2, 3, 4])
    func randomSequences(seed: UInt64) throws {
        var rng = SeededGenerator(state: seed)
        var model = SiteModel.start()
        let (site, rebuilder) = try Self.written(model)
        defer { site.remove() }
        let cleanOutput = site.root.deletingLastPathComponent().appending(path: site.root.lastPathComponent + "-clean")
        defer { try? FileManager.default.removeItem(at: cleanOutput) }
        var previous = model.files
        var history: [String] = []
        var compared = 0
        for step in 0..<40 {
            if step > 0 {
                history.append(Self.change(&model, &rng, step: step))
                try Self.sync(model, to: site, previous: previous)
                previous = model.files
            }
            let outcome = rebuilder.rebuild(today: Day(iso: "2026-03-02")!)
            var cleanOptions = site.options()
            cleanOptions.output = cleanOutput
            let clean = Build.buildAndWrite(cleanOptions, today: Day(iso: "2026-03-02")!)
            let context = "seed \(seed), after: \(history.joined(separator: "; "))"
            #expect(outcome.result.messages == clean.messages, "\(context)")
            guard clean.succeeded else { continue }
            #expect(outcome.result.succeeded, "\(context)")
            let expected = try contents(of: cleanOutput)
            let written = try contents(of: site.output)
            #expect(Set(written.keys) == Set(expected.keys), "\(context)")
            // The manifests list the same files; only `goalwall build`'s records the build.
            for (path, data) in expected where written[path] != data && path != OutputWriter.marker {
                Issue.record("\(path) differs from a clean build; \(context)")
            }
            let manifests = [written, expected].map {
                OutputManifest(text: String(decoding: $0[OutputWriter.marker] ?? Data(), as: UTF8.self))
            }
            #expect(manifests[0].entries == manifests[1].entries, "\(context)")
            #expect(manifests[0].record == nil)
            #expect(rebuilder.output.map { Set($0.keys) } == Set(expected.keys).subtracting([OutputWriter.marker]))
            compared += 1
        }
        #expect(compared >= 10, "too few steps left the site buildable to compare")
    }

    @Test("a rebuild with nothing changed writes nothing; one goal's edit rewrites only what shows it")
    func onlyWhatChanged() throws {
        var model = SiteModel.start()
        let (site, rebuilder) = try Self.written(model)
        defer { site.remove() }
        let first = rebuilder.rebuild(today: Day(iso: "2026-03-02")!)
        #expect(first.result.succeeded)
        #expect(first.changed.contains("goals/goal-5/index.html"))

        let goalPage = site.output.appending(path: "goals/goal-5/index.html").path
        let before = try FileManager.default.attributesOfItem(atPath: goalPage)
        let again = rebuilder.rebuild(today: Day(iso: "2026-03-02")!)
        #expect(again.changed.isEmpty && again.removed.isEmpty)
        let after = try FileManager.default.attributesOfItem(atPath: goalPage)
        #expect(before[.modificationDate] as? Date == after[.modificationDate] as? Date)
        #expect(before[.systemFileNumber] as? Int == after[.systemFileNumber] as? Int)

        let previous = model.files
        model.goals[6].target = 2.5  // goal-6 serves goal-0; it is on the Support team
        try Self.sync(model, to: site, previous: previous)
        let edited = rebuilder.rebuild(today: Day(iso: "2026-03-02")!)
        #expect(edited.result.succeeded)
        #expect(edited.changed.contains("goals/goal-6/index.html"))
        #expect(edited.changed.contains("goals.json"))
        #expect(edited.changed.contains("index.html"))
        #expect(!edited.changed.contains("goals/goal-5/index.html"))
        #expect(!edited.changed.contains("goals/goal-2/index.html"))
        #expect(!edited.changed.contains("style.css"))
        #expect(!edited.changed.contains("pages/how-we-work/index.html"))
    }

    @Test("a team that becomes a page of the same name changes every goal page's header")
    func teamBecomesPage() throws {
        var model = SiteModel.start()
        for i in model.goals.indices { model.goals[i].team = i == 0 ? "Support" : nil }
        model.pages = [:]
        let (site, rebuilder) = try Self.written(model)
        defer { site.remove() }
        #expect(rebuilder.rebuild(today: Day(iso: "2026-03-02")!).result.succeeded)
        let previous = model.files
        model.goals[0].team = nil
        model.pages = ["support": "---\ntitle: Support\n---\nHello.\n"]
        try Self.sync(model, to: site, previous: previous)
        let outcome = rebuilder.rebuild(today: Day(iso: "2026-03-02")!)
        #expect(outcome.result.succeeded)
        let page = String(decoding: rebuilder.output!["goals/goal-3/index.html"]!, as: UTF8.self)
        #expect(page.contains("pages/support/index.html"))
        #expect(!page.contains("teams/support/index.html"))
    }

    @Test("a broken edit writes nothing and keeps the last good output; fixing it builds again")
    func brokenEdit() throws {
        var model = SiteModel.start()
        let (site, rebuilder) = try Self.written(model)
        defer { site.remove() }
        #expect(rebuilder.rebuild(today: Day(iso: "2026-03-02")!).result.succeeded)
        let good = try contents(of: site.output)
        let last = rebuilder.output

        try site.write("content/metrics/waits.csv", "date,value\n2026-01-01,abc\n")
        let broken = rebuilder.rebuild(today: Day(iso: "2026-03-02")!)
        #expect(broken.result.errorMessages.contains { $0.hasPrefix("content/metrics/waits.csv:2:12: error:") })
        #expect(try contents(of: site.output) == good)
        #expect(rebuilder.output == last)

        let previous = model.files
        model.metrics["waits"]![41].1 = 1  // 2026-02-08, the last day of its week (rollup: last)
        try Self.sync(model, to: site, previous: previous.merging(["content/metrics/waits.csv": ""]) { _, b in b })
        let fixed = rebuilder.rebuild(today: Day(iso: "2026-03-02")!)
        #expect(fixed.result.succeeded)
        #expect(fixed.changed.contains("goals/goal-0/index.html"))
    }
}
