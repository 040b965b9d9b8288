import Foundation
import GoalwallKit
import Testing

@testable import GoalwallServe

/// What kept the FlyingFox server from running for months: each test failed on it.
@Suite("goalwall serve survives hostile and careless clients")
struct HardeningTests {
    @Test("closed event streams keep no descriptor and no subscription")
    func closedEventStreams() async throws {
        try await served { site in
            let before = openDescriptors()
            for _ in 0..<10 {
                let pages = try (0..<20).map { _ in try EventStreamReader(port: site.port) }
                for page in pages { #expect(await page.next() == "hello") }
                for page in pages { page.connection.hangUp() }
            }
            // Streams end when their page goes away, not at the next rebuild or keep-alive.
            var open = openDescriptors()
            for _ in 0..<50 where open > before + 4 || site.session.openEventStreams > 0 {
                try await Task.sleep(for: .milliseconds(100))
                open = openDescriptors()
            }
            #expect(open <= before + 4, "descriptors: \(before) before, \(open) after 200 closed streams")
            #expect(site.session.openEventStreams == 0)
            #expect(try await site.get("/").status == 200)
        }
    }

    @Test(
        "a long request line gets 414 and a long header 431, at once",
        arguments: [10_000, 100_000, 1_000_000])
    func longLines(length: Int) async throws {
        try await served { site in
            let line = try await rawExchange(
                port: site.port,
                Data("GET /\(String(repeating: "a", count: length)) HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            #expect(line.statusLine == "HTTP/1.1 414 URI Too Long")
            #expect(line.seconds < 2)
            let header = try await rawExchange(
                port: site.port,
                Data("GET / HTTP/1.1\r\nHost: x\r\nX-Long: \(String(repeating: "b", count: length))\r\n\r\n".utf8))
            #expect(header.statusLine == "HTTP/1.1 431 Request Header Fields Too Large")
            #expect(header.seconds < 2)
            // Many headers of 4 KB each: each is allowed, all of them together are not.
            let many = (0..<12).map { "X-\($0): \(String(repeating: "c", count: 4000))\r\n" }.joined()
            let all = try await rawExchange(port: site.port, Data("GET / HTTP/1.1\r\nHost: x\r\n\(many)\r\n".utf8))
            #expect(all.statusLine == "HTTP/1.1 431 Request Header Fields Too Large")
            #expect(try await site.get("/").status == 200)
        }
    }

    @Test("a request head that never ends, or a connection that sends nothing, is closed (slowloris)")
    func slowloris() async throws {
        try await served(configure: { $0.limits.headTimeout = .seconds(1) }) { site in
            let silent = try RawConnection(port: site.port)
            let slow = try RawConnection(port: site.port)
            slow.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            slow.send("X-A: 1\r\n")
            #expect(await slow.isClosed(within: 5))
            #expect(await silent.isClosed(within: 5))
            #expect(try await site.get("/").status == 200)
        }
    }

    @Test("an idle keep-alive connection is closed; an event stream is not")
    func idleConnections() async throws {
        try await served(configure: { $0.limits.idleTimeout = .seconds(1) }) { site in
            let page = try EventStreamReader(port: site.port)
            #expect(await page.next() == "hello")
            let idle = try RawConnection(port: site.port)
            idle.send("GET /goals.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            #expect(await idle.isClosed(within: 5))
            #expect(idle.received.hasPrefix("HTTP/1.1 200"))
            #expect(!(await page.connection.isClosed(within: 0.5)))
        }
    }

    @Test("a CR, LF or other control character from the request never reaches the Location header")
    func redirectLocation() async throws {
        try await served { site in
            for target in [
                "/teams/support?a=%0D%0ASet-Cookie:%20x=1", "/teams/support?a=%0d%0a", "/teams/support?q=%C3%A9%09",
            ] {
                let reply = try await RawConnection.request(port: site.port, target)
                #expect(reply.status == 301, "\(target)")
                let location = try #require(reply.header("Location"))
                #expect(location.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F }, "\(location)")
                #expect(reply.header("Set-Cookie") == nil)
            }
            // Raw control bytes in the request line: refused by the parser (400, or a reset when
            // the parser closes with the rest of the line unread), or re-encoded.
            for control in ["\r", "\u{7F}", "\u{1B}"] {
                let raw = try await rawExchange(
                    port: site.port, Data("GET /teams/support?a=\(control)b HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
                #expect(
                    raw.reply.isEmpty || raw.statusLine.hasPrefix("HTTP/1.1 400")
                        || raw.reply.contains("Location: /teams/support/?a=%"),
                    "\(control.unicodeScalars.first!.value): \(raw.reply)")
                #expect(!raw.reply.contains("?a=\(control)"))
            }
            #expect(WallResponder.safeLocation("/a/?b=\r\n c\u{1}é") == "/a/?b=%0D%0A%20c%01%C3%A9")
        }
    }

    @Test(
        "any method but GET and HEAD gets 405 with Allow, unknown ones too",
        arguments: ["FOO", "POST", "DELETE", "PUT", "OPTIONS", "BREW"])
    func methods(method: String) async throws {
        try await served { site in
            let reply = try await RawConnection.request(port: site.port, "/", method: method)
            #expect(reply.status == 405)
            #expect(reply.header("Allow") == "GET, HEAD")
            let withBody = try await rawExchange(
                port: site.port, Data("\(method) / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello".utf8))
            #expect(withBody.statusLine.hasPrefix("HTTP/1.1 405"))
        }
    }

    @Test("a GET with a body of known length is answered, and so is the request after it")
    func bodies() async throws {
        try await served { site in
            let reply = try await rawExchange(
                port: site.port,
                Data(
                    "GET /goals.json HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nGET GET /nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .utf8))
            #expect(raw(reply.reply).count { $0.hasPrefix("HTTP/1.1 ") } >= 1)
            #expect(reply.statusLine == "HTTP/1.1 200 OK")
            let chunked = try await rawExchange(
                port: site.port, Data("GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n".utf8))
            #expect(chunked.statusLine == "HTTP/1.1 411 Length Required")
        }
    }

    @Test("an HTTP/1.0 request's connection closes after the answer; an HTTP/1.1 one stays open")
    func http10() async throws {
        try await served { site in
            let old = try RawConnection(port: site.port)
            old.send("GET /goals.json HTTP/1.0\r\n\r\n")
            #expect(await old.isClosed(within: 5))
            #expect(old.received.hasPrefix("HTTP/1.1 200"))
            let current = try RawConnection(port: site.port)
            current.send("GET /goals.json HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try await offPool { current.read(until: { $0.range(of: Data("\r\n\r\n".utf8)) != nil }, seconds: 10) }
            #expect(current.received.hasPrefix("HTTP/1.1 200"))
            #expect(!(await current.isClosed(within: 0.5)))
        }
    }

    private func raw(_ text: String) -> [String] { text.components(separatedBy: "\r\n") }

    @Test("the health endpoint says ok, failing (still serving), or 503 with nothing to serve")
    func health() async throws {
        try await served { site in
            let ok = try await site.get("/_goalwall/health")
            #expect(ok.status == 200)
            #expect(ok.header("Content-Type") == "application/json")
            let json = try #require(try JSONSerialization.jsonObject(with: ok.body) as? [String: Any])
            #expect(json["status"] as? String == "ok")
            #expect(json["errors"] as? Int == 0)
            #expect(json["serving"] as? Bool == true)
            let stamp = try #require(json["last_build"] as? String)
            #expect(stamp.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"#, options: .regularExpression) != nil)

            try site.write("content/metrics/calls.csv", "date,wait\n2026-01-05,8\n2026-01-06,eight\n")
            _ = await site.nextRebuild()
            let failing = try await site.get("/_goalwall/health")
            #expect(failing.status == 200)
            let broken = try #require(try JSONSerialization.jsonObject(with: failing.body) as? [String: Any])
            #expect(broken["status"] as? String == "failing")
            #expect(broken["errors"] as? Int == 1)
            #expect(broken["serving"] as? Bool == true)
        }
        try await served(files: Self.brokenCSV) { site in
            let none = try await RawConnection.request(port: site.port, "/_goalwall/health")
            #expect(none.status == 503)
            #expect(none.text.contains("\"serving\": false"))
            #expect(none.text.contains("\"status\": \"failing\""))
        }
    }

    static let brokenCSV = ["content/metrics/calls.csv": "date,wait\n2026-01-05,8\n2026-01-06,x\n"]

    @Test("each rebuild is one log event with its outcome and duration")
    func logEvents() async throws {
        try await served { site in
            try site.write("content/pages/note.md", "# Note\n")
            _ = await site.nextRebuild()
            let builds = site.log.value.compactMap { event -> ServeEvent.Build? in
                if case .build(let build) = event { return build }
                return nil
            }
            #expect(builds.count == 2)
            #expect(builds.first?.first == true && builds.first?.ok == true)
            #expect(builds.last?.first == false && builds.last?.changed ?? 0 > 0)
            #expect(ServeEvent.build(builds[1]).text.hasPrefix("built in "))
        }
    }
}
