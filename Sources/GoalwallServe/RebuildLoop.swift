import Foundation
import GoalwallKit
import Synchronization

/// When to rebuild. A burst of changes is one rebuild: it starts `quiet` after the last
/// change, but never later than `longestWait` after the first. Every `tick` the open pages
/// get a keep-alive, and when "today" has moved on (the as-of date of a site that pins
/// none) the wall is rebuilt, so the office TV moves to the next day by itself.
///
/// Every wait is on the clock it is given, to a deadline taken from that clock when the
/// change came: a test clock runs it without real sleeps, and exactly.
final class RebuildLoop<C: Clock>: Sendable where C.Duration == Duration {
    struct Timing: Sendable {
        var quiet: Duration = .milliseconds(80)
        var longestWait: Duration = .milliseconds(800)
        var tick: Duration = .seconds(15)
    }

    private let clock: C
    private let timing: Timing
    private let today: @Sendable () -> Day
    private let rebuild: @Sendable () async -> Void
    private let onTick: @Sendable () -> Void

    /// The first and the last change not yet rebuilt (nil: none).
    private struct Pending {
        var first: C.Instant
        var last: C.Instant
    }
    private let pending = Mutex<Pending?>(nil)
    /// Ticks fall at whole ticks from here.
    private let started: C.Instant
    private let wakeUps: AsyncStream<Void>
    private let wakeUp: AsyncStream<Void>.Continuation

    init(
        clock: C, timing: Timing, today: @escaping @Sendable () -> Day,
        rebuild: @escaping @Sendable () async -> Void, onTick: @escaping @Sendable () -> Void = {}
    ) {
        self.clock = clock
        self.timing = timing
        self.today = today
        self.rebuild = rebuild
        self.onTick = onTick
        started = clock.now
        (wakeUps, wakeUp) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Something in the site changed (called from the watcher's thread).
    func changed() {
        let now = clock.now
        pending.withLock { pending in
            pending = Pending(first: pending?.first ?? now, last: now)
        }
        wakeUp.yield()
    }

    /// Rebuilds and ticks until cancelled or finished.
    func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.rebuildOnChanges() }
            group.addTask { await self.tickAndWatchTheDay() }
            await group.next()
            group.cancelAll()
        }
    }

    /// Ends the loop (the session is stopping).
    func finish() { wakeUp.finish() }

    private func rebuildOnChanges() async {
        for await _ in wakeUps {
            // A change during a rebuild (or while waiting) moves the deadline: look again.
            while let deadline = deadline() {
                if clock.now < deadline {
                    do { try await clock.sleep(until: deadline, tolerance: nil) } catch { return }
                    continue
                }
                // Changes from here on are for the next rebuild; this one reads every file anew.
                pending.withLock { $0 = nil }
                await rebuild()
            }
        }
    }

    private func deadline() -> C.Instant? {
        pending.withLock { pending in
            pending.map { min($0.last.advanced(by: timing.quiet), $0.first.advanced(by: timing.longestWait)) }
        }
    }

    private func tickAndWatchTheDay() async {
        var day = today()
        var next = started.advanced(by: timing.tick)
        while true {
            if clock.now < next {
                do { try await clock.sleep(until: next, tolerance: nil) } catch { return }
            } else if Task.isCancelled {
                return
            }
            next = next.advanced(by: timing.tick)
            // The day's change is noted before the tick is told: whoever sees the tick sees
            // the rebuild already pending.
            let now = today()
            if now != day {
                day = now
                changed()
            }
            onTick()
        }
    }
}

/// A rebuild loop whatever its clock (the session keeps it without naming the clock).
protocol RebuildScheduling: Sendable {
    func changed()
    func run() async
    func finish()
}

extension RebuildLoop: RebuildScheduling {}
