import DooorCore

/// Sending a change: `ChangeAttempts` driven against the API.
extension StepExecution {
  enum ChangeAnswer<Value> {
    case sent(Value)
    /// A failed create whose slug a database turned out to hold, and the failure.
    case found(RemoteDatabase, after: any Error)
    /// A 404: what it means is the caller's to say.
    case notFound(any Error)
    /// Stopped before the first send left.
    case refusedToSend
  }

  /// Drives `ChangeAttempts` for one change: sends it, and again only as the machine says.
  mutating func sendChange<Value: Sendable>(
    _ change: ChangeAttempts.Change, doing activity: String, slug: String? = nil,
    excluding excludedID: String? = nil, _ send: () async throws -> Value
  ) async throws(StepEnd) -> ChangeAnswer<Value> {
    var machine = ChangeAttempts(
      change: change, activity: activity, limit: environment.options.maximumAttempts,
      deadline: deadline, timeout: environment.options.timeout)
    var action = machine.start(now: now)
    var lastError: (any Error)?
    while true {
      switch action {
      case .send:
        try checkStop()
        machine.sending()
        underway = true
        switch await call(send) {
        case .success(let value):
          return .sent(value)
        case .failure(let error):
          lastError = error
          if slug != nil && FailureKind(error) == .ambiguous { createOutcomeUnknown = true }
          action = machine.failed(error)
        }
      case .checkSlug:
        if let slug {
          let existing = try await lookUp(slug, excluding: excludedID)
          // Found or free, the look-up settled whether the create was carried out.
          createOutcomeUnknown = false
          if let existing, let lastError { return .found(existing, after: lastError) }
        }
        action = machine.slugFree(now: now)
      case .waitUntilSettled:
        try await wait(until: .settled)
        action = machine.settled(now: now)
      case .pause(let duration):
        try await sleep(duration)
        action = machine.paused(now: now)
      case .notFound:
        return .notFound(lastError ?? StepEnd.failed("not found"))
      case .interrupted:
        if machine.attempts == 1 { return .refusedToSend }
        throw .interrupted
      case .fail(let reason):
        throw .failed(reason)
      }
    }
  }
}
