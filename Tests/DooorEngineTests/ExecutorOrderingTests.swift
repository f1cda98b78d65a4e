import DooorCore
import DooorEngine
import Testing

@Suite("Executor: order of actions", .timeLimit(.minutes(5)))
struct ExecutorOrderingTests {
  @Test func aDependentStartsOnlyAfterItsDependencyIsReady() async {
    let harness = Harness()
    await harness.api.declareDependency("api", on: ["db"])
    await harness.api.declareDependency("web", on: ["api"])
    let report = await harness.apply([
      Fixture.create("api", dependsOn: ["db"]),
      Fixture.create("db"),
      Fixture.create("web", dependsOn: ["api"]),
      Fixture.create("worker"),
    ])

    #expect(report.succeeded)
    #expect(await harness.api.violations == [])
    #expect(await harness.api.createsCarriedOut == ["api": 1, "db": 1, "web": 1, "worker": 1])
    let log = harness.events
    #expect(log.started("api")! > log.finished("db")!)
    #expect(log.started("web")! > log.finished("api")!)
    // The independent database does not wait for the chain.
    #expect(log.started("worker")! < log.finished("db")!)
  }

  @Test func aDependentWaitsUntilEveryReplicaOfItsDependencyIsUp() async {
    let harness = Harness()
    await harness.api.setReplicaLag(.seconds(30))
    await harness.api.declareDependency("api", on: ["db"])
    let report = await harness.apply([
      Fixture.create("db"), Fixture.create("api", dependsOn: ["db"]),
    ])

    #expect(report.succeeded)
    let calls = await harness.api.calls
    let apiCreate = calls.firstIndex { $0.kind == .create && $0.slug == "api" }!
    // The database said `ready` well before its replicas were all up; apply asked `/status`.
    #expect(calls[apiCreate].at >= .seconds(33))
    #expect(calls[..<apiCreate].count { $0.kind == .status && $0.slug == "db" } > 1)
  }

  @Test func anUnchangedDependencyThatIsNotReadyIsWaitedFor() async {
    let harness = Harness()
    await harness.api.seed(Fixture.remote("cache", id: "db_cache", status: .provisioning))
    await harness.api.declareDependency("app", on: ["cache"])
    let report = await harness.apply(
      [Fixture.create("app", dependsOn: ["cache"])],
      notReady: [
        NotReadyDatabase(
          reference: Fixture.reference("cache"), id: "db_cache", status: .provisioning,
          note: "waited for")
      ])

    #expect(report.succeeded)
    #expect(report.entry("cache")?.action == .wait)
    #expect(await harness.api.violations == [])
    #expect(await harness.api.callKinds(for: "cache").contains(.create) == false)
  }

  @Test func aNotReadyDatabaseNothingDependsOnIsNotWaitedFor() async {
    let harness = Harness()
    await harness.api.seed(Fixture.remote("cache", id: "db_cache", status: .error))
    let report = await harness.apply(
      [Fixture.create("app")],
      notReady: [
        NotReadyDatabase(
          reference: Fixture.reference("cache"), id: "db_cache", status: .error, note: "error")
      ])

    #expect(report.succeeded)
    #expect(report.entry("cache") == nil)
    #expect(await harness.api.callKinds(for: "cache") == [])
  }

  @Test func deletesRunLastAndDependentsAreDeletedFirst() async {
    let harness = Harness()
    let oldQueue = Fixture.remote("old-queue", id: "db_q")
    let oldStore = Fixture.remote("old-store", id: "db_s")
    let kept = Fixture.remote("kept", id: "db_k")
    let pruned = Fixture.remote("pruned", id: "db_p")
    for database in [oldQueue, oldStore, kept, pruned] { await harness.api.seed(database) }
    await harness.api.declareDependency("old-queue", on: ["old-store"])

    let report = await harness.apply([
      Fixture.create("fresh"),
      Fixture.update(kept),
      Fixture.delete(oldQueue, absentWithDependsOn: ["old-store"]),
      Fixture.delete(oldStore, absentWithDependsOn: []),
      Fixture.delete(pruned),
    ])

    #expect(report.succeeded)
    #expect(await harness.api.violations == [])
    let calls = await harness.api.calls
    let lastCreateOrUpdate = calls.lastIndex { $0.kind == .create || $0.kind == .update }!
    let firstDelete = calls.firstIndex { $0.kind == .delete }!
    #expect(lastCreateOrUpdate < firstDelete)
    // Every delete starts after the creates and updates were seen ready.
    let log = harness.events
    for slug in ["old-queue", "old-store", "pruned"] {
      #expect(log.started(slug)! > log.finished("fresh")!)
      #expect(log.started(slug)! > log.finished("kept")!)
    }
    // Reverse dependency order: the queue (which depends on the store) is gone first.
    #expect(log.started("old-store")! > log.finished("old-queue")!)
    #expect(await harness.api.status(ofSlug: "old-store") == nil)
  }

  @Test func aReplacementDeletesWaitsUntilGoneCreatesThenReleasesDependents() async {
    let harness = Harness()
    let store = Fixture.remote("store", id: "db_old", engine: .postgresql)
    let app = Fixture.remote("app", id: "db_app")
    await harness.api.seed(store)
    await harness.api.seed(app)
    await harness.api.declareDependency("app", on: ["store"])
    // The replacement removes the store while the app exists: that is what replacing means.
    await harness.api.setChecksDeleteOrder(false)

    let report = await harness.apply([
      Fixture.update(app, dependsOn: ["store"]),
      Fixture.replace(store, with: .mysql),
    ])

    #expect(report.succeeded)
    #expect(await harness.api.violations == [])
    let storeCalls = await harness.api.calls.filter { $0.slug == "store" || $0.slug == "db_old" }
    let kinds = storeCalls.map(\.kind)
    let delete = kinds.firstIndex(of: .delete)!
    let create = kinds.firstIndex(of: .create)!
    #expect(delete < create)
    // Between them, the old database was polled until it was gone.
    #expect(kinds[delete..<create].contains(.get))
    #expect(await harness.api.createsCarriedOut["store"] == 1)
    let newID = report.entry("store")?.databaseID
    #expect(newID != nil && newID != "db_old")
    #expect(await harness.api.id(ofSlug: "store") == newID)
    #expect(harness.events.started("app")! > harness.events.finished("store")!)
  }

  @Test func aCycleThatSlipsThroughValidationFailsInsteadOfHanging() async {
    let harness = Harness()
    let report = await harness.apply([
      Fixture.create("a", dependsOn: ["b"]),
      Fixture.create("b", dependsOn: ["a"]),
      Fixture.create("c"),
    ])

    #expect(report.outcome("a") == .failed)
    #expect(report.outcome("b") == .failed)
    #expect(report.outcome("c") == .done)
    #expect(await harness.api.callKinds(for: "a") == [])
  }

  @Test func aPlanWithErrorsAppliesNothing() async {
    let harness = Harness()
    var plan = Plan(changes: [Fixture.create("a")])
    plan.errors = [
      .error(
        at: SourceLocation(file: "shop.yaml", line: 3, column: 5), "storage can only grow")
    ]
    let report = await harness.apply(plan)

    #expect(report.outcome("a") == .notStarted)
    #expect(await harness.api.calls == [])
  }
}
