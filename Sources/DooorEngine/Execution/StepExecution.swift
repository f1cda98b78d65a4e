import DooorAPI
import DooorCore

/// How a step stopped short of done.
enum StepEnd: Error, Sendable, Hashable {
  case failed(String)
  /// Apply was stopped while the step was under way.
  case interrupted
  /// Apply was stopped before the step sent anything.
  case notStarted
}

/// What a finished step hands back to the executor.
struct StepResult: Sendable, Hashable {
  var outcome: ApplyOutcome
  var reason: String?
  var duration: Duration?
  var databaseID: String?
  var lastStatus: DatabaseStatus?
}

/// The services a step uses, shared by every step of one apply.
struct StepEnvironment: Sendable {
  let api: any DatabaseAPI
  let clock: any EngineClock
  let stop: StopSignal
  let observer: any ApplyObserver
  let options: ApplyOptions
  /// When the apply began, on `clock`.
  let applyStart: Duration
  /// Trips when the API stops answering; stops the run like `stop`.
  let breaker: UnreachableAPIBreaker

  var isStopping: Bool { stop.isRequested || Task.isCancelled || breaker.isTripped }
}

/// One step carried out: its requests, its retries and its waits, in the order CONTRACT §3 gives.
struct StepExecution {
  let environment: StepEnvironment
  let step: ApplyStep
  let started: Duration
  let deadline: Duration
  private(set) var databaseID: String?
  private(set) var lastStatus: DatabaseStatus?
  /// Whether the step has begun to act (a mutating request sent, or a wait begun): stopping
  /// after that is an interruption, before it the step was not started.
  private var underway = false
  /// A replacement between deleting the old database and seeing the new one created: a step
  /// that ends here must say that the database is gone.
  private var replacementGap = false

  private var api: any DatabaseAPI { environment.api }
  private var workspace: String { step.reference.workspace }
  private var now: Duration { environment.clock.now }

  init(environment: StepEnvironment, step: ApplyStep) {
    self.environment = environment
    self.step = step
    started = environment.clock.now
    deadline = started + environment.options.timeout
    databaseID = step.remoteID
    lastStatus = step.change?.remote?.status
  }

  static func run(_ step: ApplyStep, in environment: StepEnvironment) async -> StepResult {
    if environment.isStopping {
      return StepResult(outcome: .notStarted, reason: "apply was stopped")
    }
    var execution = StepExecution(environment: environment, step: step)
    execution.emit(.started)
    do throws(StepEnd) {
      try await execution.perform()
      let duration = execution.now - execution.started
      execution.emit(.done(duration: duration))
      return execution.result(.done, reason: nil)
    } catch {
      let duration = execution.now - execution.started
      switch error {
      case .failed(let reason):
        let reason = reason + execution.replacementGapNote
        execution.emit(.failed(reason: reason, duration: duration))
        return execution.result(.failed, reason: reason)
      case .interrupted, .notStarted:
        guard execution.underway else {
          let reason = "apply was stopped before anything was sent"
          execution.emit(.skipped(reason: reason))
          return execution.result(.notStarted, reason: reason)
        }
        let state = execution.lastStatus?.rawValue
        execution.emit(.interrupted(state: state, duration: duration))
        let reason =
          "apply was stopped while waiting"
          + (state.map { "; the database was still \($0)" } ?? "")
          + execution.replacementGapNote
        return execution.result(.interrupted, reason: reason)
      }
    }
  }

  private var replacementGapNote: String {
    replacementGap
      ? "; the old database was deleted and the new one was not created (apply again creates it)"
      : ""
  }

  private func result(_ outcome: ApplyOutcome, reason: String?) -> StepResult {
    StepResult(
      outcome: outcome, reason: reason, duration: now - started, databaseID: databaseID,
      lastStatus: lastStatus)
  }

  private func emit(_ kind: ApplyEvent.Kind) {
    environment.observer.observe(
      ApplyEvent(
        reference: step.reference, action: step.action, kind: kind,
        at: now - environment.applyStart))
  }

  // MARK: - The actions

  private mutating func perform() async throws(StepEnd) {
    switch step.action {
    case .wait:
      underway = true
      try await wait(until: .ready)
    case .create:
      guard let declared = step.change?.declared else {
        throw .failed("the plan has no declaration to create it from")
      }
      try await create(declared, replacing: nil)
      try await wait(until: .ready)
    case .update:
      guard let change = step.change, databaseID != nil else {
        throw .failed("the plan does not say which remote database to update")
      }
      try await update(change)
      try await wait(until: .ready)
    case .delete:
      guard databaseID != nil else {
        throw .failed("the plan does not say which remote database to delete")
      }
      if try await delete() { try await wait(until: .gone) }
    case .replace:
      guard let declared = step.change?.declared, let oldID = databaseID else {
        throw .failed("the plan does not say which remote database to replace, or with what")
      }
      if try await delete() { try await wait(until: .gone) }
      databaseID = nil
      lastStatus = nil
      replacementGap = true
      try await create(declared, replacing: oldID)
      replacementGap = false
      try await wait(until: .ready)
    }
  }

