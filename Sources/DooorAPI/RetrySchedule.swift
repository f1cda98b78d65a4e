/// Whether a request is tried again, and when, as a state machine: the transport makes a try,
/// reports what it got, and does what the answer says. Every rule is here, tested without a
/// server or a clock. The transport is the only layer that tries a failed request again; apply
/// only sends a change again after learning something new (a create not carried out, a busy
/// database settled), and a readiness wait polls again because polling is its job.
struct RetrySchedule: Sendable {
  /// What one try got.
  enum TryResult: Sendable, Hashable {
    case answered(status: Int, retryAfter: Duration?)
    /// No answer: `neverSent` when the request did not leave (nothing can have happened),
    /// `isPermanent` when trying again cannot help.
    case failed(neverSent: Bool, isPermanent: Bool)
  }

  enum Decision: Sendable, Hashable {
    /// A 2xx answer.
    case succeed
    /// A DELETE answered 404 after an earlier try whose answer was lost: that try deleted it.
    case alreadyDone
    /// Try again after `pause`; with `pauseEveryone` (a 429) every request of the client waits.
    case retry(after: Duration, pauseEveryone: Bool)
    /// The last try's failure is the answer; `outOfTime` when only the deadline stopped a retry.
    case giveUp(outOfTime: Bool)
  }

  let policy: RetryPolicy
  /// A POST: never sent again once it may have been carried out.
  let isCreate: Bool
  let isDelete: Bool
  /// Tries made so far.
  private(set) var attempt = 0
  /// Tries that count against `policy.maxAttempts`. Under a deadline a 429 does not: a
  /// rate-limited request is simply tried again (CONTRACT §3) until the deadline stops it.
  private var countedTries = 0
  /// Tries that could not connect, against `policy.maxConnectAttempts` (other failures before
  /// them, a 503 say, do not use up a restarting server's reconnects).
  private var connectFailures = 0
  /// The pause the last answer, a 429, asks of every request (nil after any other answer). The
  /// transport closes its shared gate for it even when this request gives up.
  private(set) var rateLimitPause: Duration?
  /// Whether a try that failed may have been carried out although its answer was lost.
  private(set) var earlierTryMayHaveTakenEffect = false

  init(policy: RetryPolicy, method: String) {
    self.policy = policy
    isCreate = method == "POST"
    isDelete = method == "DELETE"
  }

  /// What to do after a try got `result`, with `timeLeft` until the caller's deadline (nil:
  /// none), `unitRandom` in 0..<1 for the backoff's jitter, and `unansweredInARow` the tries of
  /// the whole client in a row (this one included) that got no answer.
  mutating func next(
    after result: TryResult, timeLeft: Duration?, unitRandom: Double, unansweredInARow: Int = 0
  ) -> Decision {
    attempt += 1
    rateLimitPause = nil
    let isRateLimited = if case .answered(429, _) = result { true } else { false }
    if !(isRateLimited && timeLeft != nil) { countedTries += 1 }
    let canRetry = countedTries < policy.maxAttempts
    let pause: Duration
    let pauseEveryone: Bool
    switch result {
    case .answered(let status, _) where (200..<300).contains(status):
      return .succeed
    case .answered(429, let retryAfter):
      // Refused before any work was done, so even a create is simply tried again.
      pause = delay(retryAfter: retryAfter, unitRandom: unitRandom)
      rateLimitPause = pause
      guard canRetry else { return .giveUp(outOfTime: false) }
      pauseEveryone = true
    case .answered(let status, let retryAfter)
    where [502, 503, 504].contains(status) && canRetry && !isCreate:
      earlierTryMayHaveTakenEffect = true
      pause = delay(retryAfter: retryAfter, unitRandom: unitRandom)
      pauseEveryone = false
    case .answered(404, _) where isDelete && earlierTryMayHaveTakenEffect:
      return .alreadyDone
    case .answered:
      return .giveUp(outOfTime: false)
    case .failed(let neverSent, let isPermanent):
      if neverSent && !isPermanent { connectFailures += 1 }
      // Other requests' tries went unanswered too: the API, not this request, is the problem.
      if unansweredInARow >= policy.maxUnansweredTriesInARow {
        return .giveUp(outOfTime: false)
      }
      if neverSent && !isPermanent && canRetry && connectFailures < policy.maxConnectAttempts {
        pause = delay(retryAfter: nil, unitRandom: unitRandom)
      } else if !neverSent && !isCreate && canRetry {
        earlierTryMayHaveTakenEffect = true
        pause = delay(retryAfter: nil, unitRandom: unitRandom)
      } else {
        return .giveUp(outOfTime: false)
      }
      pauseEveryone = false
    }
    // A try that could only start at or after the deadline is not worth waiting for.
    if let timeLeft, pause >= timeLeft { return .giveUp(outOfTime: true) }
    return .retry(after: pause, pauseEveryone: pauseEveryone)
  }

  private func delay(retryAfter: Duration?, unitRandom: Double) -> Duration {
    policy.delay(afterAttempt: attempt, retryAfter: retryAfter, unitRandom: unitRandom)
  }
}
