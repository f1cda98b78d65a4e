import DooorCore
import DooorEngine
import DooorTestSupport

/// One executor run against a fresh scripted API on a clock that advances by sleeping.
struct Harness {
  let clock = SteppedClock(advancesBySleeping: true)
  let api: ScriptedDatabaseAPI
  let events = EventLog()
  let stop = StopSignal()

  init() {
    api = ScriptedDatabaseAPI(clock: clock)
  }

  func apply(
    _ changes: [PlannedChange], notReady: [NotReadyDatabase] = [], parallelism: Int = 10,
    timeout: Duration = .seconds(20 * 60)
  ) async -> ApplyReport {
    await apply(
      Plan(changes: changes, notReady: notReady), parallelism: parallelism, timeout: timeout)
  }

  func apply(_ plan: Plan, parallelism: Int = 10, timeout: Duration = .seconds(20 * 60)) async
    -> ApplyReport
  {
    let executor = PlanExecutor(
      api: api, clock: clock, options: ApplyOptions(parallelism: parallelism, timeout: timeout),
      observer: events, stopSignal: stop)
    return await executor.apply(plan)
  }
}

extension ApplyReport {
  func entry(_ slug: String) -> Entry? {
    entries.first { $0.reference.slug == slug }
  }

  func outcome(_ slug: String) -> ApplyOutcome? { entry(slug)?.outcome }
}
