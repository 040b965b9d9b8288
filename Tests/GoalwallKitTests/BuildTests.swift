import Foundation
import Testing

@testable import GoalwallKit

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The repository's own sample site (goalwall.yml and content/ at the top level).
let sampleRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func temporaryFolder() -> URL {
    FileManager.default.temporaryDirectory.appending(path: "goalwall-test-\(UUID().uuidString)")
}

/// Every file under a folder, by relative path, with its bytes.
func contents(of folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])!
    for case let url as URL in enumerator
    where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
        files[String(url.path.dropFirst(folder.path.count + 1))] = try Data(contentsOf: url)
    }
    return files
}

@Suite("Building the sample site end to end")
struct SampleBuildTests {
    func buildSample(into output: URL) -> BuildResult {
        var options = BuildOptions(site: sampleRoot, output: output)
        options.builtAt = Date(timeIntervalSince1970: 1_767_225_600)
        return Build.buildAndWrite(options, today: Day(iso: "2026-11-23")!)
    }

    @Test("the sample builds without errors and shows every kind of status")
    func sample() throws {
        let output = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let result = buildSample(into: output)
        #expect(result.errorMessages.isEmpty)
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: output.appending(path: "goals.json")))
            as! [String: Any]
        #expect(json["as_of"] as? String == "2026-03-02")
        let goals = json["goals"] as! [[String: Any]]
        let statuses = Set(goals.map { $0["status"] as! String })
        #expect(statuses.isSuperset(of: ["on-track", "at-risk", "off-track", "achieved"]))
        #expect(goals.contains { $0["stale"] as? Bool == true })
        #expect(goals.map { $0["slug"] as! String } == goals.map { $0["slug"] as! String }.sorted())
        let wait = try #require(goals.first { $0["slug"] as? String == "cut-call-wait-time" })
        #expect(wait["direction"] as? String == "down")
        #expect(wait["url"] as? String == "goals/cut-call-wait-time/")
    }

    @Test("the sample shows version 2: maintain goals in a mix of statuses, formulas, durations, a German export")
    func sampleVersion2() throws {
        let output = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let result = buildSample(into: output)
        #expect(result.errorMessages.isEmpty)
        let goals =
            (try JSONSerialization.jsonObject(with: Data(contentsOf: output.appending(path: "goals.json")))
            as! [String: Any])["goals"] as! [[String: Any]]
        let maintained = goals.filter { $0["kind"] as? String == "maintain" }
        let statuses = Set(maintained.map { $0["status"] as! String })
        #expect(statuses.contains("on-track"))
        #expect(!statuses.isDisjoint(with: ["at-risk", "off-track"]))
        #expect(maintained.allSatisfy { $0["record"] is [String: Any] })
        #expect(goals.contains { ($0["metric"] as? String)?.contains(": ") == true }, "a computed metric")
        // The service level is read from exports/telefonie.csv (';', '1.234,5', '02.03.2026').
        let service = try #require(goals.first { $0["slug"] as? String == "business-line-service-level" })
        #expect(service["metric"] as? String == "exports/telefonie: 100 * within_20s / answered")
        #expect(service["current_date"] as? String == "2026-02-23")
        let handle = try #require(goals.first { $0["slug"] as? String == "business-line-handle-time" })
        #expect(handle["baseline"] as? Double == 425)
        #expect(handle["target"] as? Double == 360)
        let csat = try #require(goals.first { $0["slug"] as? String == "raise-csat" })
        let baseline = try #require(csat["baseline"] as? Double)
        #expect(abs(try #require(csat["target"] as? Double) - baseline * 1.25) < 1e-9)
    }

    @Test("every page exists and every relative link and asset resolves")
    func links() throws {
        let output = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        _ = buildSample(into: output)
        let files = try contents(of: output)
        for name in ["index.html", "kiosk/index.html", "goals.json", "calendar.ics", "feed.xml", "style.css"] {
            #expect(files[name] != nil, "missing \(name)")
        }
        let wall = try #require(files["goals.json"])
        let goals = (try JSONSerialization.jsonObject(with: wall) as! [String: Any])["goals"] as! [[String: Any]]
        for goal in goals {
            #expect(files["goals/\(goal["slug"] as! String)/index.html"] != nil)
            if let team = goal["team"] as? String {
                #expect(files["teams/\(slugify(team))/index.html"] != nil)
            }
        }
        #expect(files["pages/v2mom/index.html"] != nil)
        for name in ["people/index.html", "people/tom-s/index.html", "tags/index.html", "tags/calls/index.html"] {
            #expect(files[name] != nil, "missing \(name)")
        }
        let pattern = try Regex(##"(?:href|src)="([^"#]*)"##)
        var checked = 0
        for (path, data) in files where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            let folder = URL(fileURLWithPath: "/" + path).deletingLastPathComponent()
            for match in html.matches(of: pattern) {
                let link = String(match.output[1].substring ?? "")
                if link.isEmpty || link.contains("://") || link.hasPrefix("mailto:") { continue }
                #expect(!link.hasPrefix("/"), "absolute link \(link) in \(path)")
                let target = String(folder.appending(path: link).standardizedFileURL.path.dropFirst())
                #expect(files[target] != nil, "\(path) links to \(link), which does not exist")
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    @Test("two builds of the same input and as-of are byte-identical")
    func deterministic() throws {
        let first = temporaryFolder()
        let second = temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        _ = buildSample(into: first)
        _ = buildSample(into: second)
        let a = try contents(of: first)
        let b = try contents(of: second)
        #expect(a.keys.sorted() == b.keys.sorted())
        for (path, data) in a { #expect(b[path] == data, "\(path) differs") }
    }

    @Test("calendar.ics: CRLF lines of at most 75 octets, all-day events, stable UIDs")
    func calendar() throws {
        let output = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        _ = buildSample(into: output)
        let text = try String(contentsOf: output.appending(path: "calendar.ics"), encoding: .utf8)
        let bytes = Array(text.utf8)
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        var lineLength = 0
        for (i, byte) in bytes.enumerated() {
            if byte == 0x0A {
                #expect(i > 0 && bytes[i - 1] == 0x0D)
                lineLength = 0
            } else if byte != 0x0D {
                lineLength += 1
                #expect(lineLength <= 75)
            }
        }
        #expect(text.contains("UID:cut-call-wait-time-due@goalwall\r\n"))
        #expect(text.contains("DTSTART;VALUE=DATE:20260309\r\n"))
        let events = text.components(separatedBy: "BEGIN:VEVENT").count - 1
        #expect(events > 9)
        // A milestone's note reads as a sentence before the owner's ("…ticket system. Owner: Sam.").
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("Callback queue in the ticket system. Owner: Sam."))
    }

    @Test("feed.xml is well-formed Atom with one entry per listed check-in")
    func feed() throws {
        let output = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        _ = buildSample(into: output)
        let data = try Data(contentsOf: output.appending(path: "feed.xml"))
        let parser = XMLParser(data: data)
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        let goals =
            (try JSONSerialization.jsonObject(with: Data(contentsOf: output.appending(path: "goals.json")))
            as! [String: Any])["goals"] as! [[String: Any]]
        let checkIns = goals.reduce(0) { $0 + ($1["checkins"] as! [Any]).count }
        let entries = String(decoding: data, as: UTF8.self).components(separatedBy: "<entry>").count - 1
        #expect(entries == checkIns)
    }
}

@Suite("Failed builds and the output folder (§7)")
struct OutputSafetyTests {
    @Test("a failed build reports every error and leaves the previous output byte for byte")
    func failedBuildKeepsOutput() throws {
        let site = try TestSite([
            "content/goals/g.md": goalFile("title: T\nmetric: m.v\ntarget: 4\nstart: 2026-01-01\ndue: 2026-02-01"),
            "content/metrics/m.csv": "date,v\n2026-01-01,8\n",
        ])
        defer { site.remove() }
        #expect(site.build().succeeded)
        let before = try contents(of: site.output)
        try site.write("content/metrics/m.csv", "date,v\n2026-01-01,8\n2026-01-02,x\n")
        try site.write("content/goals/h.md", goalFile("title: H\nstart: 2026-01-01"))
        let result = site.build()
        #expect(!result.succeeded)
        #expect(
            result.errorMessages == [
                "content/goals/h.md:1:1: error: missing required key 'due'",
                "content/metrics/m.csv:3:12: error: bad number 'x': expected a decimal like 12, -3.5, .5 or 1e3",
            ])
        #expect(try contents(of: site.output) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter {
            $0.hasPrefix(".public")
        }
        #expect(leftovers.isEmpty)
    }

    @Test("a rebuild replaces the output as a whole")
    func replaces() throws {
        let site = try TestSite(["content/goals/a.md": goalFile("title: A\nstart: 2026-01-01\ndue: 2026-02-01")])
        defer { site.remove() }
        _ = site.build()
        try FileManager.default.removeItem(at: site.root.appending(path: "content/goals/a.md"))
        try site.write("content/goals/b.md", goalFile("title: B\nstart: 2026-01-01\ndue: 2026-02-01"))
        try site.write("static/logo.txt", "logo")
        #expect(site.build().succeeded)
        let files = try contents(of: site.output)
        #expect(files["goals/a/index.html"] == nil)
        #expect(files["goals/b/index.html"] != nil)
        #expect(files["logo.txt"] == Data("logo".utf8))
    }

    @Test("an output folder that is the site, holds it, or holds content/ is refused")
    func refusesSite() throws {
        let site = try TestSite(["content/goals/a.md": goalFile("title: A\nstart: 2026-01-01\ndue: 2026-02-01")])
        defer { site.remove() }
        for output in [site.root, site.root.deletingLastPathComponent(), site.root.appending(path: "content/out")] {
            var options = site.options()
            options.output = output
            let result = Build.buildAndWrite(options, today: Day(iso: "2026-03-02")!)
            #expect(!result.succeeded)
            #expect(result.errorMessages.first?.contains("refusing") == true)
        }
        let other = try TestSite(["content/x.txt": ""])
        defer { other.remove() }
        var options = site.options()
        options.output = other.root
        #expect(
            Build.buildAndWrite(options, today: Day(iso: "2026-03-02")!).errorMessages.first?.contains("refusing")
                == true)
        #expect(FileManager.default.fileExists(atPath: other.root.appending(path: "content/x.txt").path))
        #expect(FileManager.default.fileExists(atPath: site.root.appending(path: "content/goals/a.md").path))
    }

    @Test("--output never wipes a folder goalwall did not write, nor a file; its own output it replaces")
    func foreignOutput() throws {
        let site = try TestSite([
            "content/goals/a.md": goalFile("title: A\nowner: O\nstart: 2026-01-01\ndue: 2026-02-01")
        ])
        defer { site.remove() }
        try site.write("docs/notes.txt", "keep me")
        try site.write("afile", "keep me too")
        for (folder, kept) in [("docs", "docs/notes.txt"), ("afile", "afile")] {
            var options = site.options()
            options.output = site.root.appending(path: folder)
            let result = Build.buildAndWrite(options, today: Day(iso: "2026-03-02")!)
            #expect(result.errorMessages.first?.contains("refusing") == true)
            #expect(FileManager.default.fileExists(atPath: site.root.appending(path: kept).path))
        }
        var options = site.options()
        options.output = site.root.appending(path: "out")
        #expect(Build.buildAndWrite(options, today: Day(iso: "2026-03-02")!).succeeded)
        #expect(Build.buildAndWrite(options, today: Day(iso: "2026-03-02")!).succeeded, "its own output is replaced")
        // SITE/public is the output by definition, whatever it holds.
        try site.write("public/stale.txt", "old")
        #expect(site.build().succeeded)
        #expect(!FileManager.default.fileExists(atPath: site.output.appending(path: "stale.txt").path))
    }

    @Test("a symbolic link loop under content/ is an error, not a hang")
    func symlinkLoop() throws {
        let site = try TestSite(["content/goals/a.md": goalFile("title: A\nstart: 2026-01-01\ndue: 2026-02-01")])
        defer { site.remove() }
        try FileManager.default.createSymbolicLink(
            atPath: site.root.appending(path: "content/goals/loop").path,
            withDestinationPath: site.root.appending(path: "content/goals").path)
        #expect(
            site.run().errorMessages == [
                "content/goals/loop:1:1: error: symbolic link loop: this folder leads back to one that contains it"
            ])
    }

    @Test("a site's template replaces the built-in one of the same name")
    func templateOverride() throws {
        let site = try TestSite([
            "content/goals/a.md": goalFile("title: A <b>\nstart: 2026-01-01\ndue: 2026-02-01"),
            "templates/card.mustache": "<div class=\"mine\">{{title}}</div>",
        ])
        defer { site.remove() }
        let result = site.run()
        let index = try #require(result.files.first { $0.path == "index.html" }?.text)
        #expect(index.contains("<div class=\"mine\">A &lt;b&gt;</div>"))
        let broken = try TestSite(["templates/wall.mustache": "line\n{{#open}}"])
        defer { broken.remove() }
        #expect(broken.run().errorMessages.first?.hasPrefix("templates/wall.mustache:") == true)
    }

    @Test("wall pages refresh, goal pages do not; refresh_seconds: 0 removes it")
    func refresh() throws {
        let site = try TestSite([
            "content/goals/a.md": goalFile("title: A\nteam: Support\nstart: 2026-01-01\ndue: 2026-02-01")
        ])
        defer { site.remove() }
        let files = site.run().files
        func page(_ path: String) -> String { files.first { $0.path == path }?.text ?? "" }
        #expect(page("index.html").contains("<meta http-equiv=\"refresh\" content=\"300\">"))
        #expect(page("kiosk/index.html").contains("http-equiv=\"refresh\""))
        #expect(page("teams/support/index.html").contains("http-equiv=\"refresh\""))
        #expect(!page("goals/a/index.html").contains("http-equiv=\"refresh\""))
        try site.write("goalwall.yml", "refresh_seconds: 0\n")
        #expect(!site.run().files.contains { $0.text?.contains("http-equiv=\"refresh\"") == true })
    }

    @Test("the kiosk chains through team walls when rotate_seconds > 0")
    func kioskRotation() throws {
        let site = try TestSite([
            "goalwall.yml": "rotate_seconds: 20\n",
            "content/goals/a.md": goalFile("title: A\nteam: Support\nstart: 2026-01-01\ndue: 2026-02-01"),
            "content/goals/b.md": goalFile("title: B\nteam: Desk\nstart: 2026-01-01\ndue: 2026-02-01"),
        ])
        defer { site.remove() }
        let files = site.run().files
        func page(_ path: String) -> String { files.first { $0.path == path }?.text ?? "" }
        #expect(page("kiosk/index.html").contains("content=\"20; url=../kiosk/teams/desk/index.html\""))
        #expect(
            page("kiosk/teams/desk/index.html").contains("content=\"20; url=../../../kiosk/teams/support/index.html\""))
        #expect(page("kiosk/teams/support/index.html").contains("content=\"20; url=../../../kiosk/index.html\""))
    }

    @Test("the kiosk splits more goals than one screen holds into evenly filled pages that follow each other")
    func kioskPages() throws {
        var files: [String: String] = [:]
        for n in 1...8 {
            files["content/goals/g\(n).md"] = goalFile(
                "title: Goal \(n)\nowner: O\nstart: 2026-01-01\ndue: 2026-0\(n % 9 + 1)-20")
        }
        let site = try TestSite(files)
        defer { site.remove() }
        let pages = site.run().files
        func page(_ path: String) -> String { pages.first { $0.path == path }?.text ?? "" }
        #expect(page("kiosk/index.html").components(separatedBy: "<article class=\"card").count - 1 == 4)
        #expect(page("kiosk/2/index.html").components(separatedBy: "<article class=\"card").count - 1 == 4)
        #expect(page("kiosk/index.html").contains("content=\"30; url=../kiosk/2/index.html\""))
        #expect(page("kiosk/2/index.html").contains("content=\"30; url=../../kiosk/index.html\""))
        #expect(page("kiosk/2/index.html").contains("2 / 2"))
        #expect(page("kiosk/index.html").contains("<html lang=\"en\" class=\"theme-dark\">"))
    }

    @Test("the alignment tree and the V2MOM page show every goal under what it serves")
    func treeAndV2MOM() throws {
        let site = try TestSite([
            "goalwall.yml": "vision: Happy customers\nvalues: [Care, Speed]\n",
            "content/goals/top.md": goalFile("title: Top goal\nowner: O\nstart: 2026-01-01\ndue: 2026-06-01"),
            "content/goals/child.md": goalFile(
                "title: Child goal\nowner: O\nparent: top\nstart: 2026-01-01\ndue: 2026-02-01", body: "- [ ] x\n"),
        ])
        defer { site.remove() }
        let pages = site.run(asOf: "2026-03-01").files
        let tree = try #require(pages.first { $0.path == "tree/index.html" }?.text)
        #expect(tree.contains("Happy customers"))
        #expect(tree.range(of: "Top goal")!.lowerBound < tree.range(of: "Child goal")!.lowerBound)
        let v2mom = try #require(pages.first { $0.path == "v2mom/index.html" }?.text)
        for part in ["Vision", "Values", "Methods", "Obstacles", "Measures", "Care", "Child goal", "missed its"] {
            #expect(v2mom.contains(part), "\(part)")
        }
    }

    @Test("init writes a site that builds as it is; new goal adds a goal that builds")
    func scaffold() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let today = Day(iso: "2026-11-23")!
        try Scaffold.writeSite(into: folder, today: today)
        _ = try Scaffold.writeGoal(
            title: "Answer every email within a day", team: "Support", owner: "Ana", site: folder, today: today)
        #expect(throws: Scaffold.Failure.self) { try Scaffold.writeSite(into: folder, today: today) }
        #expect(throws: Scaffold.Failure.self) {
            try Scaffold.writeGoal(
                title: "Answer every email within a day", team: nil, owner: nil, site: folder, today: today)
        }
        let result = Build.buildAndWrite(BuildOptions(site: folder), today: today)
        #expect(result.diagnostics.isEmpty, "\(result.messages)")
        #expect(result.wall?.goals.count == 3)
        #expect(result.wall?.goals.first { $0.slug == "cut-wait-time" }?.current != nil)
    }
}
