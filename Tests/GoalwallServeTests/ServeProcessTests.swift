import Foundation
import Testing

/// The built goalwall next to the test bundle (`swift build` makes it), or $GOALWALL_BINARY.
func goalwallBinary() throws -> URL {
    if let path = ProcessInfo.processInfo.environment["GOALWALL_BINARY"] { return URL(fileURLWithPath: path) }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let candidates = [
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "goalwall"),
        Bundle.main.bundleURL.deletingLastPathComponent().appending(path: "goalwall"),
        root.appending(path: ".build/debug/goalwall"),
    ]
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        throw ClientError(description: "goalwall executable not found: run `swift build` first")
    }
    return found
}

/// `goalwall serve` as a process of its own (under a shell, for `ulimit`).
final class ServeProcess: Sendable {
    private let process: Process
    private let log = Box("")

    init(shell: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", shell]
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        let log = self.log
        errors.fileHandleForReading.readabilityHandler = { handle in
            log.value += String(decoding: handle.availableData, as: UTF8.self)
        }
        try process.run()
        self.process = process
    }

    var pid: Int32 { process.processIdentifier }
    var stderr: String { log.value }
    var isRunning: Bool { process.isRunning }

    /// The port, once it serves (bounded wait).
    func port(within seconds: Double = 60) async throws -> Int {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline, process.isRunning {
            if let range = stderr.range(of: #"serving http://127\.0\.0\.1:[0-9]+/"#, options: .regularExpression) {
                return Int(stderr[range].split(separator: ":").last!.dropLast())!
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ClientError(description: "goalwall serve did not start: \(stderr)")
    }

    /// Its exit status once it ends (bounded wait; killed and nil if it does not).
    func exitStatus(within seconds: Double = 30) async -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return process.terminationReason == .exit ? process.terminationStatus : -process.terminationStatus
    }
}

func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

@Suite("goalwall serve as a process", .serialized)
struct ServeProcessTests {
    @Test("SIGTERM or SIGINT during the first build stops serve cleanly (exit 0)", arguments: [SIGTERM, SIGINT])
    func signalDuringTheFirstBuild(signal: Int32) async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "goalwall-first-build-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let generator = Process()
        generator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let script = try goalwallBinary().deletingLastPathComponent().path + "/../../scripts/generate_large_site.py"
        let scripts =
            FileManager.default.fileExists(atPath: script)
            ? script
            : URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appending(path: "scripts/generate_large_site.py").path
        generator.arguments = ["python3", scripts, folder.path, "--goals", "300", "--metrics", "20", "--days", "100"]
        try generator.run()
        generator.waitUntilExit()
        let server = try ServeProcess(
            shell: "exec \(quoted(try goalwallBinary().path)) serve --site \(quoted(folder.path)) --port 0")
        // Long enough for the process to start, far less than the first build of 300 goals
        // takes. On a thread of its own: the test pool may be busy with other suites.
        let early = try await offPool {
            // Once main takes SIGINT and SIGTERM (the kernel shows a handler in SigCgt), the
            // process is ours to signal; a loaded machine may take a while to get there.
            let deadline = Date().addingTimeInterval(20)
            let binary = try goalwallBinary().resolvingSymlinksInPath().path
            while Date() < deadline, !Self.takesStopSignals(server.pid, running: binary) {
                Thread.sleep(forTimeInterval: 0.01)
            }
            let early = server.stderr.contains("serving")
            kill(server.pid, signal)
            return early
        }
        #expect(!early, "the first build was already over: \(server.stderr)")
        #expect(await server.exitStatus() == 0, "\(server.stderr)")
        #expect(server.stderr.contains("stopping"))
    }

    /// Whether the process runs `binary` and has a handler for SIGINT and SIGTERM (SigCgt in
    /// /proc).
    static func takesStopSignals(_ pid: Int32, running binary: String) -> Bool {
        guard (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe")) == binary,
            let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigCgt:") }),
            let mask = UInt64(line.dropFirst("SigCgt:".count).trimmingCharacters(in: .whitespaces), radix: 16)
        else { return false }
        return mask & (1 << (SIGINT - 1)) != 0 && mask & (1 << (SIGTERM - 1)) != 0
    }

    @Test("out of descriptors (a low ulimit -n), it stays alive and accepts again once some close")
    func outOfDescriptors() async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "goalwall-ulimit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appending(path: "content/pages"), withIntermediateDirectories: true)
        try Data("title: Low limits\nas_of: 2026-03-02\n".utf8).write(to: folder.appending(path: "goalwall.yml"))
        try Data("# A page\n".utf8).write(to: folder.appending(path: "content/pages/a.md"))
        let server = try ServeProcess(
            shell:
                "ulimit -n 64 && exec \(quoted(try goalwallBinary().path)) serve --site \(quoted(folder.path)) --port 0"
        )
        let port = try await server.port()
        #expect(try await RawConnection.request(port: port, "/").status == 200)

        // More connections than the process has descriptors left.
        var held: [RawConnection] = []
        for _ in 0..<120 {
            if let connection = try? RawConnection(port: port) { held.append(connection) }
        }
        try await Task.sleep(for: .milliseconds(500))
        #expect(server.isRunning)
        for connection in held { connection.hangUp() }
        held.removeAll()

        // NIO backs off a second after an accept error, then accepts again.
        var status = 0
        for _ in 0..<20 where status != 200 {
            try await Task.sleep(for: .milliseconds(250))
            status = (try? await RawConnection.request(port: port, "/"))?.status ?? 0
        }
        #expect(status == 200, "\(server.stderr)")
        #expect(server.isRunning)
        kill(server.pid, SIGTERM)
        #expect(await server.exitStatus() == 0)
    }
}
