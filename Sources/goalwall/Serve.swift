import ArgumentParser
import Foundation
import GoalwallKit
import GoalwallServe

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site, serve it, rebuild on every change and reload open pages.",
        discussion: """
            The wall is written to the output folder as 'build' would, and served from memory.
            Every change to goalwall.yml, content/, templates/ or static/ rebuilds what it
            affects; open pages reload by themselves. While a change is broken, open pages show
            every error as PATH:LINE:COLUMN, and everyone else (the kiosk too) keeps the last
            good wall. Ctrl-C stops.

            Examples:
              goalwall serve
              goalwall serve --site team --port 9000
              goalwall serve --host 0.0.0.0        show it on the office TV over the LAN
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

    var sessionOptions: ServeSession.Options {
        var build = BuildOptions(
            site: options.siteURL, output: output.map { URL(fileURLWithPath: $0, isDirectory: true) },
            asOf: options.asOfDay)
        build.includeDrafts = drafts
        build.strict = options.strict
        var session = ServeSession.Options(build: build)
        session.host = host
        session.port = UInt16(clamping: port)
        session.polling = poll
        return session
    }

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535, not \(port)") }
        do {
            try ServeSession.validate(host: host)
        } catch {
            throw ValidationError("\(error)")
        }
        if output != nil, let problem = Build.outputProblem(sessionOptions.build) {
            throw ValidationError("--output: \(problem.message)")
        }
    }

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let session = ServeSession(options: sessionOptions) { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                _ = try await session.start()
            } catch {
                outcome.failure = "\(error)"
                done.signal()
                return
            }
            await Self.untilInterrupted()
            FileHandle.standardError.write(Data("stopping\n".utf8))
            await session.stop()
            done.signal()
        }
        done.wait()
        if let failure = outcome.failure {
            FileHandle.standardError.write(Data("error: \(failure)\n".utf8))
            throw ExitCode(1)
        }
    }

    final class Outcome: @unchecked Sendable {
        var failure: String?
    }

    /// Returns on Ctrl-C (SIGINT) or SIGTERM.
    static func untilInterrupted() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let once = Once(continuation)
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { once.resume() }
                source.resume()
                Once.keep(source)
            }
        }
    }

    /// Resumes a continuation once, whichever signal comes first.
    final class Once: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<Void, Never>?
        nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

        init(_ continuation: CheckedContinuation<Void, Never>) { self.continuation = continuation }

        func resume() {
            lock.withLock {
                continuation?.resume()
                continuation = nil
            }
        }

        static func keep(_ source: any DispatchSourceSignal) { sources.append(source) }
    }
}
