import DooorEngine
import DooorTestSupport
import Synchronization
import Testing

/// Continuous reconciliation's schedule on virtual time: cycles at the interval, one at a time,
/// an overrun delays the next, and a stop ends the loop between or during cycles.
@Suite(.timeLimit(.minutes(1)))
struct ReconcileLoopTests {
  /// Counts cycles, and lets a test hold a cycle open for a while on the clock.
  final class Cycles: Sendable {
    let clock: SteppedClock
    private let state = Mutex((started: 0, ended: 0, running: 0, mostAtOnce: 0))
    private let length: Duration

    init(clock: SteppedClock, length: Duration = .zero) {
      self.clock = clock
      self.length = length
    }

    var started: Int { state.withLock { $0.started } }
    var ended: Int { state.withLock { $0.ended } }
    var mostAtOnce: Int { state.withLock { $0.mostAtOnce } }

    func run() async {
      state.withLock {
        $0.started += 1
        $0.running += 1
        $0.mostAtOnce = max($0.mostAtOnce, $0.running)
      }
      if length > .zero { try? await clock.sleep(for: length) }
      state.withLock {
        $0.ended += 1
        $0.running -= 1
      }
    }
  }

  @Test func cyclesRunAtOnceAndThenEveryInterval() async {
    let clock = SteppedClock()
    let cycles = Cycles(clock: clock)
    let loop = Task {
      await ReconcileLoop.run(clock: clock, interval: .seconds(60)) { await cycles.run() }
    }
    // The loop sleeps once it has run what is due: counts are then final for this time.
    await clock.waitForSleepers(1)
    #expect(cycles.ended == 1)
    clock.advance(by: .seconds(59))
    await clock.waitForSleepers(1)
    #expect(cycles.ended == 1)
    clock.advance(by: .seconds(1))
    for expected in 2...5 {
      await clock.waitForSleepers(1)
      #expect(cycles.ended == expected)
      clock.advance(by: .seconds(60))
    }
    loop.cancel()
    // The sixth cycle, due at the last advance, may or may not have run before the cancel.
    #expect((5...6).contains(await loop.value))
  }

  @Test func anOverrunningCycleDelaysTheNextInsteadOfPilingUp() async {
    let clock = SteppedClock()
    // Each cycle takes 90 s of a 60 s interval.
    let cycles = Cycles(clock: clock, length: .seconds(90))
    let loop = Task {
      await ReconcileLoop.run(clock: clock, interval: .seconds(60)) { await cycles.run() }
    }
    // The only sleeper is the first cycle, 90 s long.
    await clock.waitForSleepers(1)
    #expect(cycles.started == 1)
    clock.advance(by: .seconds(90))
    // The first ends at 90 s, past the second's start at 60 s: the second starts at once, and
    // sleeps 90 s in its turn.
    await clock.waitForSleepers(1)
    #expect(cycles.started == 2 && cycles.ended == 1)
    clock.advance(by: .seconds(90))
    await clock.waitForSleepers(1)
    #expect(cycles.started == 3 && cycles.ended == 2)
    #expect(cycles.mostAtOnce == 1)
    loop.cancel()
    _ = await loop.value
    #expect(cycles.started == 3)
  }

  @Test func aStopBetweenCyclesEndsTheWaitAndRunsNoOther() async {
    let clock = SteppedClock()
    let cycles = Cycles(clock: clock)
    let loop = Task {
      await ReconcileLoop.run(clock: clock, interval: .seconds(60)) { await cycles.run() }
    }
    // The first cycle has ended and the loop waits for the second, due at 60 s.
    await clock.waitForSleepers(1)
    #expect(cycles.ended == 1)
    clock.advance(by: .seconds(30))
    loop.cancel()
    #expect(await loop.value == 1)
    // Time going past the second cycle's start runs nothing: the loop is over.
    clock.advance(by: .seconds(600))
    #expect(cycles.started == 1)
    #expect(clock.sleeperCount == 0)
  }

  @Test func aStopDuringACycleEndsItAndRunsNoOther() async {
    let clock = SteppedClock()
    let cycles = Cycles(clock: clock, length: .seconds(30))
    let loop = Task {
      await ReconcileLoop.run(clock: clock, interval: .seconds(60)) { await cycles.run() }
    }
    await clock.waitForSleepers(1)
    #expect(cycles.started == 1 && cycles.ended == 0)
    loop.cancel()
    #expect(await loop.value == 1)
    #expect(cycles.ended == 1)
    clock.advance(by: .seconds(600))
    #expect(cycles.started == 1)
  }

  @Test func theScheduleKeepsTheIntervalFromEachStart() {
    var schedule = ReconcileSchedule(interval: .seconds(60), firstStart: ContinuousClock.now)
    let start = schedule.nextStart
    #expect(
      schedule.cycleEnded(started: start, ended: start.advanced(by: .seconds(5)))
        == start.advanced(by: .seconds(60)))
    let late = start.advanced(by: .seconds(60))
    #expect(
      schedule.cycleEnded(started: late, ended: late.advanced(by: .seconds(75)))
        == late.advanced(by: .seconds(75)))
  }
}
