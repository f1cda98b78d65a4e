import DooorCore
import DooorEngine
import Foundation
import Testing

/// Real-time runs against the scripted API, to see the executor's own cost and how close its
/// polling comes to the provisioning limit. They report timings and assert nothing about them;
/// run with `DOOORDB_BENCHMARK=1 swift test --filter ExecutorBenchmarks`.
@Suite(
  "Executor benchmarks (real time)", .serialized,
  .enabled(if: ProcessInfo.processInfo.environment["DOOORDB_BENCHMARK"] == "1"),
  .timeLimit(.minutes(10)))
struct ExecutorBenchmarks {
  @Test(arguments: [(1000, 0), (200, 2)])
  func createsAtParallelismFifty(count: Int, provisioningSeconds: Int) async {
    let clock = ContinuousClock()
    let api = ScriptedDatabaseAPI(clock: clock)
    await api.setDefaultProvisioningTime(.seconds(provisioningSeconds))
    let changes = (0..<count).map { Fixture.create("db-\($0)") }
    let report = await PlanExecutor(api: api, clock: clock, options: ApplyOptions(parallelism: 50))
      .apply(Plan(changes: changes))

    #expect(report.count(of: .done) == count)
    let limit = Double((count + 49) / 50 * provisioningSeconds)
    let requests = await api.calls.count
    print(
      "benchmark: \(count) creates, \(provisioningSeconds)s provisioning, parallelism 50: "
        + "wall \(ElapsedText.seconds(report.wallTime))s (limit \(limit)s), \(requests) requests")
  }
}
