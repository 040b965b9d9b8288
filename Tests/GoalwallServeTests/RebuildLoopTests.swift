import Clocks
import Foundation
import GoalwallKit
import Testing

@testable import GoalwallServe

/// The rebuild loop on a test clock: debouncing and the day's change, without one real sleep.
@Suite("when goalwall serve rebuilds")
struct RebuildLoopTests {
    /// A loop on a test clock, counting its rebuilds and ticks.
    final class Harness: Sendable {
        let clock = TestClock()
        let today = Box(Day(iso: "2026-03-02")!)
        let rebuilds = Box(0)
        let ticks = Box(0)
        let loop: RebuildLoop<TestClock<Duration>>
        private let done: AsyncStream<Int>
        private let task: Box<Task<Void, Never>?> = Box(nil)

        init() {
            let (today, rebuilds, ticks) = (today, rebuilds, ticks)
            let (done, rebuilt) = AsyncStream<Int>.makeStream()
            self.done = done
            loop = RebuildLoop(
                clock: clock,
                timing: .init(quiet: .milliseconds(80), longestWait: .milliseconds(800), tick: .seconds(15)),
                today: { today.value },
                rebuild: {
                    rebuilds.value += 1
                    rebuilt.yield(rebuilds.value)
                },
                onTick: { ticks.value += 1 })
            let loop = self.loop
            task.value = Task { await loop.run() }
        }

        /// Waits for the rebuild with this number (a test that fails stops waiting after 10 s).
        func rebuilt(_ number: Int) async -> Bool {
            await settle { self.rebuilds.value >= number }
        }

        /// True once `condition` holds. The loop runs on other threads and may not have
        /// caught up with the clock yet; it may even have gone to sleep until the very instant
        /// the clock was moved to, just after the clock woke every sleeper due. So while
        /// waiting the clock is "advanced" by nothing, again and again: that wakes such a
        /// sleeper and never moves time, so no tick or rebuild happens that the test did not
        /// ask for (a test that fails stops waiting after 10 s).
        func settle(_ condition: () -> Bool) async -> Bool {
            let end = ContinuousClock.now + .seconds(10)
            while !condition() {
                if ContinuousClock.now > end { return false }
                await clock.advance(by: .zero)
                await Task.yield()
            }
            return true
        }

        func stop() async {
            task.value?.cancel()
            loop.finish()
            await task.value?.value
        }
    }

    @Test("a burst of changes, each within 80 ms of the last, is one rebuild, 80 ms after the last")
    func burst() async {
        let harness = Harness()
        for _ in 0..<6 {
            harness.loop.changed()
            await harness.clock.advance(by: .milliseconds(50))
        }
        // The last change came at 250 ms; now is 300 ms.
        #expect(harness.rebuilds.value == 0)
        await harness.clock.advance(by: .milliseconds(29))
        #expect(harness.rebuilds.value == 0)
        await harness.clock.advance(by: .milliseconds(1))
        #expect(await harness.rebuilt(1))
        await harness.clock.advance(by: .seconds(1))
        #expect(harness.rebuilds.value == 1)
        await harness.stop()
    }

    @Test("changes that never stop still rebuild 0.8 s after the first")
    func longestWait() async {
        let harness = Harness()
        // A change every 50 ms for 1.2 s: one rebuild at 0.8 s, one for the rest after them.
        for _ in 0..<16 {
            harness.loop.changed()
            await harness.clock.advance(by: .milliseconds(50))
        }
        // Now is 800 ms, 0.8 s after the first change and 50 ms after the last.
        #expect(await harness.rebuilt(1))
        for _ in 16..<24 {
            harness.loop.changed()
            await harness.clock.advance(by: .milliseconds(50))
        }
        // The last change came at 1,150 ms; now is 1,200 ms.
        #expect(harness.rebuilds.value == 1)
        await harness.clock.advance(by: .milliseconds(29))
        #expect(harness.rebuilds.value == 1)
        await harness.clock.advance(by: .milliseconds(1))
        #expect(await harness.rebuilt(2))
        await harness.clock.advance(by: .seconds(1))
        #expect(harness.rebuilds.value == 2)
        await harness.stop()
    }

    @Test("a quiet site is not rebuilt; ticks keep the streams alive")
    func quiet() async {
        let harness = Harness()
        await harness.clock.advance(by: .seconds(60))
        #expect(await harness.settle { harness.ticks.value == 4 })
        #expect(harness.rebuilds.value == 0)
        await harness.stop()
    }

    @Test("when the day changes the wall is rebuilt at the next tick, once")
    func midnight() async {
        let harness = Harness()
        await harness.clock.advance(by: .seconds(15))
        #expect(await harness.settle { harness.ticks.value == 1 })
        #expect(harness.rebuilds.value == 0)
        harness.today.value = Day(iso: "2026-03-03")!
        await harness.clock.advance(by: .seconds(15))
        #expect(await harness.settle { harness.ticks.value == 2 })
        #expect(harness.rebuilds.value == 0, "not before the quiet time")
        await harness.clock.advance(by: .milliseconds(80))
        #expect(await harness.rebuilt(1), "rebuilt 80 ms after the tick")
        await harness.clock.advance(by: .seconds(45))
        #expect(await harness.settle { harness.ticks.value == 5 })
        #expect(harness.rebuilds.value == 1, "once")
        await harness.stop()
    }
}
