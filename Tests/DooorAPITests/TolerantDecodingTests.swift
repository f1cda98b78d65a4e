import DooorAPI
import DooorCore
import DooorLocalAPI
import Foundation
import Synchronization
import Testing

/// A server that answers with fields and values this build does not know, played by the local
/// API's interceptor over a real socket.
@Suite(.timeLimit(.minutes(5))) struct TolerantDecodingTests {
  static func answering(_ json: String, status: Int = 200) -> LocalAPIOptions {
    LocalAPIOptions(
      provisionDelay: .zero,
      interceptor: { _ in
        LocalAPIResponse(
          status: status, headers: ["Content-Type": "application/json"], body: Array(json.utf8))
      })
  }

  @Test func unknownFieldsAreIgnoredAndUnknownValuesKeptAndReported() async throws {
    let page = """
      {"data": [
        {"id": "db_1", "slug": "graph", "name": "Graph", "engine": "neo4j", "version": 5,
         "status": "hibernating", "cpu": 1, "memory": "1Gi", "storageGb": 10,
         "createdAt": "2025-04-10T09:00:00Z", "region": "eu-1", "tags": {"team": "core"}},
        {"id": "db_2", "slug": "plain", "name": "Plain", "engine": "redis", "status": "ready"}
      ],
      "meta": {"total": 2, "page": 1, "limit": 100, "totalPages": 1, "cursor": null},
      "links": {"next": null}}
      """
    try await Harness.with(options: Self.answering(page)) { harness in
      let listing = try await harness.client.listDatabases(workspace: "w", filter: .all)
      #expect(listing.databases.count == 2)
      let graph = try #require(listing.databases.first { $0.id == "db_1" })
      #expect(graph.engine == .unknown("neo4j"))
      #expect(graph.status == .unknown("hibernating"))
      #expect(graph.version == "5")
      #expect(graph.cpu == "1")
      let plain = try #require(listing.databases.first { $0.id == "db_2" })
      #expect(plain.engine == .redis)
      #expect(plain.version == nil)
      #expect(plain.storageGb == nil)
      #expect(listing.warnings.count == 2)
      #expect(listing.warnings.contains { $0.contains("neo4j") })
      #expect(listing.warnings.contains { $0.contains("hibernating") })
    }
  }

  @Test func anItemWithoutAnIdIsAnErrorNotASilentGap() async throws {
    let page = #"{"data": [{"slug": "x", "name": "X", "engine": "redis", "status": "ready"}]}"#
    try await Harness.with(options: Self.answering(page)) { harness in
      let error = await #expect(throws: APIError.self) {
        _ = try await harness.client.listDatabases(workspace: "w", filter: .all)
      }
      #expect(error?.kind == .decoding)
      #expect(error?.message.contains("id") == true)
    }
  }

  @Test func itemsThatShiftBetweenPagesTriggerOneRelisting() async throws {
    // The first pass sees a duplicate on page 2 (an item moved back); the second is clean.
    let calls = CallCounter()
    let options = LocalAPIOptions(
      provisionDelay: .zero,
      interceptor: { request in
        let call = calls.next()
        func item(_ id: Int) -> String {
          #"{"id": "db_\#(id)", "slug": "s-\#(id)", "name": "N", "engine": "redis", "status": "ready"}"#
        }
        let page = request.query?.contains("page=2") == true ? 2 : 1
        let ids: [Int]
        switch (call < 2, page) {
        case (true, 1): ids = Array(0..<100)
        case (true, _): ids = [99] + Array(100..<150)
        case (false, 1): ids = Array(0..<100)
        default: ids = Array(100..<151)
        }
        let body =
          #"{"data": [\#(ids.map(item).joined(separator: ","))], "meta": {"total": 151, "page": \#(page), "limit": 100, "totalPages": 2}}"#
        return LocalAPIResponse(status: 200, body: Array(body.utf8))
      })
    try await Harness.with(options: options) { harness in
      let listing = try await harness.client.listDatabases(workspace: "w", filter: .all)
      #expect(listing.databases.count == 151)
      #expect(listing.requestCount == 4)
      #expect(listing.warnings.isEmpty)
    }
  }

  @Test func anErrorBodyOutsideTheAPIFormatStillGivesAnError() async throws {
    try await Harness.with(options: Self.answering("upstream exploded", status: 500)) { harness in
      let error = await #expect(throws: APIError.self) {
        _ = try await harness.client.database(workspace: "w", id: "db_1")
      }
      #expect(error?.status == 500)
      #expect(error?.hint?.contains("retry later") == true)
    }
  }
}

/// Counts calls across concurrent requests.
final class CallCounter: Sendable {
  private let count = Mutex(0)
  func next() -> Int {
    count.withLock { value in
      defer { value += 1 }
      return value
    }
  }
}
