import DooorCore

/// Waiting for one database to reach a goal, as a state machine: the driver performs the action
/// each method returns and reports back what it saw, so every rule here is tested without an API
/// or a clock.
struct ReadinessWait: Sendable {
  enum Goal: Sendable, Hashable {
    /// After a create or an update: status `ready` and `/status` ready == desired.
    case ready
    /// After a delete: the API answers 404.
    case gone
    /// Before an update: not `provisioning` or `updating` any more.
    case settled
  }

  enum Action: Sendable, Hashable {
    case fetchDatabase
    case fetchStatus
    case pause(Duration)
    case succeed
    case fail(String)
  }

  /// Polls failing in a row (after the client's own retries) before the wait gives up.
  static let maximumConsecutiveFailures = 5

  let goal: Goal
  /// On the engine clock; the same for every wait of one step, since `--timeout` bounds the step.
  let deadline: Duration
  let timeout: Duration
  private(set) var lastStatus: DatabaseStatus?
  private(set) var lastReplicas: ReplicaStatus?
  private var backoff = PollBackoff()
  private var consecutiveFailures = 0

  init(goal: Goal, deadline: Duration, timeout: Duration) {
    self.goal = goal
    self.deadline = deadline
    self.timeout = timeout
  }

  /// The first poll goes out at once: a database may be ready as soon as it is created.
  func start() -> Action { .fetchDatabase }

  /// A `GET` of the database answered; nil when it answered 404.
  mutating func received(database: RemoteDatabase?, now: Duration) -> Action {
    consecutiveFailures = 0
    guard let database else {
      switch goal {
      case .gone: return .succeed
      case .ready: return .fail("the database disappeared while waiting for it to be ready")
      case .settled: return .fail("the database no longer exists")
      }
    }
    lastStatus = database.status
    switch (goal, database.status) {
    case (.ready, .ready):
      return .fetchStatus
    case (.ready, .error):
      return .fail("the database ended in status error" + Self.reason(database))
    case (.ready, .deleting):
      return .fail("the database is being deleted")
    case (.gone, .error):
      return .fail("deleting the database ended in status error" + Self.reason(database))
    case (.settled, .ready), (.settled, .error):
      // An update may be what repairs a database in error, so it is attempted.
      return .succeed
    case (.settled, .deleting):
      return .fail("the database is being deleted; not updated")
    default:
      return pauseOrTimeOut(now: now)
    }
  }

  /// ": <the API's status message>", shown not obeyed (it comes from a server), or nothing.
  private static func reason(_ database: RemoteDatabase) -> String {
    guard let message = database.statusMessage, !message.isEmpty else { return "" }
    return ": " + DisplayText.visible(message)
  }

  /// `/status` answered.
  mutating func received(replicas: ReplicaStatus, now: Duration) -> Action {
    consecutiveFailures = 0
    lastReplicas = replicas
    return replicas.isReady ? .succeed : pauseOrTimeOut(now: now)
  }

  mutating func requestFailed(_ error: any Error, now: Duration) -> Action {
    let kind = FailureKind(error)
    if kind == .notFound { return received(database: nil, now: now) }
    // The deadline came before the poll could be sent: the wait timed out.
    if kind == .outOfTime { return pauseOrTimeOut(now: max(now, deadline)) }
    guard kind.isTransient else {
      return .fail("could not check on the database: \(error.readableDescription)")
    }
    consecutiveFailures += 1
    guard consecutiveFailures < Self.maximumConsecutiveFailures else {
      return .fail(
        "gave up after \(consecutiveFailures) failed checks in a row: \(error.readableDescription)"
      )
    }
    return pauseOrTimeOut(now: now)
  }

  /// The pause ended: look again, even at the deadline (a poll the deadline leaves no time for
  /// ends the wait as timed out).
  func paused() -> Action { .fetchDatabase }

  /// What the wait is waiting on, for progress lines: `provisioning`, `replicas 0/1`.
  var state: String {
    if goal == .ready, lastStatus == .ready, let replicas = lastReplicas {
      return "replicas \(replicas.ready)/\(replicas.desired)"
    }
    guard let lastStatus else { return goal == .gone ? "deleting" : "checking" }
    return lastStatus.rawValue
  }

  private mutating func pauseOrTimeOut(now: Duration) -> Action {
    guard now < deadline else {
      let waitedFor: String
      switch goal {
      case .ready: waitedFor = "to be ready"
      case .gone: waitedFor = "to be deleted"
      case .settled:
        waitedFor = "to finish \(lastStatus?.rawValue ?? "changing") before updating it"
      }
      let last = lastStatus.map { " (last status: \($0))" } ?? ""
      return .fail(
        "timed out after \(ElapsedText.format(timeout)) waiting for the database \(waitedFor)\(last)"
      )
    }
    return .pause(min(backoff.next(), deadline - now))
  }
}
