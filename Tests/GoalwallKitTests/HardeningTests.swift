import Foundation
import Synchronization
import Testing

@testable import GoalwallKit

/// The output folder under deploy links, kills and odd files (issue "Hardening").
@Suite("The output folder: links, kills, odd files")
struct OutputFolderTests {
    @Test("public/ linked to a folder of someone else's files is refused, and nothing in it is touched")
    func linkedForeignFolder() throws {
        let site = try oneGoalSite()
        defer { site.remove() }
        let www = site.root.deletingLastPathComponent().appending(path: site.root.lastPathComponent + "-www")
        defer { try? FileManager.default.removeItem(at: www) }
        try FileManager.default.createDirectory(at: www.appending(path: "photos"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: www.appending(path: "notes.txt"))
        try Data("j".utf8).write(to: www.appending(path: "photos/a.jpg"))
        try FileManager.default.createSymbolicLink(at: site.output, withDestinationURL: www)

        let result = try goalwall(["build", "--site", site.root.path])
        #expect(result.status == 1)
        #expect(result.err.contains("holds files goalwall did not write"), "\(result.err)")
        #expect(try contents(of: www) == ["notes.txt": Data("x".utf8), "photos/a.jpg": Data("j".utf8)])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: site.output.path) == www.path)
    }

    @Test("public/ linked to an empty folder is built into that folder, and the link stays")
    func linkedDeployFolder() throws {
        let site = try oneGoalSite()
        defer { site.remove() }
        let www = site.root.deletingLastPathComponent().appending(path: site.root.lastPathComponent + "-www")
        defer { try? FileManager.default.removeItem(at: www) }
        try FileManager.default.createDirectory(at: www, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: site.output, withDestinationURL: www)

        #expect(try goalwall(["build", "--site", site.root.path]).status == 0)
        #expect(FileManager.default.fileExists(atPath: www.appending(path: "index.html").path))
        try Data("old".utf8).write(to: www.appending(path: "stale.txt"))
        #expect(try goalwall(["build", "--site", site.root.path]).status == 0, "its own output is replaced")
        #expect(!FileManager.default.fileExists(atPath: www.appending(path: "stale.txt").path))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: site.output.path) == www.path)
    }

    @Test("a FIFO in static/ is left out with a warning instead of hanging the build; links are copied as files")
    func oddStaticFiles() throws {
        let site = try oneGoalSite()
        defer { site.remove() }
        let secret = site.root.appending(path: "secret.txt")
        try Data("linked".utf8).write(to: secret)
        try FileManager.default.createDirectory(
            at: site.root.appending(path: "static"), withIntermediateDirectories: true)
        #expect(mkfifo(site.root.appending(path: "static/pipe").path, 0o644) == 0)
        try FileManager.default.createSymbolicLink(
            at: site.root.appending(path: "static/leak.txt"), withDestinationURL: secret)

        let result = try goalwall(["build", "--site", site.root.path], timeout: 30)
        #expect(result.status == 0, "\(result.err)")
        #expect(result.err.contains("static/pipe:1:1: warning: not a regular file"))
        let copied = site.output.appending(path: "leak.txt").path
        let attributes = try FileManager.default.attributesOfItem(atPath: copied)
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
        #expect(FileManager.default.contents(atPath: copied) == Data("linked".utf8))
        #expect(!FileManager.default.fileExists(atPath: site.output.appending(path: "pipe").path))
    }

    @Test("files planted in the output (a link where a folder goes, a folder where a file goes) are replaced")
    func plantedEntries() throws {
        let site = try oneGoalSite()
        defer { site.remove() }
        #expect(site.build().succeeded)
        let outside = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try FileManager.default.removeItem(at: site.output.appending(path: "goals"))
        try FileManager.default.createSymbolicLink(
            at: site.output.appending(path: "goals"), withDestinationURL: outside)
        try FileManager.default.removeItem(at: site.output.appending(path: "goals.json"))
        try FileManager.default.createDirectory(
            at: site.output.appending(path: "goals.json/inner"), withIntermediateDirectories: true)
        #expect(site.build().succeeded)
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty, "nothing written through")
        let clean = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: clean) }
        var options = site.options()
        options.output = clean
        #expect(Build.buildAndWrite(options, today: Day(iso: "2026-03-02")!).succeeded)
        #expect(try contents(of: site.output) == contents(of: clean))
    }

    @Test("an edit by hand in the output is undone by the next build; an untouched file is not rewritten")
    func handEdits() throws {
        let site = try oneGoalSite()
        defer { site.remove() }
        #expect(site.build().succeeded)
        let index = site.output.appending(path: "index.html")
        let css = site.output.appending(path: "style.css").path
        let good = try Data(contentsOf: index)
        let cssBefore = try FileManager.default.attributesOfItem(atPath: css)
        try Data("hacked".utf8).write(to: index)
        #expect(site.build().succeeded)
        #expect(try Data(contentsOf: index) == good)
        let cssAfter = try FileManager.default.attributesOfItem(atPath: css)
        #expect(cssBefore[.systemFileNumber] as? Int == cssAfter[.systemFileNumber] as? Int)
        #expect(cssBefore[.modificationDate] as? Date == cssAfter[.modificationDate] as? Date)
    }

    @Test("staging folders of killed builds are removed by the next build")
    func leftovers() throws {
        let site = try oneGoalSite()
        defer { site.remove() }
        // No process has this number (Linux's pid_max is at most 2^22).
        let dead = site.root.appending(path: ".public.goalwall-new-99999999")
        try FileManager.default.createDirectory(at: dead.appending(path: "goals"), withIntermediateDirectories: true)
        try Data().write(to: dead.appending(path: "goals/x.html"))
        #expect(site.build().succeeded)
        #expect(!FileManager.default.fileExists(atPath: dead.path))
        try FileManager.default.createDirectory(at: dead, withIntermediateDirectories: true)
        #expect(site.build().succeeded)
        #expect(!FileManager.default.fileExists(atPath: dead.path))
    }

    @Test(
        "a build that fails once its pages are rendered (--strict, a render-time warning) leaves the output as it was")
    func failsAfterRendering() throws {
        let site = try oneGoalSite()
        defer { site.remove() }
        #expect(site.build().succeeded)
        let before = try contents(of: site.output)
        // Pages reach the output's staging folder as they render; this warning comes last.
        try site.write(
            "content/goals/g.md",
            goalFile(
                "title: Changed\nowner: Mark\nmetric: m.v\ntarget: 4\nstart: 2026-01-01\ndue: 2026-02-01"))
        try site.write("templates/goals.json", "{}")
        let failed = try goalwall(["build", "--site", site.root.path, "--strict"])
        #expect(failed.status == 1)
        #expect(failed.err.contains("templates/goals.json is left out"), "\(failed.err)")
        #expect(try contents(of: site.output) == before)
        let left = try FileManager.default.contentsOfDirectory(atPath: site.output.path).filter {
            $0.hasPrefix(".goalwall-staging-")
        }
        #expect(left.isEmpty)
        #expect(try goalwall(["build", "--site", site.root.path]).status == 0)
        #expect(try contents(of: site.output) != before)
    }

    @Test(
        "pages staged a batch at a time: a first publish, an update, and a first publish that finds the folder made meanwhile"
    )
    func stagedPublish() throws {
        let output = temporaryFolder().appending(path: "public")
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        let writer = OutputWriter(target: output)
        func page(_ path: String, _ text: String) -> OutputFile { OutputFile(path: path, text: text) }

        // First publish: nothing appears until the commit.
        let first = try writer.begin()
        try first.add([page("index.html", "wall 1"), page("goals/a/index.html", "a 1")])
        try first.add([page("goals/b/index.html", "b 1"), page("style.css", "css")])
        #expect(!FileManager.default.fileExists(atPath: output.path))
        let made = try first.commit()
        #expect(made.written == ["goals/a/index.html", "goals/b/index.html", "index.html", "style.css"])

        // An update: only what differs is staged; nothing changes until the commit; what is
        // gone goes at the end, and no staging folder is left.
        let second = try writer.begin()
        try second.add([page("index.html", "wall 2"), page("goals/a/index.html", "a 1")])
        try second.add([page("goals/c/index.html", "c 2"), page("style.css", "css")])
        #expect(try String(contentsOf: output.appending(path: "index.html"), encoding: .utf8) == "wall 1")
        let updated = try second.commit()
        #expect(updated.written == ["goals/c/index.html", "index.html"])
        #expect(updated.removed == ["goals/b/index.html"])
        var files = try contents(of: output)
        files[OutputWriter.marker] = nil
        #expect(
            files.mapValues { String(decoding: $0, as: UTF8.self) } == [
                "index.html": "wall 2", "goals/a/index.html": "a 1", "goals/c/index.html": "c 2", "style.css": "css",
            ])

        // An abandoned update leaves the folder as it was.
        let before = try contents(of: output)
        let third = try writer.begin()
        try third.add([page("index.html", "wall 3")])
        third.abandon()
        #expect(try contents(of: output) == before)
        #expect(try String(contentsOf: output.appending(path: "index.html"), encoding: .utf8) == "wall 2")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: output.path).sorted() == [
                OutputWriter.marker, "goals", "index.html", "style.css",
            ])

        // A first publish whose folder another build made meanwhile updates that folder.
        let other = temporaryFolder().appending(path: "public")
        defer { try? FileManager.default.removeItem(at: other.deletingLastPathComponent()) }
        let late = try OutputWriter(target: other).begin()
        try late.add([page("index.html", "mine"), page("goals/a/index.html", "a")])
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("theirs".utf8).write(to: other.appending(path: "index.html"))
        try Data("old".utf8).write(to: other.appending(path: "old.html"))
        try late.commit()
        var theirs = try contents(of: other)
        theirs[OutputWriter.marker] = nil
        #expect(
            theirs.mapValues { String(decoding: $0, as: UTF8.self) } == [
                "index.html": "mine", "goals/a/index.html": "a",
            ])
        let beside = try FileManager.default.contentsOfDirectory(atPath: other.deletingLastPathComponent().path)
        #expect(beside == ["public"])
    }

    /// A site of 150 goals on 120 days of data, large enough that a build can be killed
    /// while it writes.
    func killTestSite(settings: String) -> [String: String] {
        var files = ["goalwall.yml": settings]
        var csv = "date,a,b\n"
        for day in 0..<120 {
            csv += "\(Day(iso: "2026-01-01")!.adding(days: day)),\(day % 17 + 3),\(day % 5 + 10)\n"
        }
        files["content/metrics/m.csv"] = csv
        for n in 0..<150 {
            files["content/goals/g\(n).md"] = goalFile(
                "title: Goal \(n) of the kill test\nowner: O\nteam: T\(n % 7)\nmetric: m.\(n % 2 == 0 ? "a" : "b")\n"
                    + "direction: up\ntarget: \(n % 9 + 20)\nstart: 2026-01-01\ndue: 2026-04-01",
                body: "## 2026-01-20 Check-in\nNotes.\n")
        }
        return files
    }

    @Test("builds killed at random moments never leave the wall missing or half-written")
    func killedBuilds() throws {
        let site = try TestSite(killTestSite(settings: "as_of: 2026-03-02\n"))
        defer { site.remove() }
        let started = Date()
        let first = try goalwall(["build", "--site", site.root.path, "--quiet"])
        try #require(first.status == 0, "\(first.err)")
        let buildTime = Date().timeIntervalSince(started)

        let index = site.output.appending(path: "index.html").path
        let stop = Locked(false)
        let problems = Locked<[String]>([])
        let reader = Thread {
            while !stop.value {
                var problem: String?
                if let data = FileManager.default.contents(atPath: index) {
                    if !data.suffix(8).elementsEqual(Data("</html>\n".utf8)) {
                        problem = "index.html half-written (\(data.count) bytes)"
                    }
                } else {
                    problem = "index.html missing"
                }
                if let problem, problems.value.count < 5 { problems.value.append(problem) }
            }
        }
        reader.start()
        var rng = SystemRandomNumberGenerator()
        for round in 0..<20 {
            try site.write(
                "content/goals/g\(round).md",
                goalFile(
                    "title: Goal \(round) edited\nowner: O\nteam: T\(round % 7)\nmetric: m.a\ntarget: \(round + 30)\n"
                        + "start: 2026-01-01\ndue: 2026-04-01"))
            let process = Process()
            process.executableURL = try goalwallExecutable()
            process.arguments = ["build", "--site", site.root.path, "--quiet"]
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: Double.random(in: 0...(buildTime * 1.2), using: &rng))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        stop.value = true
        while !reader.isFinished { Thread.sleep(forTimeInterval: 0.01) }
        #expect(problems.value.isEmpty, "\(problems.value.prefix(5))")

        // The next build makes exactly what a clean build makes, and leaves nothing behind.
        #expect(try goalwall(["build", "--site", site.root.path, "--quiet"]).status == 0)
        let clean = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: clean) }
        #expect(try goalwall(["build", "--site", site.root.path, "--output", clean.path, "--quiet"]).status == 0)
        #expect(try contents(of: site.output) == contents(of: clean))
        let strays = try FileManager.default.subpathsOfDirectory(atPath: site.output.path).filter {
            $0.hasSuffix(".goalwall-tmp") || $0.hasPrefix(".goalwall-staging-")
        }
        #expect(strays.isEmpty)
        let beside = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter {
            $0.hasPrefix(".public.goalwall-")
        }
        #expect(beside.isEmpty)
    }

    @Test("a build killed at any moment never lets the next one skip its work, even with the inputs put back")
    func killedBuildsThenUnchanged() throws {
        let siteA = killTestSite(settings: "title: Before\nas_of: 2026-03-02\n")
        // B changes every page (the title) and no file name: a killed B leaves the same files
        // as A with some of B's bytes in them, which only the files' times tell apart.
        var siteB = siteA
        siteB["goalwall.yml"] = "title: After\nas_of: 2026-03-02\n"
        siteB["content/goals/g1.md"] = siteB["content/goals/g1.md"]!.replacingOccurrences(of: "Goal 1", with: "New")
        let site = try TestSite(siteA)
        defer { site.remove() }
        func put(_ files: [String: String]) throws {
            for (path, text) in files { try site.write(path, text) }
            for path in try FileManager.default.subpathsOfDirectory(atPath: site.root.appending(path: "content").path)
            where path.hasSuffix(".md") && files["content/" + path] == nil {
                try FileManager.default.removeItem(at: site.root.appending(path: "content/" + path))
            }
        }
        let build = ["build", "--site", site.root.path]
        try #require(try goalwall(build).status == 0)
        let goodA = try contents(of: site.output)
        // How long B takes over A in place: what the killed builds do.
        try put(siteB)
        let started = Date()
        try #require(try goalwall(build).status == 0)
        let buildTime = Date().timeIntervalSince(started)
        let goodB = try contents(of: site.output)
        try put(siteA)
        try #require(try goalwall(build).status == 0)
        #expect(try contents(of: site.output) == goodA)
        #expect(goodA != goodB)

        var rng = SystemRandomNumberGenerator()
        var skipped = 0
        for round in 0..<10 {
            try put(siteB)
            let process = Process()
            process.executableURL = try goalwallExecutable()
            process.arguments = build
            var environment = ProcessInfo.processInfo.environment
            environment["SOURCE_DATE_EPOCH"] = "1767225600"
            process.environment = environment
            process.standardError = FileHandle.nullDevice
            try process.run()
            // From a third into a build (writing comes last) to past its end, a random
            // moment in each tenth.
            let moment = buildTime * (0.3 + (Double(round) + Double.random(in: 0..<1, using: &rng)) / 10)
            Thread.sleep(forTimeInterval: moment)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            // What the kill left: each file whole, either A's or B's (beside the staging folder
            // the next build removes).
            for (path, data) in try contents(of: site.output) where !path.hasPrefix(".goalwall-staging-") {
                #expect(data == goodA[path] || data == goodB[path], "\(path)")
            }
            // A's inputs back, byte for byte: the fingerprint is the one A's manifest records.
            try put(siteA)
            let next = try goalwall(build + ["--verbose"])
            #expect(next.status == 0, "\(next.err)")
            if next.err.contains("timing: up to date") { skipped += 1 }
            #expect(try contents(of: site.output) == goodA)
        }
        // The kills that came before the first write leave A's wall, rightly found up to date.
        #expect(skipped < 10, "some kill landed after the first write")
    }
}

