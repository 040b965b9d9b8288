import Foundation
import GoalwallKit
import Testing

/// The built `goalwall` executable, beside the test bundle.
func goalwallExecutable() throws -> URL {
    let candidates = [
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "goalwall"),
        Bundle.main.bundleURL.deletingLastPathComponent().appending(path: "goalwall"),
        sampleRoot.appending(path: ".build/debug/goalwall"),
    ]
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        throw TestSite.Failure(description: "goalwall executable not found: run `swift build` first")
    }
    return found
}

/// Runs goalwall with arguments; its exit status, standard output and standard error. A run
/// longer than `timeout` seconds is killed and fails the test (a hang never stalls the suite).
func goalwall(_ arguments: [String], in folder: URL? = nil, timeout: Double = 120) throws -> (
    status: Int32, out: String, err: String
) {
    let process = Process()
    process.executableURL = try goalwallExecutable()
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = folder }
    var environment = ProcessInfo.processInfo.environment
    environment["SOURCE_DATE_EPOCH"] = "1767225600"
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let watchdog = DispatchWorkItem { [process] in
        if process.isRunning {
            Issue.record("goalwall \(arguments.joined(separator: " ")) ran longer than \(timeout) s: killed")
            kill(process.processIdentifier, SIGKILL)
        }
    }
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
    defer { watchdog.cancel() }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
        process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self)
    )
}

/// The smallest site that builds: one goal on one metric.
func oneGoalSite() throws -> TestSite {
    try TestSite([
        "goalwall.yml": "as_of: 2026-01-10\n",
        "content/goals/g.md": goalFile(
            "title: T\nowner: Mark\nmetric: m.v\ntarget: 4\nstart: 2026-01-01\ndue: 2026-02-01"),
        "content/metrics/m.csv": "date,v\n2026-01-01,8\n",
    ])
}

@Suite("The command line (§8)")
struct CommandLineTests {
    @Test("goalwall alone builds the current folder; a bad CSV cell fails with its position and keeps public/")
    func buildAndFail() throws {
        let site = try oneGoalSite()
        defer { site.remove() }
        let first = try goalwall([], in: site.root)
        #expect(first.status == 0, "\(first.err)")
        #expect(first.out.contains("index.html"))
        let before = try contents(of: site.output)
        try site.write("content/metrics/m.csv", "date,v\n2026-01-01,8\n2026-01-02,8x\n")
        let failed = try goalwall(["build"], in: site.root)
        #expect(failed.status == 1)
        #expect(failed.err.hasPrefix("content/metrics/m.csv:3:12: error: bad number '8x'"))
        #expect(try contents(of: site.output) == before)
    }

    @Test(
        "wrong usage exits 2",
        arguments: [
            ["build", "--as-of", "2026-13-01"], ["build", "--nope"], ["check", "--format", "xml"], ["frobnicate"],
            ["build", "--output", "."], ["build", "--output", "content/x"], ["build", "--site", "missing-folder"],
        ])
    func usage(_ arguments: [String]) throws {
        let site = try TestSite(["content/goals/.keep": ""])
        defer { site.remove() }
        let result = try goalwall(arguments, in: site.root)
        #expect(result.status == 2, "\(result.err)")
        #expect(FileManager.default.fileExists(atPath: site.root.appending(path: "content/goals/.keep").path))
    }

    @Test(
        "--help shows examples on every command",
        arguments: [
            ["--help"], ["build", "--help"], ["check", "--help"], ["new", "goal", "--help"], ["init", "--help"],
        ])
    func help(_ arguments: [String]) throws {
        let result = try goalwall(arguments)
        #expect(result.status == 0)
        #expect(result.out.contains("Examples:"))
    }

