public import DooorCore

/// Carries out a `Plan` against the API as a dependency graph (CONTRACT §3) and reports what it
/// achieved: ordered by `dependsOn`, deletes last and dependents first, at most `parallelism`
/// steps at once, each step waiting for its database before giving up its slot.
public struct PlanExecutor: Sendable {
  private let api: any DatabaseAPI
  private let clock: any Clock<Duration>
  private let options: ApplyOptions
  private let observer: any ApplyObserver
  private let stopSignal: StopSignal

  public init(
    api: any DatabaseAPI, clock: any Clock<Duration> = ContinuousClock(),
    options: ApplyOptions = ApplyOptions(), observer: any ApplyObserver = SilentApplyObserver(),
    stopSignal: StopSignal = StopSignal()
  ) {
    self.api = api
    self.clock = clock
    self.options = options
    self.observer = observer
    self.stopSignal = stopSignal
  }

  /// Applies `plan`; never throws: failures are in the report. A plan with errors applies nothing.
  public func apply(_ plan: Plan) async -> ApplyReport {
    let clock = ElapsedTime(clock)
    let applyStart = clock.now
    let graph = ApplyGraph(plan: plan)
    guard !plan.hasErrors else {
      let entries = graph.steps.map { step in
        ApplyReport.Entry(
          reference: step.reference, action: step.action, outcome: .notStarted,
          reason: "the plan has errors; nothing was applied", databaseID: step.remoteID)
      }
      return ApplyReport(entries: entries, wallTime: .zero, interrupted: false)
    }
    let breaker = UnreachableAPIBreaker(threshold: options.unansweredCallsToStop)
    let environment = StepEnvironment(
      api: BreakerWatchedAPI(api: api, breaker: breaker), clock: clock, stop: stopSignal,
      observer: observer, options: options, applyStart: applyStart, breaker: breaker)
    var schedule = ApplySchedule(graph: graph)
    var entries = graph.steps.map { step in
      ApplyReport.Entry(
        reference: step.reference, action: step.action, outcome: .notStarted,
        databaseID: step.remoteID, lastStatus: step.change?.remote?.status)
    }

    func record(_ settled: [ApplySchedule.Settled]) {
      for item in settled {
        entries[item.step].outcome = item.outcome
        entries[item.step].reason = item.reason
        // Steps a stop leaves unstarted are listed by the summary; a line each would flood it.
        guard item.outcome == .skipped else { continue }
        let step = graph.steps[item.step]
        observer.observe(
          ApplyEvent(
            reference: step.reference, action: step.action, kind: .skipped(reason: item.reason),
            at: clock.now - applyStart))
      }
    }

    await withTaskGroup(of: (Int, StepResult).self) { group in
      while true {
        if environment.isStopping { record(schedule.stop()) }
        let free = options.parallelism - schedule.runningCount
        for index in schedule.start(upTo: free) {
          let step = graph.steps[index]
          group.addTask { (index, await StepExecution.run(step, in: environment)) }
        }
        if schedule.runningCount == 0 {
          record(schedule.failStuck())
          break
        }
        guard let (index, result) = await group.next() else { break }
        entries[index].outcome = result.outcome
        entries[index].reason = result.reason
        entries[index].duration = result.duration
        entries[index].databaseID = result.databaseID ?? entries[index].databaseID
        entries[index].lastStatus = result.lastStatus
        record(schedule.finish(index, outcome: result.outcome))
      }
    }
    return ApplyReport(
      entries: entries, wallTime: clock.now - applyStart,
      interrupted: stopSignal.isRequested || Task.isCancelled, stopReason: breaker.reason)
  }
}
