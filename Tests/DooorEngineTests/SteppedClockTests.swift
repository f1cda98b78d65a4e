import DooorTestSupport
import Testing

/// The tests' one clock: stepped, however many tasks sleep at once each wakes at its own
/// deadline and time is where the test put it; advancing by sleeping, a sleep until an instant
/// never moves time past the latest instant asked for.
@Suite("The virtual test clock", .timeLimit(.minutes(1)))
struct SteppedClockTests {
  @Test func sleepsUntilInstantsEndAtTheLatestNotTheSum() async throws {
    let clock = SteppedClock(advancesBySleeping: true)
    let start = clock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
      for seconds in [30, 10, 50, 20, 40] {
        group.addTask {
          try await clock.sleep(until: start.advanced(by: .seconds(seconds)), tolerance: nil)
        }
      }
      try await group.waitForAll()
    }
    // Adding each pause to a shared time would give 150 s.
    #expect(clock.elapsed == .seconds(50))
    #expect(clock.sleeps.count == 5)
  }

  @Test func steppedSleepersWakeEachAtItsOwnDeadline() async throws {
    let clock = SteppedClock()
    let start = clock.now
    let woken = try await withThrowingTaskGroup(of: Int.self) { group in
      for seconds in [3, 1, 2] {
        group.addTask {
          try await clock.sleep(until: start.advanced(by: .seconds(seconds)), tolerance: nil)
          return seconds
        }
      }
      await clock.waitForSleepers(3)
      clock.advance(by: .seconds(1))
      let first = try await group.next()
      clock.advance(by: .seconds(2))
      let rest = try await [group.next(), group.next()]
      return [first] + rest
    }
    #expect(woken.first == 1)
    #expect(Set(woken.compactMap { $0 }) == [1, 2, 3])
    #expect(clock.elapsed == .seconds(3))
  }
}
