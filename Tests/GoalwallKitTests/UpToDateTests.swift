import Foundation
import Testing

@testable import GoalwallKit

/// `goalwall build` into an output folder that already holds this very build does nothing
/// but report it; any change to goalwall's inputs, options or output folder builds again.
@Suite("A build whose output is already there")
struct UpToDateTests {
    /// Two goals (one without an owner: a warning), a draft, two CSVs (one unused), a
    /// template of the site's own and a static file.
    func makeSite() throws -> TestSite {
        try TestSite([
            "goalwall.yml": "title: Up to date\n",
            "content/goals/a.md": goalFile(
                "title: A\nowner: Ana\nteam: T\nmetric: m.v\ntarget: 4\nstart: 2026-01-01\ndue: 2026-04-01",
                body: "Why.\n\n## 2026-01-20 Check-in\nNotes.\n"),
            "content/goals/b.md": goalFile(
                "title: B\nteam: T\nmetric: m.w\ntarget: 9\nstart: 2026-01-01\ndue: 2026-04-01"),
            "content/goals/c.md": goalFile(
                "title: C\nowner: Ana\nstate: draft\nmetric: m.v\ntarget: 2\nstart: 2026-01-01\ndue: 2026-04-01"),
            "content/metrics/m.csv": "date,v,w\n2026-01-01,8,3\n2026-02-01,6,5\n2026-02-25,5,6\n",
            "content/metrics/unused.csv": "date,x\n2026-01-01,1\n",
            "templates/footer.mustache": Theme.builtinFiles["footer.mustache"]! + "<!-- ours -->\n",
            "static/logo.txt": "logo",
        ])
    }

    struct Options {
        var asOf = "2026-03-01"
        var drafts = false
    }

    func build(_ site: TestSite, _ options: Options = Options(), into output: URL? = nil) -> BuildResult {
        var build = site.options(asOf: options.asOf)
        build.includeDrafts = options.drafts
        if let output { build.output = output }
        return Build.buildAndWrite(build, today: Day(iso: "2026-03-02")!)
    }

    /// What a build into a new folder writes.
    func cleanBuild(_ site: TestSite, _ options: Options) throws -> [String: Data] {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(build(site, options, into: folder).upToDate == nil)
        return try contents(of: folder)
    }

