import DooorCore
import DooorEngine
import DooorTestSupport
import Synchronization
import Testing

@Suite("Executor: concurrency limit and stopping", .timeLimit(.minutes(5)))
struct ExecutorConcurrencyTests {
  @Test func theConcurrencyLimitIsReachedAndNeverExceeded() async {
    let harness = Harness()
    let parallelism = 5
    await harness.api.holdCreates(untilConcurrent: parallelism)
    let watchdog = Task { [api = harness.api] in
      try await Task.sleep(for: .seconds(10))
      await api.releaseCreateBarrier(becauseOfTimeout: true)
    }
    let changes = (1...23).map { Fixture.create("db-\($0)") }
    let report = await harness.apply(changes, parallelism: parallelism)
    watchdog.cancel()

    #expect(report.succeeded)
    #expect(await harness.api.violations == [])
    // Every database changed was waited for, slot held, before another one started.
    #expect(await harness.api.maximumBusy <= parallelism)
    var inFlight = 0
    var mostInFlight = 0
    for event in harness.events.events {
      switch event.kind {
      case .started: inFlight += 1
      case .done, .failed, .interrupted: inFlight -= 1
      case .waiting, .skipped: break
      }
      mostInFlight = max(mostInFlight, inFlight)
    }
    #expect(mostInFlight == parallelism)
  }

  @Test func aParallelismOfOneRunsOneAtATime() async {
    let harness = Harness()
    let report = await harness.apply((1...4).map { Fixture.create("db-\($0)") }, parallelism: 1)

    #expect(report.succeeded)
    #expect(await harness.api.maximumBusy == 1)
    // In plan order, each finished before the next started.
    let log = harness.events
    for index in 1..<4 {
      #expect(log.started("db-\(index + 1)")! > log.finished("db-\(index)")!)
    }
  }

  @Test func aStopLetsRequestsInFlightFinishAndStartsNothingNew() async {
    let harness = Harness()
    for slug in ["a", "b"] { await harness.api.setProvisioningTime(.seconds(3600), for: slug) }
    let old = Fixture.remote("old", id: "db_old")
    await harness.api.seed(old)
    let creates = Mutex(0)
    let stoppedAtCall = Mutex<Int?>(nil)
    let callCount = Mutex(0)
    await harness.api.setOnCall { [stop = harness.stop] call in
      let number = callCount.withLock { count in
        count += 1
        return count
      }
      if call.kind == .create { creates.withLock { $0 += 1 } }
      // Once both creates went out and a poll is answered, Ctrl-C.
      if call.kind == .get, creates.withLock({ $0 }) == 2, stoppedAtCall.withLock({ $0 }) == nil {
        stoppedAtCall.withLock { $0 = number }
        stop.request()
      }
    }
    let report = await harness.apply([
      Fixture.create("a"), Fixture.create("b"), Fixture.create("c", dependsOn: ["a"]),
      Fixture.delete(old),
    ])

    #expect(report.interrupted)
    #expect(!report.succeeded)
    #expect(report.outcome("a") == .interrupted)
    #expect(report.outcome("b") == .interrupted)
    #expect(report.entry("a")?.lastStatus == .provisioning)
    #expect(report.outcome("c") == .notStarted)
    #expect(report.outcome("old") == .notStarted)
    #expect(Set(report.stillInProgress.map(\.reference.slug)) == ["a", "b"])
    let calls = await harness.api.calls
    let stopIndex = stoppedAtCall.withLock { $0 }!
    let mutationsAfterStop = calls[stopIndex...].filter {
      [.create, .update, .delete].contains($0.kind)
    }
    #expect(mutationsAfterStop.isEmpty)
    #expect(await harness.api.createsCarriedOut == ["a": 1, "b": 1])
    // Only what had started is reported as it ends; the rest is left to the summary.
    #expect(harness.events.firstIndex("c") { _ in true } == nil)
  }

  @Test func aStopAbandonsReadinessWaitsInsteadOfSleepingThemOut() async {
    // Apply's clock never moves on its own: a wait that is not abandoned never ends.
    let clock = SteppedClock()
    let api = ScriptedDatabaseAPI(clock: SteppedClock(advancesBySleeping: true))
    let stop = StopSignal()
    let executor = PlanExecutor(api: api, clock: clock, stopSignal: stop)
    let run = Task { await executor.apply(Plan(changes: [Fixture.create("a")])) }
    // The executor is asleep between two polls.
    await clock.waitForSleepers(1)
    stop.request()
    let report = await run.value

    #expect(clock.sleeperCount == 0)
    #expect(clock.elapsed == .zero)
    #expect(report.interrupted)
    #expect(report.outcome("a") == .interrupted)
    #expect(report.entry("a")?.lastStatus == .provisioning)
  }

  @Test func aStopBeforeTheRunStartsSendsNothing() async {
    let harness = Harness()
    harness.stop.request()
    let report = await harness.apply([Fixture.create("a"), Fixture.create("b")])

    #expect(report.interrupted)
    #expect(report.entries.allSatisfy { $0.outcome == .notStarted })
    #expect(await harness.api.calls == [])
  }
}
