import ArgumentParser
import Foundation
import GoalwallKit
import GoalwallServe

/// How much a command says, and how: shared by every command that reads a site.
struct LogOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(name: .long, help: "How log lines look on stderr: text, or json (one object a line).")
    var logFormat: Format = .text

    @Flag(help: "Print errors only.")
    var quiet = false

    @Flag(help: "Also print how long each stage of a build took.")
    var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
    }
}

/// Everything goalwall prints to stderr, in one place: diagnostics as
/// `PATH:LINE:COLUMN: error: MESSAGE`, one line per build, serve's lines; as text (errors
/// red and warnings yellow on a terminal, unless NO_COLOR is set) or as JSON, one object a
/// line. `--quiet` keeps errors only.
struct Console: Sendable {
    enum Level: String, Sendable { case info, warning, error }

    var format = LogOptions.Format.text
    var quiet = false
    var colour = Console.stderrIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

    init(_ options: LogOptions) {
        format = options.logFormat
        quiet = options.quiet
        if options.verbose {
            // GoalwallKit prints each stage's time when this is set (`timing: load 12 ms`).
            setenv("GOALWALL_TIMINGS", "1", 1)
        }
    }

    init() {}

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Diagnostics, warnings left out when `warnings` is false (or --quiet).
    func report(_ diagnostics: [Diagnostic], warnings: Bool = true) {
        for diagnostic in diagnostics where diagnostic.severity == .error || (warnings && !quiet) {
            show(diagnostic)
        }
    }

    func show(_ diagnostic: Diagnostic) {
        let level: Level = diagnostic.severity == .error ? .error : .warning
        switch format {
        case .text:
            write(level, diagnostic.description)
        case .json:
            write(
                level,
                json: [
                    ("event", .string("diagnostic")), ("path", .string(diagnostic.location.path)),
                    ("line", .int(diagnostic.location.line)), ("column", .int(diagnostic.location.column)),
                    ("message", .string(diagnostic.message)),
                ])
        }
    }

    /// The one line a build gets: `built in 43 ms: 7 files changed`.
    func build(ok: Bool, milliseconds: Double, text: String, fields: [(String, JSONValue)]) {
        let level: Level = ok ? .info : .error
        switch format {
        case .text: write(level, text)
        case .json:
            write(
                level,
                json: [("event", .string("build")), ("ok", .bool(ok)), ("ms", .int(Int(milliseconds.rounded())))]
                    + fields)
        }
    }

    func info(_ line: String) { message(.info, line) }
    func warning(_ line: String) { message(.warning, line) }
    func error(_ line: String) { message(.error, line) }

    /// One of serve's events.
    func serve(_ event: ServeEvent) {
        switch event {
        case .build(let build):
            var fields: [(String, JSONValue)] = [("changed", .int(build.changed))]
            if !build.ok { fields += [("errors", .int(build.errors)), ("serving", .bool(build.serving))] }
            if build.first { fields.append(("first", .bool(true))) }
            self.build(ok: build.ok, milliseconds: build.milliseconds, text: event.text, fields: fields)
        case .diagnostic(let diagnostic): show(diagnostic)
        case .info(let line): info(line)
        case .warning(let line): warning(line)
        case .error(let line): error(line)
        }
    }

    private func message(_ level: Level, _ line: String) {
        switch format {
        case .text: write(level, level == .info ? line : "\(level.rawValue): \(line)")
        case .json: write(level, json: [("event", .string("message")), ("message", .string(line))])
        }
    }

    enum JSONValue {
        case string(String)
        case int(Int)
        case bool(Bool)

        var encoded: String {
            switch self {
            case .int(let n): return String(n)
            case .bool(let b): return b ? "true" : "false"
            case .string(let s): return JSONText.quoted(s)
            }
        }
    }

    private func write(_ level: Level, json fields: [(String, JSONValue)]) {
        if quiet && level != .error { return }
        let all = [("time", JSONValue.string(Self.now())), ("level", .string(level.rawValue))] + fields
        let line = "{" + all.map { "\"\($0.0)\": \($0.1.encoded)" }.joined(separator: ", ") + "}"
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    private func write(_ level: Level, _ line: String) {
        if quiet && level != .error { return }
        var shown = line
        if colour {
            switch level {
            case .error: shown = "\u{1B}[31m\(line)\u{1B}[0m"
            case .warning: shown = "\u{1B}[33m\(line)\u{1B}[0m"
            case .info: break
            }
        }
        FileHandle.standardError.write(Data((shown + "\n").utf8))
    }

    private static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date())
    }
}
