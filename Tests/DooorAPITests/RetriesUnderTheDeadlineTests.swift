import DooorAPI
import DooorCore
import DooorEngine
import DooorLocalAPI
import DooorTestSupport
import Testing

/// The real client under apply's steps, on one virtual clock: `--timeout` bounds every try and
/// every pause of the client's retries, and a failure is retried by one layer only.
@Suite(.timeLimit(.minutes(2))) struct RetriesUnderTheDeadlineTests {
  @Test func aPatchAlwaysAnswered503WithRetryAfter60FailsAtItsTimeout() async throws {
    let faults = LocalAPIFaults(unavailableShare: 1, retryAfterSeconds: 60, endpoints: [.update])
    try await Harness.with(options: LocalAPIOptions(provisionDelay: .zero, faults: faults)) {
      harness in
      let created = try await harness.client.createDatabase(
        workspace: "w", CreateDatabaseRequest(name: "A", slug: "a", engine: .redis))
      let timeout = Duration.seconds(150)
      let executor = PlanExecutor(
        api: harness.client, clock: harness.clock,
        options: ApplyOptions(timeout: timeout))

      let report = await executor.apply(Plan(changes: [Self.rename(created)]))

      let patches = harness.log.all.filter { $0.method == "PATCH" && $0.status == 503 }
      // Tries at 0 s, 60 s and 120 s, each answered at once: a fourth would start at 180 s,
      // after the step's 150 s, so none is sent and nothing waits for it.
      #expect(patches.count == 3)
      #expect(harness.clock.sleeps == [.seconds(60), .seconds(60)])
      #expect(harness.clock.elapsed < timeout)
      #expect(report.entries.map(\.outcome) == [.failed])
      let reason = report.entries.first?.reason ?? ""
      #expect(reason.contains("HTTP 503"), "\(reason)")
      #expect(reason.contains("the deadline comes first"), "\(reason)")
    }
  }

  @Test func aTryNeverOutlastsTheTimeLeft() async throws {
    // The server answers after 1 s; the caller has 100 ms left, so the try is cut short.
    let faults = LocalAPIFaults(latency: .seconds(1), endpoints: [.get])
    try await Harness.with(options: LocalAPIOptions(provisionDelay: .zero, faults: faults)) {
      harness in
      let created = try await harness.client.createDatabase(
        workspace: "w", CreateDatabaseRequest(name: "A", slug: "a", engine: .redis))
      let error = await #expect(throws: APIError.self) {
        try await RequestDeadline.$budget.withValue(.init { .milliseconds(100) }) {
          _ = try await harness.client.database(workspace: "w", id: created.id)
        }
      }
      #expect(error?.kind == .timeout)
      let gets = harness.log.all.filter { $0.method == "GET" }
      // One try: the pause before a second would reach past the deadline.
      #expect(gets.count == 1)
    }
  }

  @Test func noTryStartsOnceTheDeadlineHasPassed() async throws {
    try await Harness.with { harness in
      let error = await #expect(throws: APIError.self) {
        try await RequestDeadline.$budget.withValue(.init { .zero }) {
          _ = try await harness.client.listDatabases(workspace: "w", filter: .all)
        }
      }
      #expect(error?.kind == .outOfTime)
      #expect(harness.client.requestsSent == 0)
    }
  }

  @Test func aStopEndsTheClientsRetriesOfAChange() async throws {
    let faults = LocalAPIFaults(unavailableShare: 1, retryAfterSeconds: 10, endpoints: [.update])
    let server = try await LocalAPIServer.start(
      options: LocalAPIOptions(provisionDelay: .zero, faults: faults))
    let clock = SteppedClock(advancesBySleeping: true)
    let stop = StopSignal()
    let log = LogRecorder()
    let client = HTTPDatabaseAPI(
      configuration: HTTPDatabaseAPIConfiguration(
        baseURL: server.url, apiKey: Harness.apiKey, clock: clock, unitRandom: { 0.5 },
        log: { entry in
          log.record(entry)
          // Ctrl-C while the refused PATCH waits to be tried again.
          if entry.method == "PATCH" { stop.request() }
        }))
    do {
      let created = try await client.createDatabase(
        workspace: "w", CreateDatabaseRequest(name: "A", slug: "a", engine: .redis))
      let executor = PlanExecutor(
        api: client, clock: clock, options: ApplyOptions(timeout: .seconds(3600)),
        stopSignal: stop)

      let report = await executor.apply(Plan(changes: [Self.rename(created)]))

      // One PATCH: the client starts no retry after the stop (it would send six).
      #expect(log.all.filter { $0.method == "PATCH" && $0.status == 503 }.count == 1)
      #expect(report.entries.map(\.outcome) == [.interrupted])
    } catch {
      Issue.record(error)
    }
    try? await client.shutdown()
    await server.shutdown()
  }

  /// `created` renamed, as a plan would have it.
  private static func rename(_ remote: RemoteDatabase) -> PlannedChange {
    let reference = DatabaseReference(workspace: "w", slug: remote.slug)
    let declared = DeclaredDatabase(
      workspace: "w", slug: remote.slug, name: "Renamed", engine: remote.engine,
      location: SourceLocation(file: "w.yaml", line: 1, column: 1))
    return PlannedChange(
      reference: reference, action: .update,
      fields: [FieldChange(field: .name, before: remote.name, after: declared.name)],
      declared: declared, remote: remote)
  }
}
