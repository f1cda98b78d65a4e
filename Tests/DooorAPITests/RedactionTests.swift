import DooorAPI
import DooorCore
import DooorLocalAPI
import Testing

/// The API key and passwords never reach an error, a log line or a description.
@Suite(.timeLimit(.minutes(5))) struct RedactionTests {
  static let secretKey = "dor_sk_SUPERSECRET_0123456789"

  @Test func theKeyIsNotInUnauthorizedErrorsOrLogs() async throws {
    try await Harness.with(
      options: LocalAPIOptions(provisionDelay: .zero, apiKey: "dor_sk_other"),
      apiKey: Self.secretKey
    ) { harness in
      let error = await #expect(throws: APIError.self) {
        _ = try await harness.client.listDatabases(workspace: "w", filter: .all)
      }
      let error401 = try #require(error)
      #expect(error401.status == 401)
      #expect(!"\(error401)".contains("SUPERSECRET"))
      #expect(!String(reflecting: error401).contains("SUPERSECRET"))
      #expect(!harness.log.all.isEmpty)
      #expect(harness.log.all.allSatisfy { !"\($0)".contains("SUPERSECRET") })
    }
  }

  @Test func aServerEchoingTheKeyIsRedacted() async throws {
    let options = LocalAPIOptions(
      provisionDelay: .zero,
      interceptor: { request in
        let body =
          #"{"error": {"code": "forbidden", "message": "key \#(request.authorization ?? "") may not"}}"#
        return LocalAPIResponse(status: 403, body: Array(body.utf8))
      })
    try await Harness.with(options: options, apiKey: Self.secretKey) { harness in
      let error = await #expect(throws: APIError.self) {
        _ = try await harness.client.listDatabases(workspace: "w", filter: .all)
      }
      #expect(error?.message.contains("[redacted]") == true)
      #expect(error.map { "\($0)".contains("SUPERSECRET") } == false)
    }
  }

  @Test func passwordsStayOutOfLogsAndDescriptions() async throws {
    try await Harness.with { harness in
      let created = try await harness.client.createDatabase(
        workspace: "w", CreateDatabaseRequest(name: "A", slug: "a", engine: .postgresql))
      let connection = try await harness.client.connection(workspace: "w", id: created.id)
      #expect(!"\(connection)".contains(connection.password))
      #expect(harness.log.all.allSatisfy { !"\($0)".contains(connection.password) })
    }
  }
}
