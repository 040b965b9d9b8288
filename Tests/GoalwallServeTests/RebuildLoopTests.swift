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
            await withTaskGroup(of: Bool.self) { group in
                group.addTask {
                    for await count in self.done where count >= number { return true }
                    return false
                }
                group.addTask {
                    try? await Task.sleep(for: .seconds(10))
                    return false
                }
                let first = await group.next() ?? false
                group.cancelAll()
                return first
            }
        }

        func stop() async {
            task.value?.cancel()
            loop.finish()
            await task.value?.value
        }
    }

    /// True once `condition` holds: the loop runs on other threads and may not have caught up
    /// with the clock yet (a test that fails stops waiting after 10 s).
    func eventually(_ condition: () -> Bool) async -> Bool {
        let end = ContinuousClock.now + .seconds(10)
        while !condition() {
            if ContinuousClock.now > end { return false }
            await Task.yield()
        }
        return true
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
        for _ in 0..<24 {
            harness.loop.changed()
            await harness.clock.advance(by: .milliseconds(50))
        }
        #expect(await harness.rebuilt(1))
        #expect(harness.rebuilds.value == 1)
        await harness.clock.advance(by: .milliseconds(100))
        #expect(await harness.rebuilt(2))
        await harness.clock.advance(by: .seconds(1))
        #expect(harness.rebuilds.value == 2)
        await harness.stop()
    }

    @Test("a quiet site is not rebuilt; ticks keep the streams alive")
    func quiet() async {
        let harness = Harness()
        await harness.clock.advance(by: .seconds(60))
        #expect(await eventually { harness.ticks.value == 4 })
        #expect(harness.rebuilds.value == 0)
        await harness.stop()
    }

    /// Moves the clock `step` at a time until `condition` holds, giving the loop's task up to
    /// 20 ms of real time after each step to act (it may not have started, or not yet be
    /// asleep, when the clock moves): at most `limit` steps.
    func advance(_ harness: Harness, by step: Duration, limit: Int = 400, until condition: () -> Bool) async -> Bool {
        for _ in 0..<limit {
            await harness.clock.advance(by: step)
            let end = ContinuousClock.now + .milliseconds(20)
            while ContinuousClock.now < end {
                if condition() { return true }
                await Task.yield()
            }
        }
        return condition()
    }

    @Test("when the day changes the wall is rebuilt at the next tick, once")
    func midnight() async {
        let harness = Harness()
        #expect(await advance(harness, by: .seconds(15)) { harness.ticks.value >= 1 })
        #expect(harness.rebuilds.value == 0)
        harness.today.value = Day(iso: "2026-03-03")!
        let ticks = harness.ticks.value
        #expect(await advance(harness, by: .seconds(15)) { harness.ticks.value > ticks })
        #expect(await advance(harness, by: .milliseconds(80)) { harness.rebuilds.value == 1 })
        #expect(harness.ticks.value == ticks + 1, "rebuilt at the next tick")
        await harness.clock.advance(by: .seconds(45))
        #expect(harness.rebuilds.value == 1)
        await harness.stop()
    }
}
