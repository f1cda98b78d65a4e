import DooorCore
import DooorEngine
import DooorTestSupport
import Testing

@Suite("Executor: failures, timeouts and retries", .timeLimit(.minutes(5)))
struct ExecutorFailureTests {
  @Test func aFailureSkipsItsDependentsAndSparesUnrelatedDatabases() async {
    let harness = Harness()
    await harness.api.endInError("db")
    let report = await harness.apply([
      Fixture.create("api", dependsOn: ["db"]),
      Fixture.create("db"),
      Fixture.create("web", dependsOn: ["api"]),
      Fixture.create("worker"),
    ])

    #expect(!report.succeeded)
    #expect(report.outcome("db") == .failed)
    #expect(report.entry("db")?.reason?.contains("status error") == true)
    #expect(report.outcome("api") == .skipped)
    #expect(report.entry("api")?.reason?.contains("shop/db") == true)
    #expect(report.outcome("web") == .skipped)
    #expect(report.entry("web")?.reason?.contains("shop/db") == true)
    #expect(report.outcome("worker") == .done)
    #expect(await harness.api.callKinds(for: "api") == [])
    #expect(await harness.api.callKinds(for: "web") == [])
  }

  @Test func deletesAreSkippedWhenAnotherChangeFailed() async {
    let harness = Harness()
    let old = Fixture.remote("old", id: "db_old")
    await harness.api.seed(old)
    await harness.api.endInError("new")
    let report = await harness.apply([Fixture.create("new"), Fixture.delete(old)])

    #expect(report.outcome("new") == .failed)
    #expect(report.outcome("old") == .skipped)
    #expect(report.entry("old")?.reason?.contains("shop/new") == true)
    #expect(await harness.api.calls.contains { $0.kind == .delete } == false)
    #expect(await harness.api.status(ofSlug: "old") == .ready)
  }

  @Test func aDatabaseThatNeverBecomesReadyTimesOut() async {
    let harness = Harness()
    await harness.api.setProvisioningTime(.seconds(2 * 3600), for: "slow")
    let report = await harness.apply(
      [Fixture.create("slow"), Fixture.create("after", dependsOn: ["slow"])],
      timeout: .seconds(20 * 60))

    #expect(report.outcome("slow") == .failed)
    #expect(report.entry("slow")?.reason?.contains("timed out after 20m 00s") == true)
    #expect(report.entry("slow")?.lastStatus == .provisioning)
    #expect(report.stillInProgress.map(\.reference.slug) == ["slow"])
    #expect(report.outcome("after") == .skipped)
    // It gave up at the timeout, not long after.
    #expect(harness.clock.elapsed < .seconds(21 * 60))
  }

  @Test func slowProvisioningWithinTheTimeoutIsWaitedOut() async {
    let harness = Harness()
    await harness.api.setProvisioningTime(.seconds(15 * 60), for: "slow")
    await harness.api.declareDependency("after", on: ["slow"])
    let report = await harness.apply([
      Fixture.create("slow"), Fixture.create("after", dependsOn: ["slow"]),
    ])

    #expect(report.succeeded)
    #expect(await harness.api.violations == [])
    // Backing off to 10 s: far fewer polls than one a second over 15 minutes.
    let polls = await harness.api.callKinds(for: "slow").count { $0 == .get }
    #expect(polls > 10 && polls < 120)
  }

  @Test func anUpdateWaitsForADatabaseThatIsStillProvisioning() async {
    let harness = Harness()
    let busy = Fixture.remote("busy", id: "db_busy", status: .provisioning)
    await harness.api.seed(busy)
    let report = await harness.apply([Fixture.update(busy)])

    #expect(report.succeeded)
    #expect(await harness.api.violations == [])
    let kinds = await harness.api.callKinds(for: "busy")
    #expect(kinds.firstIndex(of: .get)! < kinds.firstIndex(of: .update)!)
  }

  @Test func anAmbiguousCreateThatWasCarriedOutIsAdoptedNotSentAgain() async {
    for fault in [ScriptedDatabaseAPI.Fault.serverErrorAfterEffect, .timeoutAfterEffect] {
      let harness = Harness()
      await harness.api.inject(fault, on: .create, for: "orders")
      let report = await harness.apply([Fixture.create("orders")])

      #expect(report.succeeded, "\(fault)")
      #expect(await harness.api.createsCarriedOut["orders"] == 1)
      let kinds = await harness.api.callKinds(for: "orders")
      #expect(kinds.count { $0 == .create } == 1, "\(fault)")
      #expect(kinds.firstIndex(of: .list)! > kinds.firstIndex(of: .create)!)
      #expect(report.entry("orders")?.databaseID == (await harness.api.id(ofSlug: "orders")))
      #expect(await harness.api.violations == [])
    }
  }

