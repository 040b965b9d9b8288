import Clocks
import Foundation
import GoalwallKit
import Synchronization
import Testing

@testable import GoalwallServe

/// A small site in a temporary folder, served on a free loopback port.
final class ServedSiteFixture: @unchecked Sendable {
    let root = FileManager.default.temporaryDirectory.appending(path: "goalwall-serve-\(UUID().uuidString)")
    var session: ServeSession!
    var url: URL!
    var port: Int { url.port! }

    static let goal = """
        ---
        title: Cut call wait time
        owner: Mark
        team: Support
        metric: calls.wait
        unit: min
        direction: down
        target: 4
        start: 2026-01-05
        due: 2026-04-27
        ---
        Why it matters.

        ## 2026-02-23 Weekly review
        On track.
        """

    /// The server's "today" (the as-of date when goalwall.yml pins none).
    let today = Box(Day(iso: "2026-03-02")!)

    init(
        polling: Bool = false, files: [String: String] = [:], builtFirst: Bool = false, settings: String? = nil,
        clock: (any Clock<Duration>)? = nil, configure: (inout ServeSession.Options) -> Void = { _ in }
    ) async throws {
        var rows = "date,wait\n"
        var day = Day(iso: "2026-01-05")!
        for i in 0..<50 {
            rows += "\(day),\(8 - Double(i) / 20)\n"
            day = day.adding(days: 1)
        }
        let site: [String: String] = [
            "goalwall.yml": settings ?? "title: Support goals\nas_of: 2026-03-02\n",
            "content/goals/cut-wait.md": Self.goal,
            "content/goals/kb-articles.md":
                "---\ntitle: Write KB articles\nowner: Ana\nteam: Support\nstart: 2026-01-05\ndue: 2026-03-30\n---\n- [x] one\n- [ ] two\n",
            "content/metrics/calls.csv": rows,
            "content/pages/how-we-work.md": "# How we work\n\nMondays.\n",
        ].merging(files) { _, new in new }
        for (path, text) in site { try write(path, text) }
        if builtFirst {
            // A good wall built earlier; then the files given break the site.
            for (path, text) in files { try write(path, Self.good[path] ?? text) }
            _ = Build.buildAndWrite(BuildOptions(site: root), today: Day(iso: "2026-03-02")!)
            for (path, text) in files { try write(path, text) }
        }
        var options = ServeSession.Options(
            build: BuildOptions(site: root), address: try ListenAddress(host: "127.0.0.1", port: 0))
        options.polling = polling
        options.today = { [today] in today.value }
        options.tick = .milliseconds(100)
        if let clock { options.clock = clock }
        configure(&options)
        let log = self.log
        session = ServeSession(options: options) { event in log.value.append(event) }
        url = try await session.start()
    }

    /// Every event the session logged.
    let log = Box<[ServeEvent]>([])

    /// What a broken file was before it broke.
    static let good = ["content/metrics/calls.csv": "date,wait\n2026-01-05,8\n2026-01-06,7\n"]

