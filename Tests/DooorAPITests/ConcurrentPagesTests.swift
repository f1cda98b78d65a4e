import DooorAPI
import DooorCore
import DooorLocalAPI
import Foundation
import Synchronization
import Testing

/// Listing reads the first page, then the rest side by side, and still ends where a one-by-one
/// reading would: played by the local API's interceptor over a real socket.
@Suite(.timeLimit(.minutes(5))) struct ConcurrentPagesTests {
  /// `{"data": [...], "meta": ...}` for `ids` of a list of `total` at 100 a page.
  static func page(_ number: Int, ids: some Sequence<Int>, total: Int) -> LocalAPIResponse {
    let items = ids.map {
      #"{"id": "db_\#($0)", "slug": "s-\#($0)", "name": "N", "engine": "redis", "status": "ready"}"#
    }
    let totalPages = (total + 99) / 100
    let body =
      #"{"data": [\#(items.joined(separator: ","))], "meta": {"total": \#(total), "page": \#(number), "limit": 100, "totalPages": \#(totalPages)}}"#
    return LocalAPIResponse(status: 200, body: Array(body.utf8))
  }

  static func pageNumber(_ request: LocalAPIRequest) -> Int {
    let query = request.query ?? ""
    let field = query.split(separator: "&").first { $0.hasPrefix("page=") }
    return field.flatMap { Int($0.dropFirst("page=".count)) } ?? 1
  }

  /// A list of `before` databases when its first page is first answered, of `after` from then
  /// on (later pages, and every page of a second pass).
  static func listChanging(from before: Int, to after: Int) -> LocalAPIOptions {
    let firstPagesAnswered = CallCounter()
    return LocalAPIOptions(
      provisionDelay: .zero,
      interceptor: { request in
        let number = Self.pageNumber(request)
        let total = number == 1 && firstPagesAnswered.next() == 0 ? before : after
        let first = (number - 1) * 100
        return Self.page(number, ids: first..<max(first, min(first + 100, total)), total: total)
      })
  }

  @Test func pagesAfterTheFirstAreFetchedTogetherAndKeptInOrder() async throws {
    let inFlight = Mutex((now: 0, most: 0))
    let options = LocalAPIOptions(
      provisionDelay: .zero,
      interceptor: { request in
        inFlight.withLock {
          $0.now += 1
          $0.most = max($0.most, $0.now)
        }
        // Long enough that pages sent together are seen together.
        try? await Task.sleep(for: .milliseconds(30))
        inFlight.withLock { $0.now -= 1 }
        let number = Self.pageNumber(request)
        let first = (number - 1) * 100
        return Self.page(number, ids: first..<min(first + 100, 1_000), total: 1_000)
      })
    try await Harness.with(options: options) { harness in
      let listing = try await harness.client.listDatabases(workspace: "w", filter: .all)
      #expect(listing.databases.map(\.id) == (0..<1_000).map { "db_\($0)" })
      #expect(listing.requestCount == 10)
      #expect(listing.warnings.isEmpty)
      let most = inFlight.withLock { $0.most }
      #expect(most > 1, "the pages after the first were fetched one at a time")
      #expect(most <= HTTPDatabaseAPI.concurrentPages)
    }
  }

  @Test func aListThatGrowsWhileItIsReadIsReadToItsNewEndThenOnceMore() async throws {
    // The first page is answered before 100 databases are added at the end; every later
    // answer, and the whole second pass, sees 350.
    try await Harness.with(options: Self.listChanging(from: 250, to: 350)) { harness in
      let listing = try await harness.client.listDatabases(workspace: "w", filter: .all)
      #expect(listing.databases.map(\.id) == (0..<350).map { "db_\($0)" })
      // Pages 1 to 3 as the first page announced, page 4 when page 3 said there was one,
      // then the one fresh pass a change in the total calls for.
      #expect(listing.requestCount == 8)
      #expect(listing.warnings.isEmpty)
    }
  }

  @Test func aListThatShrinksEndsAtThePageThatSaysItIsTheLast() async throws {
    // Announced as 5 pages, the list loses its last 200 databases after the first page:
    // page 3 says it is the last, and pages fetched beyond it are not taken.
    try await Harness.with(options: Self.listChanging(from: 500, to: 300)) { harness in
      let listing = try await harness.client.listDatabases(workspace: "w", filter: .all)
      #expect(listing.databases.map(\.id) == (0..<300).map { "db_\($0)" })
      #expect(listing.warnings.isEmpty)
    }
  }
}
