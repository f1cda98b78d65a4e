import DooorCore
import DooorEngine
import Testing

/// Random plans (dependency graphs, failures, faults, limits) from fixed seeds, checked against
/// what must hold for any plan.
@Suite("Executor: invariants over random plans", .timeLimit(.minutes(5)))
struct ExecutorRandomizedTests {
  @Test(arguments: 1...40)
  func everyRunKeepsTheRules(seed: UInt64) async {
    var random = SeededRandom(seed: seed)
    let harness = Harness()
    let createCount = Int.random(in: 5...30, using: &random)
    let parallelism = Int.random(in: 1...8, using: &random)
    var changes: [PlannedChange] = []
    var prerequisites: [String: [String]] = [:]
    var failing: Set<String> = []
    for index in 0..<createCount {
      let slug = "db-\(index)"
      let dependsOn = (0..<index).filter { _ in Int.random(in: 0..<6, using: &random) == 0 }
        .map { "db-\($0)" }
      prerequisites[slug] = dependsOn
      await harness.api.declareDependency(slug, on: dependsOn)
      await harness.api.setProvisioningTime(
        .seconds(Int.random(in: 0...40, using: &random)), for: slug)
      if Int.random(in: 0..<10, using: &random) == 0 {
        failing.insert(slug)
        await harness.api.endInError(slug)
      }
      // The faults apply resolves itself; a 429 is the client's to retry, and one that
      // reaches apply fails the step.
      let faults: [ScriptedDatabaseAPI.Fault] = [
        .serverErrorAfterEffect, .serverErrorBeforeEffect, .timeoutAfterEffect,
        .conflictAfterEffect,
      ]
      if Int.random(in: 0..<4, using: &random) == 0,
        let fault = faults.randomElement(using: &random)
      {
        await harness.api.inject(fault, on: .create, for: slug)
      }
      changes.append(Fixture.create(slug, dependsOn: dependsOn))
    }
    let deleteCount = Int.random(in: 0...4, using: &random)
    for index in 0..<deleteCount {
      let slug = "old-\(index)"
      let remote = Fixture.remote(slug, id: "db_old_\(index)")
      await harness.api.seed(remote)
      let dependsOn = (0..<index).filter { _ in Bool.random(using: &random) }.map { "old-\($0)" }
      await harness.api.declareDependency(slug, on: dependsOn)
      changes.append(Fixture.delete(remote, absentWithDependsOn: dependsOn))
    }

    let report = await harness.apply(changes.shuffled(using: &random), parallelism: parallelism)

    #expect(await harness.api.violations == [], "seed \(seed)")
    #expect(await harness.api.maximumBusy <= parallelism, "seed \(seed)")
    #expect(await harness.api.createsCarriedOut.values.allSatisfy { $0 == 1 }, "seed \(seed)")
    // What each create's outcome must be, from its dependencies.
    var expected: [String: ApplyOutcome] = [:]
    for index in 0..<createCount {
      let slug = "db-\(index)"
      let blocked = prerequisites[slug, default: []].contains { expected[$0] != .done }
      expected[slug] = blocked ? .skipped : failing.contains(slug) ? .failed : .done
    }
    for (slug, outcome) in expected {
      #expect(report.outcome(slug) == outcome, "seed \(seed): \(slug)")
    }
    let everyCreateDone = expected.values.allSatisfy { $0 == .done }
    for index in 0..<deleteCount {
      #expect(
        report.outcome("old-\(index)") == (everyCreateDone ? .done : .skipped),
        "seed \(seed): old-\(index)")
    }
    #expect(report.succeeded == (everyCreateDone))
    #expect(!report.interrupted)
  }

  @Test func aThousandCreatesAtParallelismFifty() async {
    let harness = Harness()
    let changes = (0..<1000).map { Fixture.create("db-\($0)") }
    let report = await harness.apply(changes, parallelism: 50)

    #expect(report.succeeded)
    #expect(report.count(of: .done) == 1000)
    #expect(await harness.api.createsCarriedOut.count == 1000)
    #expect(await harness.api.maximumBusy <= 50)
  }
}