    func write(_ path: String, _ text: String) throws {
        let file = root.appending(path: path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func stop() async {
        await session.stop()
        try? FileManager.default.removeItem(at: root)
    }

    func get(_ path: String, headers: [String: String] = [:]) async throws -> Reply {
        try await fetch(url.appending(path: path), headers: headers)
    }

    /// Waits for the next rebuild the watcher starts (bounded).
    func nextRebuild(seconds: Double = 10) async -> ServeSession.Report? {
        await withTaskGroup(of: ServeSession.Report?.self) { group in
            group.addTask { [session] in
                for await report in session!.rebuilds { return report }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}

/// Runs `body` against a freshly served site, and always stops the server.
func served(
    polling: Bool = false, files: [String: String] = [:], builtFirst: Bool = false, settings: String? = nil,
    clock: (any Clock<Duration>)? = nil, configure: (inout ServeSession.Options) -> Void = { _ in },
    _ body: (ServedSiteFixture) async throws -> Void
) async throws {
    let site = try await ServedSiteFixture(
        polling: polling, files: files, builtFirst: builtFirst, settings: settings, clock: clock, configure: configure)
    do {
        try await body(site)
    } catch {
        await site.stop()
        throw error
    }
    await site.stop()
}

@Suite("goalwall serve: a real server on a loopback port")
struct ServeTests {
    @Test("serves the wall with content types, index.html for folders, a 404 page, HEAD and 405")
    func servesTheWall() async throws {
        try await served { site in
            let wall = try await site.get("/")
            #expect(wall.status == 200)
            #expect(wall.header("Content-Type") == "text/html; charset=utf-8")
            #expect(wall.text.contains("Cut call wait time"))
            #expect(wall.text.contains("/_goalwall/live"))
            // The reload script is only in what the server sends, never in the built files.
            let built = try String(contentsOf: site.root.appending(path: "public/index.html"), encoding: .utf8)
            #expect(!built.contains("_goalwall"))
            #expect(wall.text == LiveReload.inject(into: Data(built.utf8)).utf8String)

            let json = try await site.get("/goals.json")
            #expect(json.header("Content-Type") == "application/json")
            #expect(json.body == (try Data(contentsOf: site.root.appending(path: "public/goals.json"))))
            #expect(try await site.get("/style.css").header("Content-Type") == "text/css; charset=utf-8")
            #expect(try await site.get("/calendar.ics").header("Content-Type") == "text/calendar; charset=utf-8")
            #expect(try await site.get("/feed.xml").header("Content-Type") == "application/atom+xml; charset=utf-8")
            let goal = try await site.get("/goals/cut-wait/")
            #expect(goal.status == 200 && goal.text.contains("<h1"))

            let redirect = try await RawConnection.request(port: site.port, "/teams/support?from=tv")
            #expect(redirect.status == 301)
            #expect(redirect.header("Location") == "/teams/support/?from=tv")
            let headRedirect = try await RawConnection.request(port: site.port, "/teams/support", method: "HEAD")
            #expect(headRedirect.status == 301)
            #expect(headRedirect.header("Content-Length") == String("moved to /teams/support/\n".utf8.count))
            let absolute = try await RawConnection.request(port: site.port, "http://127.0.0.1/goals.json")
            #expect(absolute.status == 200)
            #expect(absolute.body == json.body)

            let missing = try await RawConnection.request(port: site.port, "/goals/nothing-here/")
            #expect(missing.status == 404)
            #expect(missing.header("Content-Type") == "text/html; charset=utf-8")
            #expect(missing.text.contains("Not found"))

            let head = try await RawConnection.request(port: site.port, "/goals.json", method: "HEAD")
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == String(json.body.count))
            #expect(head.body.isEmpty)
            #expect(head.header("ETag") == json.header("ETag"))

            let post = try await RawConnection.request(port: site.port, "/", method: "POST")
            #expect(post.status == 405)
            #expect(post.header("Allow") == "GET, HEAD")
        }
    }

    @Test("ETag and Last-Modified revalidate with 304; a changed file gets a new ETag")
    func conditionalRequests() async throws {
        try await served { site in
            let first = try await site.get("/goals.json")
            let etag = try #require(first.header("ETag"))
            let modified = try #require(first.header("Last-Modified"))
            #expect(HTTPDate.parse(modified) != nil)
            let notModified = try await site.get("/goals.json", headers: ["If-None-Match": etag])
            #expect(notModified.status == 304)
            #expect(notModified.body.isEmpty)
            #expect(try await site.get("/goals.json", headers: ["If-None-Match": "\"other\", W/\(etag)"]).status == 304)
            #expect(try await site.get("/goals.json", headers: ["If-None-Match": "\"other\""]).status == 200)
            #expect(try await site.get("/goals.json", headers: ["If-Modified-Since": modified]).status == 304)
            #expect(
                try await site.get("/goals.json", headers: ["If-Modified-Since": "Sat, 01 Jan 2000 00:00:00 GMT"])
                    .status
                    == 200)

            let page = try await site.get("/pages/how-we-work/")
            try site.write(
                "content/goals/cut-wait.md",
                ServedSiteFixture.goal.replacingOccurrences(of: "target: 4", with: "target: 3"))
            let report = try #require(await site.nextRebuild())
            #expect(report.succeeded)
            let changed = try await site.get("/goals.json", headers: ["If-None-Match": etag])
            #expect(changed.status == 200)
            #expect(changed.header("ETag") != etag)
            // An unchanged page keeps its validators across the rebuild.
            let again = try await site.get("/pages/how-we-work/")
            #expect(again.header("ETag") == page.header("ETag"))
            #expect(again.header("Last-Modified") == page.header("Last-Modified"))
        }
    }

    static let hostilePaths = [
        "/../goalwall.yml", "/%2e%2e/goalwall.yml", "/%2E%2E/%2E%2E/etc/passwd", "/..%2fgoalwall.yml",
        "/goals/..%2f..%2fgoalwall.yml", "/goals/%2e%2e/%2e%2e/goalwall.yml", "/..%5cgoalwall.yml",
        "/%00/goalwall.yml", "//etc/passwd", "/./goalwall.yml", "/leak.txt", "/content/goals/cut-wait.md",
        "/goalwall.yml", "/goals/cut-wait/../../../goalwall.yml", "/%252e%252e/goalwall.yml",
    ]

    @Test("no path leaves the wall: dot segments, encoded or not, backslashes, NUL, links in the output folder")
    func pathEscapes() async throws {
        try await served { site in
            // A link planted in the output folder points at the site's own settings.
            try FileManager.default.createSymbolicLink(
                atPath: site.root.appending(path: "public/leak.txt").path,
                withDestinationPath: site.root.appending(path: "goalwall.yml").path)
            for target in Self.hostilePaths {
                let reply = try await RawConnection.request(port: site.port, target)
                #expect(reply.status == 404, "\(target) → \(reply.status)")
                #expect(!reply.text.contains("as_of: 2026-03-02"), "\(target)")
                #expect(!reply.text.contains("root:"), "\(target)")
            }
        }
    }

    @Test(
        "an edit reloads open pages; a broken CSV shows its errors, the kiosk keeps the last good wall; a fix brings it back"
    )
    func liveReloadAndErrors() async throws {
        try await served { site in
            let kiosk = try await site.get("/kiosk/")
            let page = try EventStreamReader(port: site.port)
            #expect(await page.next() == "hello")

            try site.write(
                "content/goals/cut-wait.md",
                ServedSiteFixture.goal.replacingOccurrences(of: "target: 4", with: "target: 2.5"))
            #expect(await page.next() == "reload")
            #expect(try await site.get("/goals/cut-wait/").text.contains("2.5 min"))

            try site.write("content/metrics/calls.csv", "date,wait\n2026-01-05,8\n2026-01-06,eight\n")
            #expect(await page.next() == "broken")
            let errors = try await site.get("/_goalwall/errors")
            #expect(errors.text.contains("content/metrics/calls.csv:3:12"))
            #expect(errors.text.contains("bad number"))
            // Everyone else still gets the last good wall.
            let kioskNow = try await site.get("/kiosk/")
            #expect(kioskNow.status == 200)
            #expect(kioskNow.text.contains("Cut call wait time"))
            #expect(!kioskNow.text.contains("bad number"))
            #expect(kioskNow.header("ETag") != nil)
            #expect(try await site.get("/goals/cut-wait/").text.contains("2.5 min"))
            // A page opened while the site is broken learns it at once.
            let late = try EventStreamReader(port: site.port)
            #expect(await late.next() == "broken")

            try site.write("content/metrics/calls.csv", "date,wait\n2026-01-05,8\n2026-01-06,7\n")
            #expect(await page.next() == "reload")
            #expect(await late.next() == "reload")
            #expect(try await site.get("/_goalwall/errors").text.contains("No errors"))
            #expect(kiosk.status == 200)
        }
    }

    static let brokenCSV = ["content/metrics/calls.csv": "date,wait\n2026-01-05,8\n2026-01-06,x\n"]

    @Test("started on a broken site with a wall built before, it serves that wall and lists the errors")
    func startsBrokenWithAnEarlierWall() async throws {
        try await served(files: Self.brokenCSV, builtFirst: true) { site in
            let wall = try await site.get("/")
            #expect(wall.status == 200)
            #expect(wall.text.contains("Cut call wait time"))
            #expect(try await site.get("/_goalwall/errors").text.contains("content/metrics/calls.csv:3:12"))
            let page = try EventStreamReader(port: site.port)
            #expect(await page.next() == "broken")
            try site.write("content/metrics/calls.csv", "date,wait\n2026-01-05,8\n2026-01-06,6\n")
            #expect(await page.next() == "reload")
        }
    }

    @Test("started on a broken site with nothing built, every page is the error page (503) until it is fixed")
    func startsBrokenWithNothing() async throws {
        try await served(files: Self.brokenCSV) { site in
            let page = try await RawConnection.request(port: site.port, "/kiosk/")
            #expect(page.status == 503)
            #expect(page.text.contains("content/metrics/calls.csv:3:12"))
            #expect(page.text.contains("/_goalwall/live"))
            try site.write("content/metrics/calls.csv", "date,wait\n2026-01-05,8\n2026-01-06,6\n")
            _ = await site.nextRebuild()
            #expect(try await site.get("/kiosk/").status == 200)
        }
    }

    @Test("with no as_of pinned, the wall moves on to the next day by itself (a test clock, no sleeps)")
    func nextDay() async throws {
        let clock = TestClock()
        try await served(settings: "title: Support goals\n", clock: clock) { site in
            #expect(try await site.get("/").text.contains("2 March 2026"))
            site.today.value = Day(iso: "2026-03-03")!
            // The next tick sees the new day; the rebuild follows once the change has settled.
            // The clock moves on in small steps until it comes: on a busy machine the loop
            // may not be waiting on the clock yet when a single step would be taken.
            let waiting = Task { await site.nextRebuild(seconds: 30) }
            try await Task.sleep(for: .milliseconds(50))  // listening before the clock moves
            let ticking = Task {
                while !Task.isCancelled {
                    await clock.advance(by: .milliseconds(20))
                    try? await Task.sleep(for: .milliseconds(10))
                }
            }
            defer { ticking.cancel() }
            let report = try #require(await waiting.value)
            #expect(report.changed.contains("index.html"))
            #expect(try await site.get("/").text.contains("3 March 2026"))
        }
    }

    @Test("a folder of the site named like the output folder is watched like any other")
    func folderNamedLikeTheOutput() async throws {
        try await served { site in
            let page = try EventStreamReader(port: site.port)
            #expect(await page.next() == "hello")
            try site.write("static/public/note.txt", "first")
            #expect(await page.next() == "reload")
            try site.write("static/public/note.txt", "second")
            #expect(await page.next() == "reload")
            #expect(try await site.get("/public/note.txt").text == "second")
        }
    }

    @Test("polling finds changes where inotify is not used")
    func polling() async throws {
        try await served(polling: true) { site in
            let page = try EventStreamReader(port: site.port)
            #expect(await page.next() == "hello")
            try site.write("templates/footer.mustache", "<footer>polled</footer>\n")
            #expect(await page.next() == "reload")
            #expect(try await site.get("/").text.contains("polled"))
        }
    }

    @Test("a page that reconnects after missing a change reloads")
    func reconnect() async throws {
        try await served { site in
            let page = try EventStreamReader(port: site.port, lastEventID: "0-0")
            #expect(await page.next() == "reload")
        }
    }

    @Test("stopping ends every event stream and closes the port")
    func stops() async throws {
        let site = try await ServedSiteFixture()
        let page = try EventStreamReader(port: site.port)
        #expect(await page.next() == "hello")
        let port = site.port
        await site.stop()
        #expect(await page.connection.isClosed(within: 5))
        #expect(throws: (any Error).self) { try RawConnection(port: port) }
    }
}

extension Data {
    var utf8String: String { String(decoding: self, as: UTF8.self) }
}
