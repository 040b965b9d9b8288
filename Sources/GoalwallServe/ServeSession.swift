import FlyingFox
import FlyingSocks
import Foundation
import GoalwallKit

/// `goalwall serve` (§8): builds the site into its output folder, serves the last good
/// wall over HTTP, watches the site, rebuilds on every change (a burst of saves is one
/// rebuild) and tells every open page to reload.
public final class ServeSession: @unchecked Sendable {
    public struct Options: Sendable {
        public var build: BuildOptions
        public var host = "127.0.0.1"
        /// 0 picks a free port (tests).
        public var port: UInt16 = 8080
        /// Poll the folder instead of using inotify.
        public var polling = false
        /// A change waits this long for more before the rebuild starts...
        public var quiet: Duration = .milliseconds(80)
        /// ...but never longer than this after the first one.
        public var longestWait: Duration = .milliseconds(800)
        /// The day when neither --as-of nor goalwall.yml gives one.
        public var today: @Sendable () -> Day = { Build.today() }
        /// How often open event streams get a keep-alive, and the day is checked.
        public var tick: Duration = .seconds(15)

        public init(build: BuildOptions) { self.build = build }
    }

    /// What a rebuild did, for the log and for tests.
    public struct Report: Sendable {
        public var succeeded: Bool
        public var changed: [String]
        public var removed: [String]
        public var diagnostics: [Diagnostic]
        public var milliseconds: Double
    }

    public let options: Options
    private let log: @Sendable (String) -> Void
    private let rebuilder: Rebuilder
    private let requests = WallRequests()
    private let builds = DispatchQueue(label: "goalwall rebuilds")
    private let lock = NSLock()
    private var pending = 0
    private var server: HTTPServer?
    private var watcher: SiteWatcher?
    private var tasks: [Task<Void, Never>] = []
    private var lastDiagnostics: [String] = []
    private var reports: AsyncStream<Report>.Continuation?
    /// Every rebuild after the first, as it finishes.
    public let rebuilds: AsyncStream<Report>

