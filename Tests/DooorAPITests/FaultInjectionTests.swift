import DooorAPI
import DooorCore
import DooorLocalAPI
import DooorTestSupport
import Testing

/// The client against a local server told to misbehave: retries converge, a 429 pauses every
/// request, a create is never blindly repeated.
@Suite(.timeLimit(.minutes(5))) struct FaultInjectionTests {
  @Test func rateLimitBurstsAreRetriedAfterRetryAfterAndPauseEveryRequest() async throws {
    let faults = LocalAPIFaults(rateLimitEvery: 5, rateLimitBurst: 2, retryAfterSeconds: 3)
    // Enough tries that no request runs out of them, however the bursts fall.
    try await Harness.with(
      options: LocalAPIOptions(provisionDelay: .zero, faults: faults),
      retryPolicy: RetryPolicy(maxAttempts: 40)
    ) { harness in
      let created = try await harness.client.createDatabase(
        workspace: "w", CreateDatabaseRequest(name: "A", slug: "a", engine: .redis))
      try await withThrowingTaskGroup(of: Void.self) { group in
        for _ in 0..<20 {
          group.addTask { _ = try await harness.client.status(workspace: "w", id: created.id) }
        }
        try await group.waitForAll()
      }
      let rateLimited = harness.log.all.filter { $0.status == 429 }
      #expect(!rateLimited.isEmpty)
      // Every wait was the server's Retry-After, spent at the shared gate.
      #expect(!harness.clock.sleeps.isEmpty)
      #expect(harness.clock.sleeps.allSatisfy { $0 <= .seconds(3) && $0 > .zero })
      // Someone waited out a whole Retry-After at the gate.
      #expect(harness.clock.elapsed >= .seconds(3))
      #expect(harness.client.requestsSent == 21 + rateLimited.count)
    }
  }

  @Test func aCreateRefusedWith429IsSimplyRetried() async throws {
    // Every second request is refused: the list passes, the create's first try is refused.
    let faults = LocalAPIFaults(rateLimitEvery: 2, rateLimitBurst: 1, retryAfterSeconds: 2)
    try await Harness.with(options: LocalAPIOptions(provisionDelay: .zero, faults: faults)) {
      harness in
      _ = try await harness.client.listDatabases(workspace: "w", filter: .all)
      let created = try await harness.client.createDatabase(
        workspace: "w", CreateDatabaseRequest(name: "A", slug: "a", engine: .redis))
      #expect(created.slug == "a")
      #expect(harness.client.requestsSent == 3)
      #expect(harness.log.all.filter { $0.status == 429 }.map(\.method) == ["POST"])
      #expect(harness.clock.sleeps == [.seconds(2)])
    }
  }

  @Test func unavailableAnswersAreRetriedUntilTheyConverge() async throws {
    let faults = LocalAPIFaults(unavailableShare: 0.4, retryAfterSeconds: 1, seed: 7)
    try await Harness.with(
      options: LocalAPIOptions(provisionDelay: .zero, faults: faults),
      retryPolicy: RetryPolicy(maxAttempts: 12)
    ) { harness in
      var ids: [String] = []
      for index in 0..<15 {
        // Creates are not retried on 503, so apply would check by slug; do the same here.
        let slug = "db-\(index)"
        while true {
          do {
            let created = try await harness.client.createDatabase(
              workspace: "w", CreateDatabaseRequest(name: slug, slug: slug, engine: .mysql))
            ids.append(created.id)
            break
          } catch let error as APIError where error.mayHaveTakenEffect {
            let listing = try await harness.client.listDatabases(
              workspace: "w", filter: DatabaseFilter(search: slug))
            if let made = listing.databases.first(where: { $0.slug == slug }) {
              ids.append(made.id)
              break
            }
          }
        }
      }
      for id in ids {
        _ = try await harness.client.database(workspace: "w", id: id)
      }
      let listing = try await harness.client.listDatabases(workspace: "w", filter: .all)
      #expect(listing.databases.count == 15)
      #expect(harness.log.all.contains { $0.status == 503 })
    }
  }

  @Test func aCreateAnswered500IsNotRetriedAndMayHaveTakenEffect() async throws {
    let faults = LocalAPIFaults(internalErrorShare: 1)
    try await Harness.with(options: LocalAPIOptions(provisionDelay: .zero, faults: faults)) {
      harness in
      let error = await #expect(throws: APIError.self) {
        _ = try await harness.client.createDatabase(
          workspace: "w", CreateDatabaseRequest(name: "A", slug: "a", engine: .redis))
      }
      #expect(error?.status == 500)
      #expect(error?.mayHaveTakenEffect == true)
      #expect(harness.client.requestsSent == 1)
    }
  }

  @Test func aCreateThatTimesOutMayHaveTakenEffect() async throws {
    let faults = LocalAPIFaults(latency: .milliseconds(400))
    try await Harness.with(
      options: LocalAPIOptions(provisionDelay: .zero, faults: faults),
      requestTimeout: .milliseconds(100)
    ) { harness in
      let error = await #expect(throws: APIError.self) {
        _ = try await harness.client.createDatabase(
          workspace: "w", CreateDatabaseRequest(name: "A", slug: "a", engine: .redis))
      }
      #expect(error?.kind == .timeout)
      #expect(error?.mayHaveTakenEffect == true)
      #expect(harness.client.requestsSent == 1)
    }
  }

  @Test func slowReadsTimeOutAfterBoundedRetries() async throws {
    let faults = LocalAPIFaults(latency: .milliseconds(300))
    try await Harness.with(
      options: LocalAPIOptions(provisionDelay: .zero, faults: faults),
      retryPolicy: RetryPolicy(maxAttempts: 2), requestTimeout: .milliseconds(50)
    ) { harness in
      let error = await #expect(throws: APIError.self) {
        _ = try await harness.client.listDatabases(workspace: "w", filter: .all)
      }
      #expect(error?.kind == .timeout)
      #expect(harness.client.requestsSent == 2)
    }
  }

  /// No injected fault is a 504, so a gateway timeout is played by the interceptor: reads are
  /// retried through it, a create is not (it may have reached the API behind the gateway).
  @Test func gatewayTimeoutsAreRetriedForReadsButNotForCreates() async throws {
    let calls = CallCounter()
    let options = LocalAPIOptions(
      provisionDelay: .zero,
      interceptor: { _ in
        guard calls.next() < 2 else { return nil }
        return LocalAPIResponse(
          status: 504,
          body: Array(#"{"error": {"code": "gateway_timeout", "message": "upstream"}}"#.utf8))
      })
    try await Harness.with(options: options) { harness in
      let listing = try await harness.client.listDatabases(workspace: "w", filter: .all)
      #expect(listing.databases.isEmpty)
      #expect(harness.client.requestsSent == 3)
      #expect(harness.clock.sleeps.count == 2)
    }
    let createCalls = CallCounter()
    let refusing = LocalAPIOptions(
      provisionDelay: .zero,
      interceptor: { _ in
        guard createCalls.next() < 1 else { return nil }
        return LocalAPIResponse(status: 504, body: [])
      })
    try await Harness.with(options: refusing) { harness in
      let error = await #expect(throws: APIError.self) {
        _ = try await harness.client.createDatabase(
          workspace: "w", CreateDatabaseRequest(name: "A", slug: "a", engine: .redis))
      }
      #expect(error?.status == 504)
      #expect(error?.mayHaveTakenEffect == true)
      #expect(harness.client.requestsSent == 1)
    }
  }

  @Test func addedLatencyWithinTheTimeoutIsHarmless() async throws {
    let faults = LocalAPIFaults(latency: .milliseconds(30))
    try await Harness.with(options: LocalAPIOptions(provisionDelay: .zero, faults: faults)) {
      harness in
      _ = try await harness.client.createDatabase(
        workspace: "w", CreateDatabaseRequest(name: "A", slug: "a", engine: .redis))
      let listing = try await harness.client.listDatabases(workspace: "w", filter: .all)
      #expect(listing.databases.count == 1)
    }
  }

  @Test func htmlBadGatewayPagesAreRetriedAndNeverEchoed() async throws {
    let faults = LocalAPIFaults(badGatewayShare: 1)
    try await Harness.with(
      options: LocalAPIOptions(provisionDelay: .zero, faults: faults),
      retryPolicy: RetryPolicy(maxAttempts: 3)
    ) { harness in
      let error = await #expect(throws: APIError.self) {
        _ = try await harness.client.listDatabases(workspace: "w", filter: .all)
      }
      #expect(error?.status == 502)
      #expect(error?.message.contains("<html>") == false)
      #expect(harness.client.requestsSent == 3)
    }
  }

  @Test func connectionsClosedMidAnswerAreRetriedForReads() async throws {
    let faults = LocalAPIFaults(closeConnectionShare: 0.5, seed: 3)
    try await Harness.with(
      options: LocalAPIOptions(provisionDelay: .zero, faults: faults),
      retryPolicy: RetryPolicy(maxAttempts: 10)
    ) { harness in
      for _ in 0..<10 {
        _ = try await harness.client.listDatabases(workspace: "w", filter: .all)
      }
      #expect(harness.client.requestsSent > 10)
    }
  }

  @Test func databasesMatchingTheErrorPatternEndInError() async throws {
    let faults = LocalAPIFaults(errorSlugPattern: "^broken-")
    try await Harness.with(options: LocalAPIOptions(provisionDelay: .zero, faults: faults)) {
      harness in
      let broken = try await harness.client.createDatabase(
        workspace: "w", CreateDatabaseRequest(name: "B", slug: "broken-one", engine: .redis))
      let fine = try await harness.client.createDatabase(
        workspace: "w", CreateDatabaseRequest(name: "F", slug: "fine", engine: .redis))
      #expect(try await harness.client.database(workspace: "w", id: broken.id).status == .error)
      #expect(try await harness.client.database(workspace: "w", id: fine.id).status == .ready)
      let status = try await harness.client.status(workspace: "w", id: broken.id)
      #expect(!status.isReady)
    }
  }

  @Test func aConnectionRefusedIsRetriedThenReported() async throws {
    let clock = SteppedClock(advancesBySleeping: true)
    let client = HTTPDatabaseAPI(
      configuration: HTTPDatabaseAPIConfiguration(
        baseURL: "http://127.0.0.1:1/api/v1", apiKey: Harness.apiKey,
        connectTimeout: .milliseconds(300), clock: clock,
        unitRandom: { 0 }))
    let error = await #expect(throws: APIError.self) {
      _ = try await client.createDatabase(
        workspace: "w", CreateDatabaseRequest(name: "A", slug: "a", engine: .redis))
    }
    try await client.shutdown()
    #expect(error?.kind == .transport)
    // Nothing was sent, so even a create is safe to retry and cannot have taken effect.
    #expect(error?.mayHaveTakenEffect == false)
    #expect(client.requestsSent == RetryPolicy.standard.maxConnectAttempts)
    #expect(clock.sleeps.count == RetryPolicy.standard.maxConnectAttempts - 1)
  }
}
