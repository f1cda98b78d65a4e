import DooorLocalAPI
import DooorTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// The local API's lifecycle under a hand-moved clock: no sleeping, no sockets.
@Suite(.timeLimit(.minutes(5))) struct LocalAPILifecycleTests {
  static let auth = "Bearer dor_sk_lifecycle"

  struct Answer {
    var status: Int
    var json: [String: Any]
  }

  /// Runs `body` against the local API's router in-process: no sockets, no sleeping.
  static func withAPI(
    _ options: LocalAPIOptions, _ body: @Sendable (any TestClientProtocol) async throws -> Void
  ) async throws {
    try await LocalAPIServer.application(options: options).test(.router, body)
  }

  static func call(
    _ service: any TestClientProtocol, _ method: String, _ path: String, query: String? = nil,
    body: String? = nil, authorization: String? = auth
  ) async throws -> Answer {
    var headers: HTTPFields = [:]
    if let authorization { headers[.authorization] = authorization }
    let response = try await service.execute(
      uri: "/api/v1" + path + (query.map { "?" + $0 } ?? ""),
      method: HTTPRequest.Method(method)!, headers: headers,
      body: body.map { ByteBuffer(string: $0) })
    let bytes = Data(response.body.readableBytesView)
    let json =
      bytes.isEmpty
      ? [:] : try JSONSerialization.jsonObject(with: bytes) as? [String: Any] ?? [:]
    return Answer(status: response.status.code, json: json)
  }

  static func status(_ service: any TestClientProtocol, _ id: String) async throws -> String? {
    try await call(service, "GET", "/workspaces/w/databases/\(id)").json["status"] as? String
  }

  @Test func createUpdateDeleteFollowTheClock() async throws {
    let clock = SteppedClock()
    try await Self.withAPI(LocalAPIOptions(provisionDelay: .seconds(2), clock: clock)) { service in

      let created = try await Self.call(
        service, "POST", "/workspaces/w/databases",
        body: #"{"name": "A", "slug": "a", "engine": "postgresql"}"#)
      #expect(created.status == 201)
      #expect(created.json["status"] as? String == "provisioning")
      let id = try #require(created.json["id"] as? String)
      let provisioningStatus = try await Self.call(
        service, "GET", "/workspaces/w/databases/\(id)/status")
      #expect(provisioningStatus.json["ready"] as? Int == 0)
      #expect(provisioningStatus.json["desired"] as? Int == 1)

      let tooEarly = try await Self.call(
        service, "PATCH", "/workspaces/w/databases/\(id)", body: #"{"cpu": "1"}"#)
      #expect(tooEarly.status == 409)

      clock.advance(by: .milliseconds(1999))
      #expect(try await Self.status(service, id) == "provisioning")
      clock.advance(by: .milliseconds(1))
      #expect(try await Self.status(service, id) == "ready")
      let readyStatus = try await Self.call(service, "GET", "/workspaces/w/databases/\(id)/status")
      #expect(readyStatus.json["ready"] as? Int == 1)
      #expect(readyStatus.json["desired"] as? Int == 1)

      let updated = try await Self.call(
        service, "PATCH", "/workspaces/w/databases/\(id)",
        body: #"{"memory": "1Gi", "storageGb": 20}"#)
      #expect(updated.status == 200)
      #expect(updated.json["status"] as? String == "updating")
      #expect(updated.json["memory"] as? String == "1Gi")
      clock.advance(by: .seconds(2))
      #expect(try await Self.status(service, id) == "ready")

      let deleted = try await Self.call(service, "DELETE", "/workspaces/w/databases/\(id)")
      #expect(deleted.status == 204)
      #expect(try await Self.status(service, id) == "deleting")
      let listedWhileDeleting = try await Self.call(
        service, "GET", "/workspaces/w/databases", query: "status=deleting")
      #expect((listedWhileDeleting.json["data"] as? [Any])?.count == 1)
      let duplicateWhileDeleting = try await Self.call(
        service, "POST", "/workspaces/w/databases",
        body: #"{"name": "A", "slug": "a", "engine": "redis"}"#)
      #expect(duplicateWhileDeleting.status == 409)
      clock.advance(by: .seconds(2))
      #expect(try await Self.call(service, "GET", "/workspaces/w/databases/\(id)").status == 404)
      let recreated = try await Self.call(
        service, "POST", "/workspaces/w/databases",
        body: #"{"name": "A", "slug": "a", "engine": "redis"}"#)
      #expect(recreated.status == 201)
    }
  }

  /// List answers reuse each database's JSON until it changes: every change must show.
  @Test func listAnswersFollowEveryChange() async throws {
    let clock = SteppedClock()
    try await Self.withAPI(LocalAPIOptions(provisionDelay: .seconds(2), clock: clock)) { service in
      func listed() async throws -> [[String: Any]] {
        let answer = try await Self.call(service, "GET", "/workspaces/w/databases")
        return answer.json["data"] as? [[String: Any]] ?? []
      }
      let created = try await Self.call(
        service, "POST", "/workspaces/w/databases",
        body: #"{"name": "A", "slug": "a", "engine": "postgresql", "cpu": "1"}"#)
      let id = try #require(created.json["id"] as? String)
      #expect(try await listed().first?["status"] as? String == "provisioning")
      clock.advance(by: .seconds(2))
      #expect(try await listed().first?["status"] as? String == "ready")

      _ = try await Self.call(
        service, "PATCH", "/workspaces/w/databases/\(id)", body: #"{"name": "B", "cpu": "2"}"#)
      let updating = try #require(try await listed().first)
      #expect(updating["name"] as? String == "B")
      #expect(updating["cpu"] as? String == "2")
      #expect(updating["status"] as? String == "updating")
      clock.advance(by: .seconds(2))
      #expect(try await listed().first?["status"] as? String == "ready")

      _ = try await Self.call(service, "DELETE", "/workspaces/w/databases/\(id)")
      #expect(try await listed().first?["status"] as? String == "deleting")
      clock.advance(by: .seconds(2))
      #expect(try await listed().isEmpty)
    }
  }

  @Test func defaultsAreFilledIn() async throws {
    try await Self.withAPI(LocalAPIOptions(provisionDelay: .zero)) { service in
      for (engine, version) in [("postgresql", "16"), ("mysql", "8"), ("redis", "7")] {
        let created = try await Self.call(
          service, "POST", "/workspaces/w/databases",
          body: #"{"name": "N", "slug": "s-\#(engine)", "engine": "\#(engine)"}"#)
        #expect(created.json["version"] as? String == version)
        #expect(created.json["cpu"] as? String == "250m")
        #expect(created.json["memory"] as? String == "512Mi")
        #expect(created.json["storageGb"] as? Int == 10)
        #expect(created.json["storageClass"] as? String == "standard")
      }
    }
  }

  @Test func validationAnswersWithTheRightStatus() async throws {
    try await Self.withAPI(LocalAPIOptions(provisionDelay: .zero)) { service in
      let cases: [(String, Int)] = [
        ("not json", 400),
        ("[1]", 400),
        (#"{"name": 1, "slug": "a", "engine": "redis"}"#, 400),
        (#"{"slug": "a", "engine": "redis"}"#, 422),
        (#"{"name": "A", "slug": "-a", "engine": "redis"}"#, 422),
        (
          #"{"name": "A", "slug": "\#(String(repeating: "a", count: 64))", "engine": "redis"}"#, 422
        ),
        (#"{"name": "A", "slug": "a", "engine": "oracle"}"#, 422),
        (#"{"name": "A", "slug": "a", "engine": "redis", "version": "16"}"#, 422),
        (#"{"name": "A", "slug": "a", "engine": "redis", "cpu": "fast"}"#, 422),
        (#"{"name": "A", "slug": "a", "engine": "redis", "memory": "0"}"#, 422),
        (#"{"name": "A", "slug": "a", "engine": "redis", "storageGb": 0}"#, 422),
        (#"{"name": "A", "slug": "a", "engine": "redis", "storageGb": 1025}"#, 422),
        (#"{"name": "A", "slug": "a", "engine": "redis", "storageGb": 1.5}"#, 400),
        (
          #"{"name": "A", "slug": "a", "engine": "postgresql", "version": "16.4", "storageGb": 1024}"#,
          201
        ),
      ]
      for (body, expected) in cases {
        let answer = try await Self.call(service, "POST", "/workspaces/w/databases", body: body)
        #expect(answer.status == expected, "\(body)")
        if expected >= 400 {
          let error = answer.json["error"] as? [String: Any]
          #expect(error?["code"] is String)
          #expect(error?["message"] is String)
        }
      }
    }
  }

  @Test func listQueriesAreCheckedAndPaginated() async throws {
    try await Self.withAPI(LocalAPIOptions(provisionDelay: .zero)) { service in
      for index in 0..<25 {
        _ = try await Self.call(
          service, "POST", "/workspaces/w/databases",
          body: #"{"name": "N\#(index)", "slug": "s\#(index)", "engine": "redis"}"#)
      }
      let firstPage = try await Self.call(service, "GET", "/workspaces/w/databases")
      #expect((firstPage.json["data"] as? [Any])?.count == 20)
      let meta = firstPage.json["meta"] as? [String: Any]
      #expect(meta?["total"] as? Int == 25)
      #expect(meta?["totalPages"] as? Int == 2)
      let secondPage = try await Self.call(
        service, "GET", "/workspaces/w/databases", query: "page=2&limit=20")
      #expect((secondPage.json["data"] as? [Any])?.count == 5)
      let item = (firstPage.json["data"] as? [[String: Any]])?.first
      #expect(item?["storageClass"] == nil)
      for query in ["page=0", "limit=101", "limit=x", "engine=oracle", "status=sleeping"] {
        #expect(
          try await Self.call(service, "GET", "/workspaces/w/databases", query: query).status == 400
        )
      }
      let searched = try await Self.call(
        service, "GET", "/workspaces/w/databases", query: "search=N13")
      #expect((searched.json["data"] as? [Any])?.count == 1)
    }
  }

  @Test func authIsRequired() async throws {
    try await Self.withAPI(LocalAPIOptions(provisionDelay: .zero)) { service in
      for header in [nil, "Bearer", "Bearer abc", "Basic dor_sk_x", "Bearer dor_sk_"] {
        let answer = try await Self.call(
          service, "GET", "/workspaces/w/databases", authorization: header)
        #expect(answer.status == 401, "\(header ?? "none")")
      }
    }
  }

  @Test func stateSurvivesARestartAndIsWrittenAtomically() async throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let stateFile = directory.appendingPathComponent("state/local-state.json")
    let clock = SteppedClock()
    let options = LocalAPIOptions(stateFile: stateFile, provisionDelay: .seconds(2), clock: clock)
    let (id, password) = try await Self.firstRun(options)
    try await Self.withAPI(options) { second in
      #expect(try await Self.status(second, id) == "provisioning")
      clock.advance(by: .seconds(3))
      #expect(try await Self.status(second, id) == "ready")
      let reloadedConnection = try await Self.call(
        second, "GET", "/workspaces/w/databases/\(id)/connection")
      #expect(reloadedConnection.json["password"] as? String == password)
      let another = try await Self.call(
        second, "POST", "/workspaces/w/databases",
        body: #"{"name": "B", "slug": "b", "engine": "mysql"}"#)
      #expect(another.json["id"] as? String != id)
    }

    let leftovers = try FileManager.default.contentsOfDirectory(
      atPath: stateFile.deletingLastPathComponent().path)
    #expect(leftovers == ["local-state.json"])
    #expect(try LocalStateFile.load(stateFile).databases.count == 2)
  }

  /// Creates one database and returns its id and password.
  private static func firstRun(_ options: LocalAPIOptions) async throws -> (String, String) {
    let store = try await LocalAPIServer.application(options: options)
    return try await store.test(.router) { first in
      let created = try await Self.call(
        first, "POST", "/workspaces/w/databases",
        body: #"{"name": "A", "slug": "a", "engine": "mysql"}"#)
      let id = try #require(created.json["id"] as? String)
      let connection = try await Self.call(first, "GET", "/workspaces/w/databases/\(id)/connection")
      return (id, try #require(connection.json["password"] as? String))
    }
  }
}