  @Test func anAmbiguousCreateThatWasNotCarriedOutIsSentAgainAfterChecking() async {
    let harness = Harness()
    await harness.api.inject(.serverErrorBeforeEffect, on: .create, for: "orders")
    let report = await harness.apply([Fixture.create("orders")])

    #expect(report.succeeded)
    #expect(await harness.api.createsCarriedOut["orders"] == 1)
    let kinds = await harness.api.callKinds(for: "orders")
    let creates = kinds.indices.filter { kinds[$0] == .create }
    #expect(creates.count == 2)
    #expect(kinds[creates[0]..<creates[1]].contains(.list))
  }

  @Test func aCreateThatNeverGetsThroughGivesUpAfterTheAttemptLimit() async {
    let harness = Harness()
    for _ in 0..<10 { await harness.api.inject(.serverErrorBeforeEffect, on: .create, for: "x") }
    let report = await harness.apply([Fixture.create("x")])

    #expect(report.outcome("x") == .failed)
    #expect(report.entry("x")?.reason?.contains("gave up after 5 attempts") == true)
    #expect(await harness.api.callKinds(for: "x").count { $0 == .create } == 5)
  }

  @Test func aConflictForTheSlugWithTheDeclaredEngineIsAdopted() async {
    let harness = Harness()
    await harness.api.inject(.conflictAfterEffect, on: .create, for: "orders")
    let report = await harness.apply([Fixture.create("orders")])

    #expect(report.succeeded)
    #expect(await harness.api.createsCarriedOut["orders"] == 1)
    #expect(await harness.api.callKinds(for: "orders").count { $0 == .create } == 1)
    #expect(report.entry("orders")?.databaseID == (await harness.api.id(ofSlug: "orders")))
  }

  @Test func aConflictWithADatabaseOfAnotherEngineFails() async {
    let harness = Harness()
    await harness.api.seed(Fixture.remote("orders", id: "db_theirs", engine: .redis))
    await harness.api.inject(.refused(status: 409), on: .create, for: "orders")
    let report = await harness.apply([Fixture.create("orders", engine: .postgresql)])

    #expect(report.outcome("orders") == .failed)
    #expect(report.entry("orders")?.reason?.contains("redis") == true)
    #expect(await harness.api.createsCarriedOut["orders"] == nil)
  }

  @Test func aRateLimitTheClientCouldNotOutlastFailsWithoutBeingSentAgain() async {
    // The client retries a 429 itself, within the deadline: one that reaches apply is final.
    let harness = Harness()
    await harness.api.inject(.rateLimited, on: .create, for: "orders")
    let report = await harness.apply([Fixture.create("orders")])

    #expect(report.outcome("orders") == .failed)
    #expect(report.entry("orders")?.reason?.contains("HTTP 429") == true)
    let kinds = await harness.api.callKinds(for: "orders")
    #expect(kinds.count { $0 == .create } == 1)
    // A 429 means nothing was done: no need to look the slug up.
    #expect(!kinds.contains(.list))
  }

  @Test func aRefusedCreateFailsWithTheAPIsMessage() async {
    let harness = Harness()
    await harness.api.inject(.refused(status: 422), on: .create, for: "bad")
    let report = await harness.apply([Fixture.create("bad")])

    #expect(report.outcome("bad") == .failed)
    #expect(report.entry("bad")?.reason?.contains("HTTP 422") == true)
    #expect(await harness.api.callKinds(for: "bad").count { $0 == .create } == 1)
  }

  @Test func aDeleteOfADatabaseAlreadyGoneIsDone() async {
    let harness = Harness()
    let report = await harness.apply([Fixture.delete(Fixture.remote("ghost", id: "db_ghost"))])

    #expect(report.succeeded)
    #expect(await harness.api.calls.map(\.kind) == [.delete])
  }