    /// Each output file's inode and modification time.
    func stamps(_ folder: URL) throws -> [String: String] {
        var found: [String: String] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder.appending(path: path).path)
            found[path] = "\(attributes[.systemFileNumber]!) \(attributes[.modificationDate]!)"
        }
        return found
    }

    @Test("an unchanged site is not built again: same summary, same warnings, no file touched")
    func unchanged() throws {
        let site = try makeSite()
        defer { site.remove() }
        let first = build(site)
        #expect(first.succeeded)
        #expect(first.upToDate == nil)
        #expect(first.diagnostics.contains { $0.severity == .warning && $0.message.contains("no owner") })
        let before = try stamps(site.output)
        let second = build(site)
        #expect(second.upToDate == first.summary)
        #expect(second.summary == first.summary)
        #expect(second.diagnostics == first.diagnostics)
        #expect(second.files.isEmpty && second.wall == nil)
        #expect(try stamps(site.output) == before)
        #expect(try contents(of: site.output) == cleanBuild(site, Options()))
    }

    enum Change: String, CaseIterable, CustomTestStringConvertible {
        case editGoal, addCSV, removeCSV, editTemplate, addTemplate, editStatic, editSettings, asOf, drafts
        case deleteOutputFile, editOutputFile, touchOutputFile, addOutputFile, addOutputFolder, manifestFormat1
        var testDescription: String { rawValue }
    }

    @Test(
        "any change to an input, an option or the output folder builds again, as a clean build would",
        arguments: Change.allCases)
    func changes(_ change: Change) throws {
        let site = try makeSite()
        defer { site.remove() }
        #expect(build(site).succeeded)
        #expect(build(site).upToDate != nil)
        var options = Options()
        let output = site.output
        switch change {
        case .editGoal:
            try site.write(
                "content/goals/a.md",
                goalFile("title: A2\nowner: Ana\nteam: T\nmetric: m.v\ntarget: 4\nstart: 2026-01-01\ndue: 2026-04-01"))
        case .addCSV: try site.write("content/metrics/more.csv", "date,y\n2026-01-01,1\n")
        case .removeCSV: try FileManager.default.removeItem(at: site.root.appending(path: "content/metrics/unused.csv"))
        case .editTemplate:
            try site.write("templates/footer.mustache", Theme.builtinFiles["footer.mustache"]! + "<!-- changed -->\n")
        case .addTemplate: try site.write("templates/style.css", Theme.builtinFiles["style.css"]! + "/* ours */\n")
        case .editStatic: try site.write("static/logo.txt", "LOGO")
        case .editSettings: try site.write("goalwall.yml", "title: Up to date, again\n")
        case .asOf: options.asOf = "2026-02-20"
        case .drafts: options.drafts = true
        case .deleteOutputFile: try FileManager.default.removeItem(at: output.appending(path: "goals/a/index.html"))
        case .editOutputFile: try site.write("public/goals/a/index.html", "edited")
        case .touchOutputFile:
            let page = output.appending(path: "goals/b/index.html")
            try Data(contentsOf: page).write(to: page)
        case .addOutputFile: try site.write("public/goals/stray.html", "stray")
        case .addOutputFolder:
            try FileManager.default.createDirectory(
                at: output.appending(path: "goals/empty"), withIntermediateDirectories: true)
        case .manifestFormat1:
            let manifest = output.appending(path: OutputWriter.marker)
            let text = try String(contentsOf: manifest, encoding: .utf8)
            let older = text.replacingOccurrences(of: "goalwall-manifest 2", with: "goalwall-manifest 1")
                .split(separator: "\n").filter { !$0.hasPrefix("@") }.joined(separator: "\n")
            try Data((older + "\n").utf8).write(to: manifest)
        }
        let rebuilt = build(site, options)
        #expect(rebuilt.succeeded)
        #expect(rebuilt.upToDate == nil, "built again")
        #expect(try contents(of: output) == cleanBuild(site, options))
        // And the next build finds its work done.
        let again = build(site, options)
        #expect(again.upToDate == rebuilt.summary)
        #expect(again.diagnostics == rebuilt.diagnostics)
    }

    @Test("the manifest keeps the warnings, whatever their text; a record it cannot read is no record")
    func manifestRecord() throws {
        var manifest = OutputManifest()
        manifest.entries["goals/a b/index.html"] = 42
        manifest.record = OutputManifest.Record(
            fingerprint: 0xFEED, goals: 3, asOf: Day(iso: "2026-03-02")!,
            diagnostics: [
                .warning(
                    "odd\ttext 100% with\nnewlines\r", at: SourceLocation(path: "content/goals/a\tb %.md", line: 3)),
                .warning("plain", at: SourceLocation(path: "goalwall.yml", line: 1, column: 7)),
            ])
        let read = OutputManifest(text: manifest.text)
        #expect(read == manifest)
        let broken = manifest.text.replacingOccurrences(of: "@build", with: "@built")
        #expect(OutputManifest(text: broken).record == nil)
        #expect(OutputManifest(text: broken).entries == manifest.entries)
        let unknown = manifest.text.replacingOccurrences(of: "@diagnostic warning 1", with: "@diagnostic note 1")
        #expect(OutputManifest(text: unknown).record == nil)
    }

    @Test("an input that cannot be read gives no fingerprint: the build runs and reports it")
    func unreadableInput() throws {
        let site = try makeSite()
        defer { site.remove() }
        #expect(build(site).succeeded)
        let goal = site.root.appending(path: "content/goals/a.md")
        try FileManager.default.removeItem(at: goal)
        try FileManager.default.createSymbolicLink(
            at: goal, withDestinationURL: site.root.appending(path: "nowhere.md"))
        let result = build(site)
        #expect(result.upToDate == nil)
        #expect(!result.succeeded)
    }

    @Test("goalwall build prints the same lines whether it builds or finds the build done")
    func commandLine() throws {
        let site = try makeSite()
        defer { site.remove() }
        let arguments = ["build", "--site", site.root.path, "--as-of", "2026-03-01", "--verbose"]
        let first = try goalwall(arguments)
        #expect(first.status == 0, "\(first.err)")
        #expect(!first.err.contains("timing: up to date"))
        let second = try goalwall(arguments)
        #expect(second.status == 0, "\(second.err)")
        #expect(second.err.contains("timing: up to date"), "\(second.err)")
        #expect(second.out == first.out)
        func shown(_ err: String) -> [String] {
            err.split(separator: "\n").filter { !$0.hasPrefix("timing:") }.map {
                $0.replacingOccurrences(of: #"in [0-9]+ ms"#, with: "in N ms", options: .regularExpression)
            }
        }
        #expect(shown(second.err) == shown(first.err))
        #expect(first.err.contains("warning: no owner"))
    }
}