  /// Sends the create once, and again only after making sure by slug that it was not carried
  /// out; adopts a database of the declared engine that turns out to hold the slug.
  private mutating func create(_ declared: DeclaredDatabase, replacing oldID: String?)
    async throws(StepEnd)
  {
    let request = CreateDatabaseRequest(declared: declared)
    let wasUnderway = underway
    var pauses = PollBackoff()
    var attempts = 0
    while true {
      try checkStop()
      try checkDeadline(doing: "creating it")
      attempts += 1
      underway = true
      let outcome = await attempt { [api, workspace] in
        try await api.createDatabase(workspace: workspace, request)
      }
      let error: any Error
      switch outcome {
      case .success(let created):
        adopt(created)
        return
      case .failure(let failure):
        error = failure
      }
      switch FailureKind(error) {
      case .rateLimited:
        attempts -= 1
        try await pause(pauses.next(), doing: "creating it", after: error)
      case .conflict:
        if let existing = try await lookUp(declared.slug, excluding: oldID) {
          try adoptIfSameEngine(existing, declared: declared, after: error)
          return
        }
        throw .failed(error.readableDescription)
      case .ambiguous:
        if let existing = try await lookUp(declared.slug, excluding: oldID) {
          try adoptIfSameEngine(existing, declared: declared, after: error)
          return
        }
        guard attempts < environment.options.maximumAttempts else {
          throw .failed(
            "gave up after \(Plural.count(attempts, "attempt")): \(error.readableDescription)")
        }
        try await pause(pauses.next(), doing: "creating it", after: error)
      case .cancelled:
        // The client refused to send it: a first attempt leaves nothing behind.
        if attempts == 1 { underway = wasUnderway }
        throw .interrupted
      case .notFound, .refused:
        throw .failed(error.readableDescription)
      }
    }
  }

  private mutating func adopt(_ database: RemoteDatabase) {
    databaseID = database.id
    lastStatus = database.status
  }

  private mutating func adoptIfSameEngine(
    _ existing: RemoteDatabase, declared: DeclaredDatabase, after error: any Error
  ) throws(StepEnd) {
    guard existing.engine == declared.engine else {
      throw .failed(
        "the slug is already used by a \(existing.engine) database (\(existing.id)): "
          + error.readableDescription)
    }
    adopt(existing)
  }

  /// The database that holds `slug` now, if any, ignoring `excludedID` (the one a replacement
  /// just deleted). The search filter narrows the listing; the exact slug match decides, and a
  /// full listing backs up a search that finds nothing.
  private mutating func lookUp(_ slug: String, excluding excludedID: String?)
    async throws(StepEnd) -> RemoteDatabase?
  {
    var pauses = PollBackoff()
    var failures = 0
    while true {
      try checkStop()
      let found = await attempt { [api, workspace] () async throws -> RemoteDatabase? in
        let matches: (RemoteDatabase) -> Bool = { $0.slug == slug && $0.id != excludedID }
        let searched = try await api.listDatabases(
          workspace: workspace, filter: DatabaseFilter(search: slug))
        if let hit = searched.databases.first(where: matches) { return hit }
        return try await api.listDatabases(workspace: workspace, filter: .all).databases.first(
          where: matches)
      }
      switch found {
      case .success(let database):
        return database
      case .failure(let error):
        let kind = FailureKind(error)
        if kind == .cancelled { throw .interrupted }
        failures += 1
        guard kind.isTransient, failures < ReadinessWait.maximumConsecutiveFailures else {
          throw .failed(
            "could not check whether the create was carried out, so it was not sent again: "
              + error.readableDescription)
        }
        try await pause(pauses.next(), doing: "checking whether it was created", after: error)
      }
    }
  }

  private mutating func update(_ change: PlannedChange) async throws(StepEnd) {
    switch lastStatus {
    case .ready, .error, nil:
      break
    case .provisioning, .updating, .deleting, .unknown:
      try await wait(until: .settled)
    }
    let request = UpdateDatabaseRequest(change: change)
    guard !request.isEmpty, let id = databaseID else { return }
    let answer = try await sendRepeatable(doing: "updating it") { [api, workspace] in
      try await api.updateDatabase(workspace: workspace, id: id, request)
    }
    switch answer {
    case .sent(let updated):
      adopt(updated)
    case .notFound(let error):
      throw .failed("the database no longer exists: \(error.readableDescription)")
    }
  }

  /// Sends the DELETE; false when the database was already gone.
  private mutating func delete() async throws(StepEnd) -> Bool {
    guard let id = databaseID else { return false }
    let answer = try await sendRepeatable(doing: "deleting it") { [api, workspace] in
      try await api.deleteDatabase(workspace: workspace, id: id)
    }
    switch answer {
    case .sent:
      lastStatus = .deleting
      return true
    case .notFound:
      // Gone already: by an earlier attempt of this run, or by someone else.
      lastStatus = nil
      return false
    }
  }

