import DooorCore
import DooorTestSupport
import Testing

@testable import DooorAPI

@Suite(.timeLimit(.minutes(5))) struct RequestGateTests {
  @Test func aClosedGateHoldsEveryWaiterUntilItReopens() async throws {
    let clock = SteppedClock(advancesBySleeping: true)
    let gate = RequestGate(time: ElapsedTime(clock))
    #expect(try await gate.waitUntilOpen())
    #expect(clock.sleeps.isEmpty)
    await gate.close(for: .seconds(2))
    // A shorter pause from another 429 does not shorten the longer one.
    await gate.close(for: .seconds(1))
    let opened = try await withThrowingTaskGroup(of: Bool.self) { group in
      for _ in 0..<3 { group.addTask { try await gate.waitUntilOpen() } }
      return try await group.reduce(into: [Bool]()) { $0.append($1) }
    }
    #expect(opened == [true, true, true])
    // The first waiter sleeps the whole pause; time is shared, so later ones sleep what is left.
    #expect(clock.sleeps.max() == .seconds(2))
    #expect(clock.elapsed >= .seconds(2))
    #expect(try await gate.waitUntilOpen())
  }

  @Test func aGateClosedBeyondTheCallersDeadlineIsNotWaitedFor() async throws {
    let clock = SteppedClock(advancesBySleeping: true)
    let gate = RequestGate(time: ElapsedTime(clock))
    await gate.close(for: .seconds(60))
    #expect(try await gate.waitUntilOpen(within: .seconds(30)) == false)
    #expect(clock.sleeps.isEmpty)
    #expect(try await gate.waitUntilOpen(within: .seconds(90)))
    #expect(clock.sleeps == [.seconds(60)])
  }

  @Test func backoffGrowsIsJitteredAndCapped() {
    let policy = RetryPolicy(baseDelay: .milliseconds(100), maxDelay: .seconds(1))
    #expect(policy.delay(afterAttempt: 1, retryAfter: nil, unitRandom: 0) == .milliseconds(50))
    #expect(policy.delay(afterAttempt: 1, retryAfter: nil, unitRandom: 1) == .milliseconds(100))
    #expect(policy.delay(afterAttempt: 3, retryAfter: nil, unitRandom: 1) == .milliseconds(400))
    #expect(policy.delay(afterAttempt: 10, retryAfter: nil, unitRandom: 1) == .seconds(1))
    #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(7), unitRandom: 0) == .seconds(7))
    #expect(
      policy.delay(afterAttempt: 1, retryAfter: .seconds(3600), unitRandom: 0)
        == policy.maxRetryAfter)
  }

  @Test func retryAfterIsReadInSeconds() {
    #expect(HTTPDatabaseAPI.parseRetryAfter("3") == .seconds(3))
    #expect(HTTPDatabaseAPI.parseRetryAfter("0.5") == .milliseconds(500))
    #expect(HTTPDatabaseAPI.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT") == nil)
    #expect(HTTPDatabaseAPI.parseRetryAfter("-1") == nil)
  }
}
