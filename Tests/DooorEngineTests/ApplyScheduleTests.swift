import DooorCore
import Testing

@testable import DooorEngine

@Suite("The apply graph and its schedule", .timeLimit(.minutes(5)))
struct ApplyScheduleTests {
  private func index(_ graph: ApplyGraph, _ slug: String) -> Int {
    graph.steps.firstIndex { $0.reference.slug == slug }!
  }

  @Test func deletesWaitForEveryOtherStepAndForTheirDependents() {
    let plan = Plan(changes: [
      Fixture.create("fresh"),
      Fixture.delete(Fixture.remote("queue", id: "q"), absentWithDependsOn: ["store"]),
      Fixture.delete(Fixture.remote("store", id: "s"), absentWithDependsOn: []),
    ])
    var schedule = ApplySchedule(graph: ApplyGraph(plan: plan))
    let graph = schedule.graph
    #expect(schedule.start(upTo: 10) == [index(graph, "fresh")])
    #expect(schedule.finish(index(graph, "fresh"), outcome: .done) == [])
    #expect(schedule.start(upTo: 10) == [index(graph, "queue")])
    #expect(schedule.finish(index(graph, "queue"), outcome: .done) == [])
    #expect(schedule.start(upTo: 10) == [index(graph, "store")])
    _ = schedule.finish(index(graph, "store"), outcome: .done)
    #expect(schedule.isComplete)
  }

  @Test func aFailureSettlesDependentsTransitivelyAndEveryDelete() {
    let plan = Plan(changes: [
      Fixture.create("a"),
      Fixture.create("b", dependsOn: ["a"]),
      Fixture.create("c", dependsOn: ["b"]),
      Fixture.create("d"),
      Fixture.delete(Fixture.remote("old", id: "o")),
    ])
    var schedule = ApplySchedule(graph: ApplyGraph(plan: plan))
    let graph = schedule.graph
    #expect(schedule.start(upTo: 10) == [index(graph, "a"), index(graph, "d")])
    let settled = schedule.finish(index(graph, "a"), outcome: .failed)
    #expect(
      settled == [
        .init(step: index(graph, "b"), outcome: .skipped, reason: "dependency shop/a failed"),
        .init(
          step: index(graph, "c"), outcome: .skipped,
          reason: "dependency shop/b was not applied (shop/a failed)"),
      ])
    let deletes = schedule.finish(index(graph, "d"), outcome: .done)
    #expect(deletes.map(\.step) == [index(graph, "old")])
    #expect(deletes.first?.reason.contains("shop/a") == true)
    #expect(schedule.isComplete)
  }

  @Test func aStopSettlesWhatIsPendingAsNotStarted() {
    let plan = Plan(changes: [Fixture.create("a"), Fixture.create("b", dependsOn: ["a"])])
    var schedule = ApplySchedule(graph: ApplyGraph(plan: plan))
    _ = schedule.start(upTo: 10)
    #expect(schedule.stop().map(\.outcome) == [.notStarted])
    #expect(schedule.start(upTo: 10) == [])
    _ = schedule.finish(0, outcome: .interrupted)
    #expect(schedule.isComplete)
  }

  @Test func theLimitCapsHowManyStart() {
    let plan = Plan(changes: (1...5).map { Fixture.create("db-\($0)") })
    var schedule = ApplySchedule(graph: ApplyGraph(plan: plan))
    #expect(schedule.start(upTo: 2) == [0, 1])
    #expect(schedule.runningCount == 2)
    #expect(schedule.start(upTo: 0) == [])
  }

  @Test func waitStepsAreAddedOnlyForNotReadyDependencies() {
    let plan = Plan(
      changes: [Fixture.create("app", dependsOn: ["cache", "store"])],
      notReady: [
        NotReadyDatabase(
          reference: Fixture.reference("cache"), id: "c", status: .updating, note: ""),
        NotReadyDatabase(
          reference: Fixture.reference("unrelated"), id: "u", status: .error, note: ""),
      ])
    let graph = ApplyGraph(plan: plan)
    #expect(graph.steps.map(\.reference.slug) == ["app", "cache"])
    #expect(graph.steps[1].action == .wait)
    #expect(graph.dependencies[0] == [StepDependency(prerequisite: 1, kind: .dependsOn)])
  }
}

extension ApplyScheduleTests {
  @Test func aCycleFailsItsStepsAndSkipsTheDeletes() {
    let plan = Plan(changes: [
      Fixture.create("a", dependsOn: ["b"]),
      Fixture.create("b", dependsOn: ["a"]),
      Fixture.delete(Fixture.remote("old", id: "o")),
    ])
    var schedule = ApplySchedule(graph: ApplyGraph(plan: plan))
    #expect(schedule.start(upTo: 10) == [])
    let settled = schedule.failStuck()
    #expect(settled.map(\.outcome) == [.failed, .failed, .skipped])
    #expect(schedule.isComplete)
  }

  @Test func nothingIsStuckWhileAStepCanStart() {
    let plan = Plan(changes: [Fixture.create("a")])
    var schedule = ApplySchedule(graph: ApplyGraph(plan: plan))
    #expect(schedule.failStuck() == [])
    #expect(schedule.start(upTo: 1) == [0])
  }
}
