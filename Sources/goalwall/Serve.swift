import ArgumentParser
import Foundation
import GoalwallKit
import GoalwallServe
import Logging
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site, serve it, rebuild on every change and reload open pages.",
        discussion: """
            The wall is written to the output folder as 'build' would, and served from memory. \
            Every change to goalwall.yml, content/, templates/ or static/ rebuilds what it \
            affects; open pages reload by themselves. While a change is broken, open pages show \
            every error as PATH:LINE:COLUMN, and everyone else (the kiosk too) keeps the last \
            good wall. GET /_goalwall/health tells a monitor how it is. Ctrl-C or SIGTERM stops.

            Examples:
              goalwall serve
              goalwall serve --site team --port 9000
              goalwall serve --host 0.0.0.0        show it on the office TV over the LAN
              goalwall serve --log-format json     for a service manager's journal
            """
    )

    @OptionGroup var options: SiteOptions

    @Option(help: "The address to listen on: 127.0.0.1 (this computer only) or 0.0.0.0 (the LAN).")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = 8080

    @Option(help: "The output folder (default: SITE/public).", completion: .directory)
    var output: String?

    @Flag(help: "Include goals with state: draft.")
    var drafts = false

    @Flag(help: "Watch by polling instead of inotify (network shares, some container mounts).")
    var poll = false

    @OptionGroup var log: LogOptions

    func sessionOptions() throws -> ServeSession.Options {
        var build = BuildOptions(
            site: options.siteURL, output: output.map { URL(fileURLWithPath: $0, isDirectory: true) },
            asOf: options.asOfDay)
        build.includeDrafts = drafts
        build.strict = options.strict
        var session = ServeSession.Options(build: build, address: try ListenAddress(host: host, port: port))
        session.polling = poll
        return session
    }

    func validate() throws {
        let session: ServeSession.Options
        do {
            session = try sessionOptions()
        } catch {
            throw ValidationError("\(error)")
        }
        if output != nil, let problem = Build.outputProblem(session.build) {
            throw ValidationError("--output: \(problem.message)")
        }
    }

    func run() async throws {
        signal(SIGPIPE, SIG_IGN)
        let console = Console(log)
        let session = ServeSession(options: try sessionOptions()) { console.serve($0) }
        let group = ServiceGroup(
            configuration: .init(
                services: [ServeService(session: session, console: console)],
                logger: Logger(label: "goalwall serve", factory: { _ in SwiftLogNoOpLogHandler() })))
        // SIGINT and SIGTERM have been taken since the process started (`Goalwall.main`):
        // one stops the group gracefully, also one that came before the group existed.
        ShutdownSignals.onSignal { Task { await group.triggerGracefulShutdown() } }
        do {
            try await group.run()
        } catch {
            console.error("\(error)")
            throw ExitCode(1)
        }
    }
}

/// `goalwall serve` as a service: starts the session, and stops it on the group's graceful
/// shutdown (SIGTERM or SIGINT), also one that came during the first build.
struct ServeService: Service {
    let session: ServeSession
    let console: Console

    func run() async throws {
        _ = try await session.start()
        try? await gracefulShutdown()
        console.info("stopping")
        await session.stop()
    }
}
