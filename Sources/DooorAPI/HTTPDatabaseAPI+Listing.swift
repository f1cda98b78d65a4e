import AsyncHTTPClient
import DooorCore
import NIOCore
import NIOHTTP1

/// Listings: every page of a workspace's databases, fetched a few at a time once the first
/// page has said how many there are, bounded against a server that never stops paging.
extension HTTPDatabaseAPI {
  struct PartialListing {
    var databases: [RemoteDatabase] = []
    var warnings: [String] = []
    var shifted = false
    /// Why the pass ended before the server said it would (a short or repeated page while more
    /// pages were claimed), if it did.
    var endedEarly: String?
  }

  /// How many pages are fetched at the same time once the first has said how many there are:
  /// the later pages need not wait for each other, and a handful of kept-alive connections
  /// carries them.
  public static let concurrentPages = 4

  private struct FetchedPage: Sendable {
    var number: Int
    var wire: WireDatabasePage
    var attempts: Int
  }

  /// Reads every page once. The first page's `totalPages` lets the rest be fetched together;
  /// they are then taken in order exactly as if read one by one, so a page that turns out to be
  /// the last (empty, or at `totalPages`) ends the listing, and a list that grew meanwhile is
  /// read on from where the fetched pages end.
  func listOnce(workspace: String, filter: DatabaseFilter, requests: inout Int)
    async throws -> PartialListing
  {
    var listing = PartialListing()
    var seen = Set<String>()
    var firstTotal: Int?
    var nextPage = 1
    var knownPages = 1
    var largestPage = 0
    while true {
      let limit = Self.pageLimit(firstTotal: firstTotal)
      guard nextPage <= limit else {
        throw APIError(
          kind: .decoding, method: "GET", path: Self.collectionPath(workspace: workspace),
          message: "the listing did not end: the server still claimed more pages after \(limit)"
            + " pages, though its first page counted \(firstTotal.map(String.init) ?? "no")"
            + " databases",
          hint: "its paging never ends; asking again will not help")
      }
      // A batch at a time, so a page that ends the listing early stops the fetching too.
      let last = min(knownPages, limit, nextPage + Self.concurrentPages - 1)
      let fetched = try await fetchPages(
        nextPage...max(nextPage, last), workspace: workspace, filter: filter)
      requests += fetched.reduce(0) { $0 + $1.attempts }
      for page in fetched {
        let wire = page.wire
        var added = 0
        for item in wire.data {
          guard seen.insert(item.id).inserted else {
            listing.shifted = true
            continue
          }
          added += 1
          listing.databases.append(item)
          listing.warnings.append(contentsOf: item.unknownValueWarnings)
        }
        // A page shorter than an earlier one, or one that brings nothing new, can only be the
        // last: a server that says otherwise is not believed (the pass counts as shifted, so
        // it is read once more, and a warning says if that does not settle it).
        let endsEarly = page.number > 1 && (added == 0 || wire.data.count < largestPage)
        largestPage = max(largestPage, wire.data.count)
        if let total = wire.meta?.total {
          if let firstTotal, firstTotal != total { listing.shifted = true }
          firstTotal = firstTotal ?? total
        }
        var lastPage: Bool
        if let totalPages = wire.meta?.totalPages {
          lastPage = page.number >= totalPages || wire.data.isEmpty
          knownPages = totalPages
        } else {
          // Without meta, a short page is the last one, and pages are read one at a time.
          lastPage = wire.data.count < Self.pageSize
          knownPages = page.number + 1
        }
        if endsEarly && !lastPage {
          listing.shifted = true
          listing.endedEarly =
            "page \(page.number) \(added == 0 ? "brought no new database" : "was shorter than an earlier one")"
            + " while the server claimed \(wire.meta?.totalPages.map { "\($0) pages" } ?? "more pages")"
            + (firstTotal.map { " and \($0) databases" } ?? "")
          lastPage = true
        }
        if lastPage {
          if let firstTotal, firstTotal != listing.databases.count { listing.shifted = true }
          return listing
        }
        nextPage = page.number + 1
      }
    }
  }

  /// The most pages one pass of a listing reads before the server is taken to be claiming more
  /// pages forever: twice the pages the first page's `total` needs, plus two, so a list that
  /// grows while it is read still completes; without a total, a fixed 10,000 (a million
  /// databases).
  static func pageLimit(firstTotal: Int?) -> Int {
    let absoluteLimit = 10_000
    guard let firstTotal, firstTotal >= 0 else { return absoluteLimit }
    let needed = (firstTotal + pageSize - 1) / pageSize
    return min(absoluteLimit, 2 * needed + 2)
  }

  /// `numbers` fetched with at most `concurrentPages` in flight, returned in page order.
  private func fetchPages(
    _ numbers: ClosedRange<Int>, workspace: String, filter: DatabaseFilter
  ) async throws -> [FetchedPage] {
    try await concurrentMap(Array(numbers), limit: Self.concurrentPages) { number in
      try await self.fetchPage(number, workspace: workspace, filter: filter)
    }
  }

  private func fetchPage(_ number: Int, workspace: String, filter: DatabaseFilter) async throws
    -> FetchedPage
  {
    var query = [("page", String(number)), ("limit", String(Self.pageSize))]
    if let engine = filter.engine { query.append(("engine", engine)) }
    if let status = filter.status { query.append(("status", status)) }
    if let search = filter.search { query.append(("search", search)) }
    let path = Self.collectionPath(workspace: workspace) + Self.queryString(query)
    let answer = try await send(.GET, path: path)
    let wire = try decode(WireDatabasePage.self, from: answer.body, method: "GET", path: path)
    return FetchedPage(number: number, wire: wire, attempts: answer.attempts)
  }
}