  @Test func anUpdateTheClientGaveUpOnIsNotSentAgain() async {
    // The client retried the 503 as often as its policy and the deadline allow.
    let harness = Harness()
    let kept = Fixture.remote("kept", id: "db_kept")
    await harness.api.seed(kept)
    await harness.api.inject(.serverErrorBeforeEffect, on: .update, for: "kept")
    let report = await harness.apply([Fixture.update(kept)])

    #expect(report.outcome("kept") == .failed)
    #expect(report.entry("kept")?.reason?.contains("HTTP 503") == true)
    #expect(await harness.api.callKinds(for: "kept").count { $0 == .update } == 1)
  }

  @Test func anUpdateThatMetABusyDatabaseIsSentAgainOnceItSettles() async {
    let harness = Harness()
    let kept = Fixture.remote("kept", id: "db_kept")
    await harness.api.seed(kept)
    await harness.api.inject(.refused(status: 409), on: .update, for: "kept")
    let report = await harness.apply([Fixture.update(kept)])

    #expect(report.succeeded)
    let kinds = await harness.api.callKinds(for: "kept")
    #expect(kinds.count { $0 == .update } == 2)
    // Between the two: a look at the database, to see it settled.
    let updates = kinds.indices.filter { kinds[$0] == .update }
    #expect(kinds[updates[0]..<updates[1]].contains(.get))
  }
}

extension ExecutorFailureTests {
  @Test func aReplacementWhoseCreateFailsSaysTheOldDatabaseIsGone() async {
    let harness = Harness()
    let store = Fixture.remote("store", id: "db_old")
    await harness.api.seed(store)
    await harness.api.inject(.refused(status: 422), on: .create, for: "store")
    let report = await harness.apply([Fixture.replace(store, with: .mysql)])

    #expect(report.outcome("store") == .failed)
    #expect(report.entry("store")?.reason?.contains("HTTP 422") == true)
    #expect(report.entry("store")?.reason?.contains("old database was deleted") == true)
    #expect(await harness.api.status(ofSlug: "store") == nil)
  }
}

extension ExecutorFailureTests {
  @Test func anUpdateOfADatabaseStillUpdatingTimesOutWithoutPatching() async {
    // The fake finishes an update in 2 s: a 1 s timeout runs out first.
    let harness = Harness()
    let busy = Fixture.remote("busy", id: "db_busy", status: .updating)
    await harness.api.seed(busy)
    let report = await harness.apply([Fixture.update(busy)], timeout: .seconds(1))

    #expect(report.outcome("busy") == .failed)
    #expect(report.entry("busy")?.reason?.contains("to finish updating before updating it") == true)
    #expect(await harness.api.callKinds(for: "busy").contains(.update) == false)
    #expect(report.entry("busy")?.lastStatus == .updating)
  }

  @Test func aDeleteThatEndsInErrorFails() async {
    let harness = Harness()
    let broken = Fixture.remote("broken", id: "db_broken")
    await harness.api.seed(broken)
    await harness.api.failDeletion("broken")
    let report = await harness.apply([Fixture.delete(broken)])

    #expect(report.outcome("broken") == .failed)
    #expect(report.entry("broken")?.reason == "deleting the database ended in status error")
  }

  @Test func aDeleteTheClientGaveUpOnFailsWithoutBeingSentAgain() async {
    // A DELETE whose answer was lost is the client's to retry (and a 404 then is success).
    let harness = Harness()
    let broken = Fixture.remote("broken", id: "db_broken")
    await harness.api.seed(broken)
    await harness.api.inject(.serverErrorAfterEffect, on: .delete, for: "broken")
    let report = await harness.apply([Fixture.delete(broken)])

    #expect(report.outcome("broken") == .failed)
    #expect(report.entry("broken")?.reason?.contains("HTTP 503") == true)
    #expect(await harness.api.callKinds(for: "broken").count { $0 == .delete } == 1)
  }

  @Test func aStopBetweenTheDeleteAndTheCreateOfAReplacementSaysTheDatabaseIsGone() async {
    let harness = Harness()
    let store = Fixture.remote("store", id: "db_old")
    await harness.api.seed(store)
    // Calls about the old id once it is gone are recorded under the id.
    await harness.api.setOnCall { [stop = harness.stop] call in
      if call.kind == .get && call.slug == "db_old" { stop.request() }
    }
    let report = await harness.apply([Fixture.replace(store, with: .mysql)])

    #expect(report.interrupted)
    #expect(report.outcome("store") == .interrupted)
    #expect(report.entry("store")?.reason?.contains("old database was deleted") == true)
    #expect(await harness.api.callKinds(for: "store").contains(.create) == false)
    #expect(await harness.api.createsCarriedOut.isEmpty)
  }
}
