import DooorAPI
import DooorCore
import DooorLocalAPI
import DooorTestSupport
import Testing

/// The real client against the real local server over loopback sockets.
@Suite(.timeLimit(.minutes(5))) struct ClientServerTests {
  @Test func everyEndpointRoundTrips() async throws {
    try await Harness.with { harness in
      let api = harness.client
      let created = try await api.createDatabase(
        workspace: "acme",
        CreateDatabaseRequest(name: "Orders", slug: "orders", engine: .postgresql, storageGb: 20))
      #expect(created.slug == "orders")
      #expect(created.engine == .postgresql)
      #expect(created.version == "16")
      #expect(created.cpu == "250m")
      #expect(created.memory == "512Mi")
      #expect(created.storageGb == 20)
      #expect(created.storageClass == "standard")

      let fetched = try await api.database(workspace: "acme", id: created.id)
      #expect(fetched.id == created.id)
      #expect(fetched.status == .ready)
      #expect(fetched.updatedAt != nil)

      let status = try await api.status(workspace: "acme", id: created.id)
      #expect(status == ReplicaStatus(ready: 1, desired: 1))

      let connection = try await api.connection(workspace: "acme", id: created.id)
      #expect(connection.uri.hasPrefix("postgresql://"))
      #expect(connection.port == 5432)
      #expect(connection.uri.contains(connection.password))
      #expect(!connection.password.isEmpty)

      let updated = try await api.updateDatabase(
        workspace: "acme", id: created.id, UpdateDatabaseRequest(cpu: "500m", storageGb: 30))
      #expect(updated.cpu == "500m")
      #expect(updated.storageGb == 30)

      let listing = try await api.listDatabases(workspace: "acme", filter: .all)
      #expect(listing.databases.map(\.slug) == ["orders"])
      #expect(listing.warnings.isEmpty)

      try await api.deleteDatabase(workspace: "acme", id: created.id)
      let after = try await api.listDatabases(workspace: "acme", filter: .all)
      #expect(after.databases.isEmpty)
    }
  }

  @Test func engineAppropriateConnectionURIs() async throws {
    try await Harness.with { harness in
      for (engine, scheme, port) in [
        (Engine.mysql, "mysql://", 3306), (Engine.redis, "redis://", 6379),
      ] {
        let created = try await harness.client.createDatabase(
          workspace: "w", CreateDatabaseRequest(name: "X", slug: "x-\(engine)", engine: engine))
        let connection = try await harness.client.connection(workspace: "w", id: created.id)
        #expect(connection.uri.hasPrefix(scheme))
        #expect(connection.port == port)
      }
    }
  }

  @Test func errorCodesBecomeAPIErrorsThatNameTheRequest() async throws {
    try await Harness.with { harness in
      let api = harness.client
      let created = try await api.createDatabase(
        workspace: "acme", CreateDatabaseRequest(name: "A", slug: "a", engine: .redis))

      let missing = await #expect(throws: APIError.self) {
        _ = try await api.database(workspace: "acme", id: "db_nope")
      }
      #expect(missing?.status == 404)
      #expect(missing?.method == "GET")
      #expect(missing?.path == "/workspaces/acme/databases/db_nope")
      #expect(missing?.hint != nil)

      let duplicate = await #expect(throws: APIError.self) {
        _ = try await api.createDatabase(
          workspace: "acme", CreateDatabaseRequest(name: "A", slug: "a", engine: .redis))
      }
      #expect(duplicate?.status == 409)
      #expect(duplicate?.mayHaveTakenEffect == false)
      #expect(duplicate?.description.contains("already exists") == true)

      let shrink = await #expect(throws: APIError.self) {
        _ = try await api.updateDatabase(
          workspace: "acme", id: created.id, UpdateDatabaseRequest(storageGb: 5))
      }
      #expect(shrink?.status == 422)
      #expect(shrink?.message.contains("only grow") == true)

      let badSlug = await #expect(throws: APIError.self) {
        _ = try await api.createDatabase(
          workspace: "acme", CreateDatabaseRequest(name: "B", slug: "Bad_Slug", engine: .mysql))
      }
      #expect(badSlug?.status == 422)

      let badQuantity = await #expect(throws: APIError.self) {
        _ = try await api.createDatabase(
          workspace: "acme",
          CreateDatabaseRequest(name: "C", slug: "c", engine: .mysql, cpu: "lots"))
      }
      #expect(badQuantity?.status == 422)

      let badFilter = await #expect(throws: APIError.self) {
        _ = try await api.listDatabases(workspace: "acme", filter: DatabaseFilter(engine: "oracle"))
      }
      #expect(badFilter?.status == 400)

      // Each error was answered once: nothing above is retryable.
      #expect(harness.clock.sleeps.isEmpty)
    }
  }

  @Test func wrongKeyIsUnauthorizedWithAHint() async throws {
    try await Harness.with(
      options: LocalAPIOptions(provisionDelay: .zero, apiKey: "dor_sk_the_right_one")
    ) { harness in
      let error = await #expect(throws: APIError.self) {
        _ = try await harness.client.listDatabases(workspace: "acme", filter: .all)
      }
      #expect(error?.status == 401)
      #expect(error?.hint?.contains("DOOOR_API_KEY") == true)
    }
  }

  @Test func listingReadsEveryPageOf250Databases() async throws {
    try await Harness.with { harness in
      // Seeded 25 at a time, as apply would: the point here is the listing, not a flood.
      for batch in stride(from: 0, to: 250, by: 25) {
        try await withThrowingTaskGroup(of: Void.self) { group in
          for index in batch..<(batch + 25) {
            group.addTask {
              _ = try await harness.client.createDatabase(
                workspace: "big",
                CreateDatabaseRequest(name: "DB \(index)", slug: "db-\(index)", engine: .redis))
            }
          }
          try await group.waitForAll()
        }
      }
      _ = try await harness.client.createDatabase(
        workspace: "other", CreateDatabaseRequest(name: "Else", slug: "db-1", engine: .mysql))

      let listing = try await harness.client.listDatabases(workspace: "big", filter: .all)
      #expect(listing.databases.count == 250)
      #expect(Set(listing.databases.map(\.id)).count == 250)
      #expect(Set(listing.databases.map(\.slug)) == Set((0..<250).map { "db-\($0)" }))
      #expect(listing.requestCount == 3)
    }
  }

  @Test func filtersReachTheServer() async throws {
    try await Harness.with { harness in
      let api = harness.client
      _ = try await api.createDatabase(
        workspace: "w",
        CreateDatabaseRequest(name: "Orders DB", slug: "orders", engine: .postgresql))
      _ = try await api.createDatabase(
        workspace: "w", CreateDatabaseRequest(name: "Cache", slug: "cache", engine: .redis))
      let redis = try await api.listDatabases(
        workspace: "w", filter: DatabaseFilter(engine: "redis"))
      #expect(redis.databases.map(\.slug) == ["cache"])
      let search = try await api.listDatabases(
        workspace: "w", filter: DatabaseFilter(search: "orders db"))
      #expect(search.databases.map(\.slug) == ["orders"])
      let provisioning = try await api.listDatabases(
        workspace: "w", filter: DatabaseFilter(status: "provisioning"))
      #expect(provisioning.databases.isEmpty)
    }
  }

  @Test func requestsAreCounted() async throws {
    try await Harness.with { harness in
      _ = try await harness.client.listDatabases(workspace: "w", filter: .all)
      _ = try await harness.client.listDatabases(workspace: "w", filter: .all)
      #expect(harness.client.requestsSent == 2)
      #expect(harness.server.statistics.snapshot().requests == 2)
      #expect(harness.server.statistics.snapshot().connections >= 1)
    }
  }
}