    public init(options: Options, log: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.log = log
        rebuilder = Rebuilder(options: options.build)
        (rebuilds, reports) = AsyncStream<Report>.makeStream(bufferingPolicy: .bufferingNewest(64))
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Builds, starts listening and watching; returns the address pages are served at.
    public func start() async throws -> URL {
        let address = try Self.address(host: options.host, port: options.port)
        let first = await rebuild()
        if !first.succeeded, requests.state.site == nil, let adopted = adoptOutputFolder() {
            requests.state.site = adopted
            log("serving the wall the output folder already holds until the site builds again")
        }
        let server = HTTPServer(config: .init(address: address, timeout: 30, logger: .disabled), handler: requests)
        self.server = server
        let failure = Locked<String?>(nil)
        let running = Task {
            do {
                try await server.run()
            } catch {
                failure.value = error.localizedDescription
                if !self.isStopping { self.log("error: the server stopped: \(error.localizedDescription)") }
            }
        }
        // Listening, or failed to (a port in use), whichever comes first.
        let deadline = ContinuousClock.now + .seconds(10)
        while await !server.isListening {
            if let reason = failure.value ?? (ContinuousClock.now > deadline ? "timed out" : nil) {
                running.cancel()
                throw Failure(
                    description:
                        "cannot listen on \(options.host):\(options.port) (\(reason); is another server using the port?)"
                )
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        guard let bound = await server.listeningAddress else {
            throw Failure(description: "cannot listen on \(options.host):\(options.port)")
        }
        let url = Self.url(for: bound, host: options.host)

        let (signals, signal) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let watcher = SiteWatcher(root: options.build.site, excluding: [options.build.output]) { [weak self] in
            guard let self else { return }
            lock.withLock { pending += 1 }
            signal.yield()
        }
        let mode = watcher.start(polling: options.polling)
        self.watcher = watcher
        let loop = Task { [weak self] in
            var built = 0
            for await _ in signals {
                guard let self else { return }
                // Changes a rebuild already saw (their signal came while it waited) need no other.
                if self.lock.withLock({ self.pending }) == built { continue }
                built = await self.settle()
                let report = await self.rebuild()
                self.reports?.yield(report)
            }
        }
        // Keep-alive pings; and at midnight a rebuild, since "today" is the as-of date of a
        // site that does not pin one (the wall on the office TV moves on by itself).
        let (today, tick) = (options.today, options.tick)
        let pings = Task { [requests, weak self] in
            var day = today()
            while !Task.isCancelled {
                try? await Task.sleep(for: tick)
                requests.events.ping()
                if today() != day, let self {
                    day = today()
                    self.lock.withLock { self.pending += 1 }
                    signal.yield()
                }
            }
        }
        lock.withLock { tasks = [running, loop, pings] }
        log("serving \(url.absoluteString) (watching \(options.build.site.path) with \(mode.rawValue); Ctrl-C stops)")
        if options.host == "0.0.0.0" || options.host == "::" {
            let name = ProcessInfo.processInfo.hostName
            log("listening on every address of this computer: from the office TV, http://\(name):\(url.port ?? 0)/")
        }
        return url
    }

    /// Waits until saves stop coming (`quiet`), or `longestWait` has passed; the changes seen.
    private func settle() async -> Int {
        let clock = ContinuousClock()
        let deadline = clock.now + options.longestWait
        var seen = lock.withLock { pending }
        while clock.now < deadline {
            try? await Task.sleep(for: options.quiet)
            let now = lock.withLock { pending }
            if now == seen { break }
            seen = now
        }
        return seen
    }

    /// One build on the build queue; then the pages learn of it.
    @discardableResult
    func rebuild() async -> Report {
        let report = await withCheckedContinuation { continuation in
            builds.async { [self] in
                let start = DispatchTime.now()
                let outcome = rebuilder.rebuild(today: options.today())
                let wasBroken = requests.state.failure != nil
                if outcome.result.succeeded, let output = rebuilder.output {
                    // A build written whole replaces whatever was served (an adopted output
                    // folder, the files before a failed write); others change what changed.
                    let served = requests.state.site
                    let site =
                        outcome.isWhole || served == nil
                        ? ServedSite(output, previous: served, at: Date())
                        : served!.updated(
                            from: output, changed: outcome.changed, removed: outcome.removed, at: Date())
                    requests.state = ServerState(site: site, failure: nil)
                    if wasBroken || !outcome.changed.isEmpty || !outcome.removed.isEmpty {
                        requests.events.send("reload")
                    }
                } else {
                    // The same errors again need no new event.
                    if requests.state.failure?.map(\.description) != outcome.result.diagnostics.map(\.description) {
                        requests.state.failure = outcome.result.diagnostics
                        requests.events.send("broken")
                    }
                }
                let ms = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
                continuation.resume(
                    returning: Report(
                        succeeded: outcome.result.succeeded, changed: outcome.changed, removed: outcome.removed,
                        diagnostics: outcome.result.diagnostics, milliseconds: ms))
            }
        }
        describe(report)
        return report
    }

    private var isFirstReport = true

    private func describe(_ report: Report) {
        defer { isFirstReport = false }
        let messages = report.diagnostics.map(\.description)
        if messages != lastDiagnostics {
            for message in messages { log(message) }
        }
        lastDiagnostics = messages
        let ms = String(format: "%.0f", report.milliseconds)
        if report.succeeded {
            let files = report.changed.count + report.removed.count
            let what = files == 1 ? "1 file" : "\(files) files"
            log(isFirstReport ? "built the wall in \(ms) ms: \(what)" : "built in \(ms) ms: \(what) changed")
        } else {
            let errors = report.diagnostics.count { $0.severity == .error }
            let serving = requests.state.site == nil ? "no wall to serve yet" : "still serving the last good wall"
            log("build failed (\(errors == 1 ? "1 error" : "\(errors) errors")) in \(ms) ms: \(serving)")
        }
    }

    private var stopping = false
    private var isStopping: Bool { lock.withLock { stopping } }

    /// Stops watching, ends every event stream and closes the server.
    public func stop() async {
        lock.withLock { stopping = true }
        watcher?.stop()
        let running = lock.withLock {
            let running = tasks
            tasks = []
            return running
        }
        for task in running.dropFirst() { task.cancel() }
        requests.events.finishAll()
        await server?.stop(timeout: 1)
        running.first?.cancel()
        reports?.finish()
    }

    /// A wall an earlier build wrote (its marker says so): served while the site is broken
    /// at start, so the office screen keeps it. Regular files only; links are not followed.
    private func adoptOutputFolder() -> ServedSite? {
        let folder = options.build.output
        let fm = FileManager.default
        guard fm.fileExists(atPath: folder.appending(path: OutputWriter.marker).path),
            let walker = fm.enumerator(atPath: folder.path)
        else { return nil }
        var files: [String: Data] = [:]
        while let path = walker.nextObject() as? String {
            guard !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }),
                (walker.fileAttributes?[.type] as? FileAttributeType) == .typeRegular,
                let data = fm.contents(atPath: folder.appending(path: path).path)
            else { continue }
            files[path] = data
        }
        return files.isEmpty ? nil : ServedSite(files, previous: nil, at: Date())
    }

    // MARK: Addresses

    /// Checks a `--host` value before anything starts.
    public static func validate(host: String) throws {
        _ = try address(host: host, port: 0)
    }

    /// `--host`: an IPv4 or IPv6 address, or `localhost`.
    static func address(host: String, port: UInt16) throws -> any SocketAddress {
        if host == "localhost" { return try sockaddr_in.inet(ip4: "127.0.0.1", port: port) }
        if let v4 = try? sockaddr_in.inet(ip4: host, port: port) { return v4 }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if let v6 = try? sockaddr_in6.inet6(ip6: bare, port: port) { return v6 }
        throw Failure(description: "--host must be an IP address such as 127.0.0.1 or 0.0.0.0 (got '\(host)')")
    }

    static func url(for address: Socket.Address, host: String) -> URL {
        switch address {
        case .ip4(let ip, let port):
            let shown = ip == "0.0.0.0" ? "127.0.0.1" : ip
            return URL(string: "http://\(shown):\(port)/")!
        case .ip6(let ip, let port):
            let shown = ip == "::" ? "::1" : ip
            return URL(string: "http://[\(shown)]:\(port)/")!
        case .unix(let path):
            return URL(fileURLWithPath: path)
        }
    }
}

/// A value shared between tasks, behind a lock.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
