import DooorCore

/// Sending one change (a create, a PATCH, a DELETE), as a state machine beside `ReadinessWait`:
/// the driver sends, reports what came back and does what the answer says.
///
/// The transport has already retried what it may (connection errors, 429, 5xx of requests safe
/// to repeat), within the step's deadline; a change is sent again here only after learning what
/// the transport cannot know: that a create was not carried out after all (checked by slug), or
/// that the busy database a PATCH or DELETE met has settled.
struct ChangeAttempts: Sendable {
  enum Change: Sendable, Hashable {
    /// A POST: sent again only after checking by slug that it was not carried out.
    case create
    /// A PATCH or DELETE: sent again after a 409 once the database has settled.
    case repeatable
  }

  enum Action: Sendable, Hashable {
    case send
    /// Look the slug up: a database holding it is adopted, else `slugFree`.
    case checkSlug
    /// Wait for the database to settle, then `settled`.
    case waitUntilSettled
    case pause(Duration)
    /// A 404 for a repeatable change: what it means is the caller's to say.
    case notFound
    case interrupted
    case fail(String)
  }

  let change: Change
  /// What the step is doing, for messages: `updating it`.
  let activity: String
  /// Sends in all, the first included.
  let limit: Int
  /// On the engine clock, the step's.
  let deadline: Duration
  let timeout: Duration
  private(set) var attempts = 0
  private var backoff = PollBackoff()
  private var lastFailure: (kind: FailureKind, text: String)?

  init(change: Change, activity: String, limit: Int, deadline: Duration, timeout: Duration) {
    self.change = change
    self.activity = activity
    self.limit = max(1, limit)
    self.deadline = deadline
    self.timeout = timeout
  }

  func start(now: Duration) -> Action { sendUnlessTimedOut(now: now) }

  /// The driver sends now.
  mutating func sending() { attempts += 1 }

  mutating func failed(_ error: any Error) -> Action {
    let kind = FailureKind(error)
    lastFailure = (kind, error.readableDescription)
    switch (change, kind) {
    case (_, .cancelled):
      return .interrupted
    case (_, .outOfTime):
      return .fail(timedOut(after: error.readableDescription))
    case (.create, .conflict), (.create, .ambiguous):
      return .checkSlug
    case (.repeatable, .notFound):
      return .notFound
    case (.repeatable, .conflict):
      return attempts < limit ? .waitUntilSettled : gaveUp()
    case (_, .rateLimited), (_, .ambiguous), (_, .notFound), (_, .refused):
      // The transport retried what could be retried: this is its last word.
      return .fail(error.readableDescription)
    }
  }

  /// The slug check after a failed create found no database holding it.
  mutating func slugFree(now: Duration) -> Action {
    guard let lastFailure, lastFailure.kind == .ambiguous else {
      // A 409 for a slug nobody holds: the API's word stands.
      return .fail(lastFailure?.text ?? "the create failed")
    }
    return attempts < limit ? pauseOrTimeOut(now: now) : gaveUp()
  }

  /// The busy database a change met has settled.
  mutating func settled(now: Duration) -> Action { pauseOrTimeOut(now: now) }

  func paused(now: Duration) -> Action { sendUnlessTimedOut(now: now) }

  private func sendUnlessTimedOut(now: Duration) -> Action {
    guard now < deadline else { return .fail(timedOut(after: lastFailure?.text)) }
    return .send
  }

  private mutating func pauseOrTimeOut(now: Duration) -> Action {
    guard now < deadline else { return .fail(timedOut(after: lastFailure?.text)) }
    return .pause(min(backoff.next(), deadline - now))
  }

  private func gaveUp() -> Action {
    .fail("gave up after \(Plural.count(attempts, "attempt")): \(lastFailure?.text ?? "no answer")")
  }

  private func timedOut(after failure: String?) -> String {
    "timed out after \(ElapsedText.format(timeout)) \(activity)"
      + (failure.map { ": \($0)" } ?? "")
  }
}