  /// What a change that is safe to send again (a PATCH sets values, a DELETE removes) got.
  private enum RepeatableAnswer<Value> {
    case sent(Value)
    /// A 404: what it means is the caller's to say.
    case notFound(any Error)
  }

  /// Sends a repeatable change until it is answered or fails for good: 429s do not count as
  /// attempts, ambiguous failures and 409s (the database is busy: wait for it to settle first)
  /// are sent again up to the attempt limit.
  private mutating func sendRepeatable<Value: Sendable>(
    doing activity: String, _ send: () async throws -> Value
  ) async throws(StepEnd) -> RepeatableAnswer<Value> {
    var pauses = PollBackoff()
    var attempts = 0
    while true {
      try checkStop()
      try checkDeadline(doing: activity)
      attempts += 1
      underway = true
      let error: any Error
      switch await attempt(send) {
      case .success(let value):
        return .sent(value)
      case .failure(let failure):
        error = failure
      }
      switch FailureKind(error) {
      case .notFound:
        return .notFound(error)
      case .rateLimited:
        attempts -= 1
        try await pause(pauses.next(), doing: activity, after: error)
      case .ambiguous, .conflict:
        guard attempts < environment.options.maximumAttempts else {
          throw .failed(
            "gave up after \(Plural.count(attempts, "attempt")): \(error.readableDescription)")
        }
        if FailureKind(error) == .conflict { try await wait(until: .settled) }
        try await pause(pauses.next(), doing: activity, after: error)
      case .cancelled:
        throw .interrupted
      case .refused:
        throw .failed(error.readableDescription)
      }
    }
  }

  // MARK: - Waiting

  /// Drives a `ReadinessWait` against the API until it succeeds, fails, or apply stops.
  private mutating func wait(until goal: ReadinessWait.Goal) async throws(StepEnd) {
    guard let id = databaseID else {
      throw .failed("no database id to wait for")
    }
    var machine = ReadinessWait(
      goal: goal, deadline: deadline, timeout: environment.options.timeout)
    var action = machine.start()
    while true {
      switch action {
      case .fetchDatabase:
        try checkStop()
        let fetched = await attempt { [api, workspace] in
          try await api.database(workspace: workspace, id: id)
        }
        switch fetched {
        case .success(let database):
          action = machine.received(database: database, now: now)
        case .failure(let error):
          if FailureKind(error) == .cancelled { throw .interrupted }
          action = machine.requestFailed(error, now: now)
        }
        lastStatus = machine.lastStatus ?? lastStatus
      case .fetchStatus:
        try checkStop()
        let fetched = await attempt { [api, workspace] in
          try await api.status(workspace: workspace, id: id)
        }
        switch fetched {
        case .success(let replicas):
          action = machine.received(replicas: replicas, now: now)
        case .failure(let error):
          if FailureKind(error) == .cancelled { throw .interrupted }
          action = machine.requestFailed(error, now: now)
        }
      case .pause(let duration):
        emit(.waiting(state: waitingState(machine), elapsed: now - started))
        try await sleep(duration)
        action = machine.paused()
      case .succeed:
        if goal == .gone { lastStatus = nil }
        return
      case .fail(let reason):
        throw .failed(reason)
      }
    }
  }

  private func waitingState(_ machine: ReadinessWait) -> String {
    machine.goal == .settled ? "waiting for \(machine.state) to finish" : machine.state
  }

  /// Pauses between attempts of a request, within the step's deadline.
  private func pause(_ duration: Duration, doing activity: String, after error: any Error)
    async throws(StepEnd)
  {
    let remaining = deadline - now
    guard remaining > .zero else {
      throw .failed(
        "timed out after \(ElapsedText.format(environment.options.timeout)) \(activity): "
          + error.readableDescription)
    }
    try await sleep(min(duration, remaining))
  }

  /// Sleeps on the engine clock, waking early when apply is stopped.
  private func sleep(_ duration: Duration) async throws(StepEnd) {
    try checkStop()
    let clock = environment.clock
    let stop = environment.stop
    let tripped = environment.breaker.tripped
    await withTaskGroup(of: Void.self) { group in
      group.addTask { try? await clock.sleep(for: duration) }
      group.addTask { await stop.wait() }
      group.addTask { await tripped.wait() }
      await group.next()
      group.cancelAll()
    }
    try checkStop()
  }

  private func checkStop() throws(StepEnd) {
    if environment.isStopping { throw underway ? .interrupted : .notStarted }
  }

  private func checkDeadline(doing activity: String) throws(StepEnd) {
    guard now < deadline else {
      throw .failed(
        "timed out after \(ElapsedText.format(environment.options.timeout)) \(activity)")
    }
  }
}

/// Runs `body`, keeping its error as a value so typed-throwing callers can decide what it means.
private func attempt<Value: Sendable>(_ body: () async throws -> Value) async -> Result<
  Value, any Error
> {
  do {
    return .success(try await body())
  } catch {
    return .failure(error)
  }
}
