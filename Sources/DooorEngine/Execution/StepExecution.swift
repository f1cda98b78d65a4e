import DooorCore

/// One step carried out: its requests, its retries and its waits, in the order CONTRACT §3 gives.
struct StepExecution {
  let environment: StepEnvironment
  let step: ApplyStep
  let started: Duration
  let deadline: Duration
  var databaseID: String?
  var lastStatus: DatabaseStatus?
  /// Whether the step has begun to act (a mutating request sent, or a wait begun): stopping
  /// after that is an interruption, before it the step was not started.
  var underway = false
  /// A replacement between deleting the old database and seeing the new one created: a step
  /// that ends here must say that the database is gone.
  private var replacementGap = false
  /// A create was sent, its answer never came, and no look-up by slug has settled whether it
  /// was carried out: a step stopped here must say the database may exist.
  var createOutcomeUnknown = false

  var api: any DatabaseAPI { environment.api }
  var workspace: String { step.reference.workspace }
  var now: Duration { environment.clock.now }

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
          (execution.createOutcomeUnknown
            ? "apply was stopped while creating it: no clear answer came (none, or a server"
              + " error) and apply could not check whether the create was carried out, so the"
              + " database may exist (plan again to see)"
            : "apply was stopped while waiting")
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

  func emit(_ kind: ApplyEvent.Kind) {
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

  /// Sends the create, and again only after making sure by slug that it was not carried out;
  /// adopts a database of the declared engine that turns out to hold the slug.
  private mutating func create(_ declared: DeclaredDatabase, replacing oldID: String?)
    async throws(StepEnd)
  {
    let request = CreateDatabaseRequest(declared: declared)
    let wasUnderway = underway
    let answer = try await sendChange(
      .create, doing: "creating it", slug: declared.slug,
      excluding: oldID
    ) { [api, workspace] in
      try await api.createDatabase(workspace: workspace, request)
    }
    switch answer {
    case .sent(let created):
      adopt(created)
    case .found(let existing, let error):
      guard existing.engine == declared.engine else {
        throw .failed(
          "the slug is already used by a \(existing.engine) database (\(existing.id)): "
            + error.readableDescription)
      }
      adopt(existing)
    case .notFound(let error):
      throw .failed(error.readableDescription)
    case .refusedToSend:
      // The client refused to send it: a first attempt leaves nothing behind.
      underway = wasUnderway
      throw .interrupted
    }
  }

  private mutating func adopt(_ database: RemoteDatabase) {
    databaseID = database.id
    lastStatus = database.status
  }

  /// The database that holds `slug` now, if any, ignoring `excludedID` (the one a replacement
  /// just deleted).
  func lookUp(_ slug: String, excluding excludedID: String?) async throws(StepEnd)
    -> RemoteDatabase?
  {
    let found = await call { [api, workspace] in
      try await api.database(slug: slug, workspace: workspace, excluding: excludedID)
    }
    switch found {
    case .success(let database):
      return database
    case .failure(let error):
      if FailureKind(error) == .cancelled { throw .interrupted }
      throw .failed(
        "could not check whether the create was carried out, so it was not sent again: "
          + error.readableDescription)
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
    let answer = try await sendChange(.repeatable, doing: "updating it") { [api, workspace] in
      try await api.updateDatabase(workspace: workspace, id: id, request)
    }
    switch answer {
    case .sent(let updated):
      adopt(updated)
    case .notFound(let error):
      throw .failed("the database no longer exists: \(error.readableDescription)")
    case .found, .refusedToSend:
      throw .interrupted
    }
  }

  /// Sends the DELETE; false when the database was already gone.
  private mutating func delete() async throws(StepEnd) -> Bool {
    guard let id = databaseID else { return false }
    let answer = try await sendChange(.repeatable, doing: "deleting it") { [api, workspace] in
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
    case .found, .refusedToSend:
      throw .interrupted
    }
  }
}
