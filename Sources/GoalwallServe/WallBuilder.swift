import Foundation
import GoalwallKit
import Synchronization

/// What one rebuild did, for the log and for tests.
public struct RebuildReport: Sendable {
    public var succeeded: Bool
    public var changed: [String]
    public var removed: [String]
    public var diagnostics: [Diagnostic]
    public var milliseconds: Double
}

/// Runs GoalwallKit's `Rebuilder` on a thread of its own (a build is seconds of CPU work,
/// never on the cooperative pool the server answers from), then puts its outcome in front
/// of visitors: the new wall into the `WallState`, an event to every open page, and one
/// log line.
final class WallBuilder: Sendable {
    private let rebuilder: Rebuilder
    private let today: @Sendable () -> Day
    private let state: WallState
    private let events: EventChannel
    private let log: ServeLog
    /// One build at a time, in order.
    private let queue = DispatchQueue(label: "goalwall rebuilds")

    private struct Logged {
        var diagnostics: [String] = []
        var isFirst = true
    }
    private let logged = Mutex(Logged())

    init(
        options: BuildOptions, today: @escaping @Sendable () -> Day, state: WallState, events: EventChannel,
        log: @escaping ServeLog
    ) {
        rebuilder = Rebuilder(options: options)
        self.today = today
        self.state = state
        self.events = events
        self.log = log
    }

    /// One build; then the pages learn of it.
    @discardableResult
    func rebuild() async -> RebuildReport {
        let report = await withCheckedContinuation { continuation in
            queue.async { [self] in continuation.resume(returning: buildNow()) }
        }
        describe(report)
        return report
    }

    private func buildNow() -> RebuildReport {
        let start = DispatchTime.now()
        let outcome = rebuilder.rebuild(today: today())
        let now = Date()
        let event: String? = state.update { state in
            state.lastBuild = now
            let wasBroken = state.failure != nil
            if outcome.result.succeeded, let output = rebuilder.output {
                // A build written whole replaces whatever was served (an adopted output
                // folder, the files before a failed write); others change what changed.
                if outcome.isWhole || state.site == nil {
                    state.site = ServedSite(output, previous: state.site, at: now)
                } else {
                    state.site = state.site!.updated(
                        from: output, changed: outcome.changed, removed: outcome.removed, at: now)
                }
                state.failure = nil
                return wasBroken || !outcome.changed.isEmpty || !outcome.removed.isEmpty ? "reload" : nil
            }
            // The same errors again need no new event.
            let diagnostics = outcome.result.diagnostics
            if state.failure?.map(\.description) == diagnostics.map(\.description) { return nil }
            state.failure = diagnostics
            return "broken"
        }
        if let event { events.send(event) }
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
        return RebuildReport(
            succeeded: outcome.result.succeeded, changed: outcome.changed, removed: outcome.removed,
            diagnostics: outcome.result.diagnostics, milliseconds: ms)
    }

    /// The errors (when they differ from the last ones) and one line for the build.
    private func describe(_ report: RebuildReport) {
        let messages = report.diagnostics.map(\.description)
        let (changedDiagnostics, first) = logged.withLock { logged in
            defer {
                logged.diagnostics = messages
                logged.isFirst = false
            }
            return (logged.diagnostics != messages, logged.isFirst)
        }
        if changedDiagnostics {
            for diagnostic in report.diagnostics { log(.diagnostic(diagnostic)) }
        }
        log(
            .build(
                .init(
                    ok: report.succeeded, milliseconds: report.milliseconds,
                    changed: report.changed.count + report.removed.count,
                    errors: report.diagnostics.count { $0.severity == .error }, first: first,
                    serving: state.snapshot.site != nil)))
    }
}