    @Test("--version prints goalwall's version and the linked libcmark's, and exits 0")
    func version() throws {
        let result = try goalwall(["--version"])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out == "goalwall \(GoalwallVersion.number)\nlibcmark \(GoalwallVersion.cmark)\n")
        #expect(GoalwallVersion.number.split(separator: ".").count == 3)
        #expect(GoalwallVersion.cmark.split(separator: ".").allSatisfy { Int($0) != nil })
    }

    @Test("check prints each goal's SMART/FAST checklist, as text or JSON, and writes nothing")
    func check() throws {
        let site = try TestSite([
            "content/goals/g.md": goalFile("title: Do it\nstart: 2026-01-01\ndue: 2027-06-01", body: "- [ ] one\n")
        ])
        defer { site.remove() }
        let text = try goalwall(["check", "--site", site.root.path, "--as-of", "2026-02-01"])
        #expect(text.status == 0)
        #expect(text.out.contains("g: at-risk  SMART ·M···  FAST ·AM·"))
        #expect(text.out.contains("S Specific: no owner: name the champion"))
        let json = try goalwall(["check", "--site", site.root.path, "--format", "json"])
        let decoded = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as! [String: Any]
        #expect(decoded["errors"] as? Int == 0)
        #expect((decoded["goals"] as! [[String: Any]]).first?["slug"] as? String == "g")
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    @Test("init and new goal write files that build")
    func initAndNew() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try goalwall(["init", folder.path]).status == 0)
        #expect(
            try goalwall([
                "new", "goal", "Cut transfers by 30%", "--team", "Desk", "--owner", "Ana", "--site", folder.path,
            ]).status == 0)
        #expect(
            FileManager.default.fileExists(atPath: folder.appending(path: "content/goals/cut-transfers-by-30.md").path))
        #expect(try goalwall(["new", "goal", "Cut transfers by 30%", "--site", folder.path]).status == 1)
        let build = try goalwall(["build", "--site", folder.path, "--strict"])
        #expect(build.status == 0, "\(build.err)")
        #expect(try goalwall(["init", folder.path]).status == 1)
    }
}

/// `goalwall serve` as a process: started, read until it serves, stopped with a signal.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    private let errors = Pipe()
    private let lock = NSLock()
    private var log = ""

    init(_ arguments: [String]) throws {
        process.executableURL = try goalwallExecutable()
        process.arguments = ["serve"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        errors.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            self?.lock.withLock { self?.log += text }
        }
        try process.run()
    }

    var stderr: String { lock.withLock { log } }

    /// Waits (bounded) for a line of the log to match; the match.
    func wait(for pattern: String, seconds: Double = 60) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let range = stderr.range(of: pattern, options: .regularExpression) { return String(stderr[range]) }
            if !process.isRunning, stderr.range(of: pattern, options: .regularExpression) == nil { return nil }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }

    /// Waits (bounded) for the process to end; its exit status, or nil if it did not.
    func exitStatus(within seconds: Double = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            return nil
        }
        return process.terminationStatus
    }
}

@Suite("goalwall serve from the command line (§8)")
struct ServeCommandLineTests {
    @Test("wrong --port or --host values are usage errors (exit 2)")
    func usage() throws {
        let site = try TestSite(["goalwall.yml": "title: T\n"])
        defer { site.remove() }
        let port = try goalwall(["serve", "--site", site.root.path, "--port", "70000"])
        #expect(port.status == 2)
        #expect(port.err.contains("--port"))
        let host = try goalwall(["serve", "--site", site.root.path, "--host", "the-office-tv"])
        #expect(host.status == 2)
        #expect(host.err.contains("--host"))
    }

    @Test("Ctrl-C stops the server cleanly (exit 0); a port in use is an error (exit 1)")
    func interruptAndBusyPort() throws {
        let site = try oneGoalSite()
        defer { site.remove() }
        let server = try ServeProcess(["--site", site.root.path, "--port", "0"])
        let serving = try #require(server.wait(for: "serving http://127.0.0.1:[0-9]+/"), "\(server.stderr)")
        #expect(FileManager.default.fileExists(atPath: site.output.appending(path: "index.html").path))
        let port = String(serving.split(separator: ":").last!.dropLast())

        let second = try ServeProcess(["--site", site.root.path, "--port", port])
        #expect(second.exitStatus() == 1)
        #expect(second.stderr.contains("cannot listen"))

        kill(server.process.processIdentifier, SIGINT)
        #expect(server.exitStatus() == 0)
        #expect(server.stderr.contains("stopping"))
    }
}