@Suite("Hostile and careless input: clear messages, never a crash")
struct CarelessInputTests {
    @Test("terminal escapes and NUL bytes in a cell are printed escaped, on one line")
    func escapesInMessages() throws {
        let site = try oneGoalSite()
        defer { site.remove() }
        try site.write("content/metrics/m.csv", "date,v\n2026-01-01,\u{1B}]0;X\u{07}\u{1B}[2J\u{0}\n")
        let result = try goalwall(["build", "--site", site.root.path])
        #expect(result.status == 1)
        #expect(!result.err.contains("\u{1B}") && !result.err.contains("\u{0}"))
        #expect(result.err.contains("bad number '\\u{1B}]0;X\\u{7}\\u{1B}[2J\\u{0}'"), "\(result.err)")
    }

    @Test("a file of thousands of bad cells lists the first 1,000 and counts the rest")
    func manyBadCells() throws {
        var csv = "date,v\n"
        for day in 0..<3000 { csv += "\(Day(iso: "2020-01-01")!.adding(days: day)),bad\n" }
        let site = try TestSite(["content/metrics/m.csv": csv])
        defer { site.remove() }
        let errors = site.run().errorMessages
        #expect(errors.count == 1001)
        #expect(
            errors.last
                == "content/metrics/m.csv:1002:12: error: 2000 more errors in this file from here on (only the first 1000 are listed)"
        )
    }

    @Test("a CSV that cannot be read is one error, not one more per goal that uses it")
    func brokenTableQuiet() throws {
        let site = try TestSite([
            "content/metrics/m.csv": "date,v\n2026-01-01,\"8\n",
            "content/goals/a.md": goalFile("title: A\nmetric: m.v\ntarget: 4\nstart: 2026-01-01\ndue: 2026-02-01"),
            "content/goals/b.md": goalFile("title: B\nmetric: m\ntarget: 4\nstart: 2026-01-01\ndue: 2026-02-01"),
            "content/goals/c.md": goalFile(
                "title: C\nmetric: {file: m, column: v}\ntarget: 4\nstart: 2026-01-01\ndue: 2026-02-01\nparent: a"),
        ])
        defer { site.remove() }
        #expect(
            site.run().errorMessages == [
                "content/metrics/m.csv:2:12: error: unterminated quoted field: the quote opened here is never closed"
            ])
    }

    @Test("a goal file larger than a goal can be is an error, not gigabytes of memory")
    func fileLimit() throws {
        let site = try TestSite([
            "content/goals/huge.md": goalFile("title: Huge\nstart: 2026-01-01\ndue: 2026-02-01")
                + String(repeating: "x", count: Limits.textFileBytes)
        ])
        defer { site.remove() }
        #expect(
            site.run().errorMessages == [
                "content/goals/huge.md:1:1: error: the file is 8 MB: a goal, page, settings or template file may be at most 8 MB"
            ])
    }

    @Test(
        "base_url must be an http(s) address or a path",
        arguments: [
            ("javascript:alert(1)//", false), ("https://intranet.example.com/goals/", true), ("/goals/", true),
            ("//evil.example.com/", false), ("http://", false), ("https://a b/", false), ("ftp://x/", false),
        ])
    func baseURL(_ value: String, _ accepted: Bool) throws {
        let site = try TestSite(["goalwall.yml": "base_url: \"\(value)\"\n"])
        defer { site.remove() }
        let errors = site.run().errorMessages
        #expect(errors.isEmpty == accepted, "\(errors)")
        if !accepted { #expect(errors.first?.hasPrefix("goalwall.yml:1:11: error: 'base_url' must be") == true) }
    }

    @Test("new goal takes a title that starts with a dash; a very long title makes a file name that fits")
    func newGoalTitles() throws {
        let site = try oneGoalSite()
        defer { site.remove() }
        let dash = try goalwall(["new", "goal", "- dash start", "--site", site.root.path])
        #expect(dash.status == 0, "\(dash.out)\(dash.err)")
        #expect(FileManager.default.fileExists(atPath: site.root.appending(path: "content/goals/dash-start.md").path))
        let long = String(repeating: "word ", count: 100)
        let made = try goalwall(["new", "goal", long, "--site", site.root.path])
        #expect(made.status == 0, "\(made.err)")
        #expect(made.out.contains("word-word-word-word-word-word-word-word-word-word-word-word.md"))
        #expect(try goalwall(["build", "--site", site.root.path]).status == 0)
    }

    @Test("init on a file, and new goal outside a site, fail with plain words")
    func scaffoldFailures() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appending(path: "afile")
        try Data().write(to: file)
        let result = try goalwall(["init", file.path])
        #expect(result.status == 1)
        #expect(result.err == "error: \(file.path) is a file: init writes a new site into a new or empty folder\n")
        let outside = try goalwall(["new", "goal", "Cut waits", "--site", folder.appending(path: "nope").path])
        #expect(outside.status == 1)
        #expect(!outside.err.contains("NSCocoaErrorDomain"))
    }
}

/// A value shared with another thread, behind a lock.
final class Locked<Value: Sendable>: Sendable {
    private let stored: Mutex<Value>
    init(_ value: Value) { stored = Mutex(value) }
    var value: Value {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
    }
}
