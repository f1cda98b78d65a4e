import Testing

@testable import DooorAPI

/// The transport's retry rules, without a server or a clock.
@Suite(.timeLimit(.minutes(1))) struct RetryScheduleTests {
  private let policy = RetryPolicy(
    maxAttempts: 4, baseDelay: .seconds(1), maxDelay: .seconds(8), maxConnectAttempts: 2)

  @Test func a503IsRetriedAfterItsRetryAfterUntilTheAttemptsRunOut() {
    var schedule = RetrySchedule(policy: policy, method: "PATCH")
    let unavailable = RetrySchedule.TryResult.answered(status: 503, retryAfter: .seconds(5))
    for _ in 1..<policy.maxAttempts {
      #expect(
        schedule.next(after: unavailable, timeLeft: nil, unitRandom: 0.5)
          == .retry(after: .seconds(5), pauseEveryone: false))
    }
    #expect(
      schedule.next(after: unavailable, timeLeft: nil, unitRandom: 0.5)
        == .giveUp(outOfTime: false))
    #expect(schedule.attempt == policy.maxAttempts)
    #expect(schedule.earlierTryMayHaveTakenEffect)
  }

  /// A hung API: once 3 tries of the client in a row (other requests' included) got no
  /// answer, a failed try is not made again, so no request spends all its tries waiting.
  @Test func noRetryOnceTheClientsLastTriesAllWentUnanswered() {
    let unanswered = RetrySchedule.TryResult.failed(neverSent: false, isPermanent: false)
    var early = RetrySchedule(policy: policy, method: "GET")
    #expect(
      early.next(after: unanswered, timeLeft: nil, unitRandom: 0, unansweredInARow: 2)
        == .retry(after: .milliseconds(500), pauseEveryone: false))
    var late = RetrySchedule(policy: policy, method: "GET")
    #expect(
      late.next(after: unanswered, timeLeft: nil, unitRandom: 0, unansweredInARow: 3)
        == .giveUp(outOfTime: false))
    var refused = RetrySchedule(policy: policy, method: "GET")
    #expect(
      refused.next(
        after: .failed(neverSent: true, isPermanent: false), timeLeft: nil, unitRandom: 0,
        unansweredInARow: 3) == .giveUp(outOfTime: false))
  }

  @Test func noPauseReachesPastTheDeadline() {
    var schedule = RetrySchedule(policy: policy, method: "PATCH")
    let unavailable = RetrySchedule.TryResult.answered(status: 503, retryAfter: .seconds(60))
    #expect(
      schedule.next(after: unavailable, timeLeft: .seconds(61), unitRandom: 0)
        == .retry(after: .seconds(60), pauseEveryone: false))
    #expect(
      schedule.next(after: unavailable, timeLeft: .seconds(60), unitRandom: 0)
        == .giveUp(outOfTime: true))
  }

  @Test func a429PausesEveryoneAndIsRetriedEvenForACreate() {
    var schedule = RetrySchedule(policy: policy, method: "POST")
    #expect(
      schedule.next(
        after: .answered(status: 429, retryAfter: .seconds(2)), timeLeft: nil, unitRandom: 0)
        == .retry(after: .seconds(2), pauseEveryone: true))
    #expect(
      schedule.next(after: .answered(status: 201, retryAfter: nil), timeLeft: nil, unitRandom: 0)
        == .succeed)
  }

  @Test func aCreateThatMayHaveBeenCarriedOutIsNeverSentAgain() {
    var unavailable = RetrySchedule(policy: policy, method: "POST")
    #expect(
      unavailable.next(
        after: .answered(status: 503, retryAfter: nil), timeLeft: nil, unitRandom: 0)
        == .giveUp(outOfTime: false))
    var lost = RetrySchedule(policy: policy, method: "POST")
    #expect(
      lost.next(after: .failed(neverSent: false, isPermanent: false), timeLeft: nil, unitRandom: 0)
        == .giveUp(outOfTime: false))
    // Never sent: nothing can have happened, so even a create is tried again.
    var refused = RetrySchedule(policy: policy, method: "POST")
    #expect(
      refused.next(
        after: .failed(neverSent: true, isPermanent: false), timeLeft: nil, unitRandom: 0)
        == .retry(after: .milliseconds(500), pauseEveryone: false))
  }

  @Test func connectionFailuresAreTriedOnlyTheConnectAttempts() {
    var schedule = RetrySchedule(policy: policy, method: "GET")
    let refused = RetrySchedule.TryResult.failed(neverSent: true, isPermanent: false)
    #expect(
      schedule.next(after: refused, timeLeft: nil, unitRandom: 0) != .giveUp(outOfTime: false))
    #expect(
      schedule.next(after: refused, timeLeft: nil, unitRandom: 0) == .giveUp(outOfTime: false))
    #expect(schedule.attempt == policy.maxConnectAttempts)
    var untrusted = RetrySchedule(policy: policy, method: "GET")
    #expect(
      untrusted.next(
        after: .failed(neverSent: true, isPermanent: true), timeLeft: nil, unitRandom: 0)
        == .giveUp(outOfTime: false))
  }

  @Test func aDeleteWhoseAnswerWasLostIsDoneWhenTheRetryFindsItGone() {
    var schedule = RetrySchedule(policy: policy, method: "DELETE")
    #expect(
      schedule.next(after: .answered(status: 502, retryAfter: nil), timeLeft: nil, unitRandom: 0)
        == .retry(after: .milliseconds(500), pauseEveryone: false))
    #expect(
      schedule.next(after: .answered(status: 404, retryAfter: nil), timeLeft: nil, unitRandom: 0)
        == .alreadyDone)
    // Without an earlier lost answer, a 404 is the API's word.
    var fresh = RetrySchedule(policy: policy, method: "DELETE")
    #expect(
      fresh.next(after: .answered(status: 404, retryAfter: nil), timeLeft: nil, unitRandom: 0)
        == .giveUp(outOfTime: false))
  }

  @Test func underADeadlineA429IsRetriedPastTheAttemptLimitUntilTheDeadline() {
    // CONTRACT §3: a rate-limited request is simply tried again; the deadline bounds it.
    var schedule = RetrySchedule(policy: policy, method: "PATCH")
    let limited = RetrySchedule.TryResult.answered(status: 429, retryAfter: .seconds(1))
    for _ in 0..<(policy.maxAttempts * 3) {
      #expect(
        schedule.next(after: limited, timeLeft: .seconds(100), unitRandom: 0)
          == .retry(after: .seconds(1), pauseEveryone: true))
    }
    #expect(
      schedule.next(after: limited, timeLeft: .seconds(1), unitRandom: 0)
        == .giveUp(outOfTime: true))
    // Without a deadline the attempt limit is what ends it.
    var unbounded = RetrySchedule(policy: policy, method: "PATCH")
    for _ in 1..<policy.maxAttempts {
      _ = unbounded.next(after: limited, timeLeft: nil, unitRandom: 0)
    }
    #expect(
      unbounded.next(after: limited, timeLeft: nil, unitRandom: 0) == .giveUp(outOfTime: false))
  }

  @Test func a429ThatEndsTheRequestStillAsksEveryoneToPause() {
    var schedule = RetrySchedule(policy: policy, method: "GET")
    let limited = RetrySchedule.TryResult.answered(status: 429, retryAfter: .seconds(30))
    #expect(
      schedule.next(after: limited, timeLeft: .seconds(10), unitRandom: 0)
        == .giveUp(outOfTime: true))
    #expect(schedule.rateLimitPause == .seconds(30))
    #expect(
      schedule.next(after: .answered(status: 503, retryAfter: nil), timeLeft: nil, unitRandom: 0)
        != .succeed)
    #expect(schedule.rateLimitPause == nil)
  }

  @Test func aRefusedConnectionAfterOtherFailuresStillGetsItsReconnect() {
    // A server restarting: a 503, then a refused connection, then it is back.
    var schedule = RetrySchedule(policy: policy, method: "GET")
    #expect(
      schedule.next(after: .answered(status: 503, retryAfter: nil), timeLeft: nil, unitRandom: 0)
        == .retry(after: .milliseconds(500), pauseEveryone: false))
    #expect(
      schedule.next(
        after: .failed(neverSent: true, isPermanent: false), timeLeft: nil, unitRandom: 0)
        == .retry(after: .seconds(1), pauseEveryone: false))
    #expect(
      schedule.next(
        after: .failed(neverSent: true, isPermanent: false), timeLeft: nil, unitRandom: 0)
        == .giveUp(outOfTime: false))
  }
}
