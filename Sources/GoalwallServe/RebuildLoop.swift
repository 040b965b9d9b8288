import Foundation
import GoalwallKit
import Synchronization

/// When to rebuild. A burst of changes is one rebuild: a change waits `quiet` for more,
/// but never longer than `longestWait` after the first. Every `tick` the open pages get a
/// keep-alive, and when "today" has moved on (the as-of date of a site that pins none) the
/// wall is rebuilt, so the office TV moves to the next day by itself.
///
/// All waiting is on the clock it is given: a test clock makes it run without real sleeps.
final class RebuildLoop: Sendable {
    struct Timing: Sendable {
        var quiet: Duration = .milliseconds(80)
        var longestWait: Duration = .milliseconds(800)
        var tick: Duration = .seconds(15)
    }

    private let clock: any Clock<Duration>
    private let timing: Timing
    private let today: @Sendable () -> Day
    private let rebuild: @Sendable () async -> Void
    private let onTick: @Sendable () -> Void

    /// Changes seen so far (a count, so a rebuild knows whether more came while it waited).
    private let changes = Mutex(0)
    private let wakeUps: AsyncStream<Void>
    private let wakeUp: AsyncStream<Void>.Continuation

    init(
        clock: any Clock<Duration>, timing: Timing, today: @escaping @Sendable () -> Day,
        rebuild: @escaping @Sendable () async -> Void, onTick: @escaping @Sendable () -> Void = {}
    ) {
        self.clock = clock
        self.timing = timing
        self.today = today
        self.rebuild = rebuild
        self.onTick = onTick
        (wakeUps, wakeUp) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Something in the site changed (called from the watcher's thread).
    func changed() {
        changes.withLock { $0 += 1 }
        wakeUp.yield()
    }

    /// Rebuilds and ticks until cancelled.
    func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.rebuildOnChanges() }
            group.addTask { await self.tickAndWatchTheDay() }
            await group.waitForAll()
        }
    }

    private func rebuildOnChanges() async {
        var built = 0
        for await _ in wakeUps {
            // Changes a rebuild already saw (their wake-up came while it waited) need no other.
            if changes.withLock({ $0 }) == built { continue }
            guard let settled = await settle() else { return }
            built = settled
            await rebuild()
        }
    }

    /// Waits until changes stop coming (`quiet`), or `longestWait` has passed; the count of
    /// changes seen, or nil when cancelled.
    private func settle() async -> Int? {
        var waited = Duration.zero
        var seen = changes.withLock { $0 }
        while waited < timing.longestWait {
            let step = min(timing.quiet, timing.longestWait - waited)
            do { try await clock.sleep(for: step) } catch { return nil }
            waited += step
            let now = changes.withLock { $0 }
            if now == seen { break }
            seen = now
        }
        return seen
    }

    private func tickAndWatchTheDay() async {
        var day = today()
        while true {
            do { try await clock.sleep(for: timing.tick) } catch { return }
            onTick()
            let now = today()
            if now != day {
                day = now
                changed()
            }
        }
    }

    /// Ends the loop's wait for changes (the session is stopping).
    func finish() { wakeUp.finish() }
}
