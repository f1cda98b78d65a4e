import DooorCore

/// Waiting: `ReadinessWait` driven against the API, sleeps that a stop cuts short, and every
/// API call made within the step's deadline.
extension StepExecution {
  /// Drives a `ReadinessWait` against the API until it succeeds, fails, or apply stops.
  mutating func wait(until goal: ReadinessWait.Goal) async throws(StepEnd) {
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
        let fetched = await call { [api, workspace] in
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
        let fetched = await call { [api, workspace] in
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

  /// Sleeps on the engine clock, waking early when apply is stopped.
  func sleep(_ duration: Duration) async throws(StepEnd) {
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

  func checkStop() throws(StepEnd) {
    if environment.isStopping { throw underway ? .interrupted : .notStarted }
  }

  /// Runs one API call within the step's deadline (`RequestDeadline`), keeping its error as a
  /// value so typed-throwing callers can decide what it means. A stop (Ctrl-C, the breaker)
  /// leaves the call no time, so the transport starts no new try of it, a retry included.
  func call<Value: Sendable>(_ body: () async throws -> Value) async -> Result<
    Value, any Error
  > {
    let environment = environment
    let deadline = deadline
    do {
      return .success(
        try await RequestDeadline.$budget.withValue(
          RequestDeadline.Budget {
            environment.isStopping ? .zero : deadline - environment.clock.now
          }
        ) {
          try await body()
        })
    } catch var error as APIError where error.kind == .outOfTime && environment.isStopping {
      // Not sent because of the stop, not the deadline: the step was interrupted.
      error.kind = .cancelled
      return .failure(error)
    } catch {
      return .failure(error)
    }
  }
}
