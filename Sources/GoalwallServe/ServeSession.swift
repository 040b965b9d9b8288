import Foundation
import GoalwallKit
import Synchronization

/// `goalwall serve` (§8), wired together: builds the site into its output folder, serves
/// the last good wall over HTTP, watches the site, rebuilds on every change (a burst of
/// saves is one rebuild) and tells every open page to reload. Each part is its own type:
/// `WallBuilder` (a rebuild and its outcome), `RebuildLoop` (when to rebuild),
/// `SiteWatcher` (what changed), `WallServer` + `WallResponder` (HTTP), `EventChannel`
/// (live reload), `WallState` (what is served).
public final class ServeSession: Sendable {
    public struct Options: Sendable {
        public var build: BuildOptions
        public var address: ListenAddress
        /// Poll the folder instead of using inotify.
        public var polling = false
        /// The day when neither --as-of nor goalwall.yml gives one.
        public var today: @Sendable () -> Day = { Build.today() }
        /// What the rebuild loop waits on (tests give a clock they move by hand).
        public var clock: any Clock<Duration> = ContinuousClock()
        /// A change waits `quiet` for more, never longer than `longestWait`; every `tick`
        /// the open event streams get a keep-alive and the day is checked.
        public var quiet: Duration = .milliseconds(80)
        public var longestWait: Duration = .milliseconds(800)
        public var tick: Duration = .seconds(15)
        public var limits = ServerLimits()

        public init(build: BuildOptions, address: ListenAddress) {
            self.build = build
            self.address = address
        }
    }

    public typealias Report = RebuildReport

    public let options: Options
    /// Every rebuild after the first, as it finishes.
    public let rebuilds: AsyncStream<Report>
    private let reports: AsyncStream<Report>.Continuation
    private let log: ServeLog
    private let state = WallState()
    private let events = EventChannel()
    private let builder: WallBuilder
    private let server: WallServer
    private let loop: any RebuildScheduling

    private struct Running {
        var watcher: SiteWatcher?
        var loop: Task<Void, Never>?
    }
    private let running = Mutex(Running())

    public init(options: Options, log: @escaping ServeLog) {
        self.options = options
        self.log = log
        (rebuilds, reports) = AsyncStream<Report>.makeStream(bufferingPolicy: .bufferingNewest(64))
        builder = WallBuilder(options: options.build, today: options.today, state: state, events: events, log: log)
        server = WallServer(
            address: options.address, limits: options.limits, responder: WallResponder(state: state, events: events))
        let (builder, reports, events) = (builder, reports, events)
        func loop<C: Clock<Duration>>(on clock: C) -> any RebuildScheduling {
            RebuildLoop(
                clock: clock,
                timing: .init(quiet: options.quiet, longestWait: options.longestWait, tick: options.tick),
                today: options.today,
                rebuild: { reports.yield(await builder.rebuild()) },
                onTick: { events.ping() })
        }
        self.loop = loop(on: options.clock)
    }

    /// Builds, starts listening and watching; returns the address pages are served at.
    public func start() async throws -> URL {
        let first = await builder.rebuild()
        if !first.succeeded, state.snapshot.site == nil,
            let adopted = ServedSite.adopting(outputFolder: options.build.output, at: Date())
        {
            state.update { $0.site = adopted }
            log(.warning("serving the wall the output folder already holds until the site builds again"))
        }
        let port: Int
        do {
            port = try await server.start()
        } catch {
            throw WallServer.Failure(
                description:
                    "cannot listen on \(options.address.host):\(options.address.port) (\(error); is another server using the port?)"
            )
        }
        let url = options.address.url(boundPort: port)
        let loop = self.loop
        let watcher = SiteWatcher(root: options.build.site, excluding: [options.build.output]) { loop.changed() }
        let mode = watcher.start(polling: options.polling)
        let task = Task { await loop.run() }
        running.withLock { $0 = Running(watcher: watcher, loop: task) }
        log(
            .info(
                "serving \(url.absoluteString) (watching \(options.build.site.path) with \(mode.rawValue); Ctrl-C stops)"
            ))
        if options.address.isEveryAddress {
            let name = ProcessInfo.processInfo.hostName
            log(.info("listening on every address of this computer: from the office TV, http://\(name):\(port)/"))
        }
        return url
    }

    /// Event streams open now (pages with live reload).
    var openEventStreams: Int { events.openStreams }

    /// Stops watching, ends every event stream and closes the server. A rebuild under way
    /// is finished first (the output folder is never left half written).
    public func stop() async {
        let running = self.running.withLock { running in
            defer { running = Running() }
            return running
        }
        running.watcher?.stop()
        running.loop?.cancel()
        loop.finish()
        await running.loop?.value
        events.finishAll()
        await server.stop()
        reports.finish()
    }
}
