import Foundation
import Testing

/// A server whose every page claims one more page: the listing stops at a bound derived from
/// the first page's total (2 × the pages it needs + 2) with an error, instead of reading forever.
@Suite(.timeLimit(.minutes(1))) struct EndlessListingEndToEndTests {
  @Test func aListingThatClaimsMorePagesForeverStopsWithAnError() async throws {
    let server = try ScriptedHTTPServer { request in
      let page =
        request.path.components(separatedBy: "page=").dropFirst().first
        .flatMap { Int($0.prefix { $0.isNumber }) } ?? 1
      let item = ScriptedWire.database(id: "db-\(page)", slug: "db-\(page)")
      return .json(
        status: 200,
        body: ScriptedWire.page([item], page: page, totalPages: page + 1, total: 150))
    }
    defer { server.stop() }
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let result = try await BoundedDooordb(
      ["list", "--workspace", "acme"], in: scratch.url,
      environment: ["DOOOR_API_URL": server.url, "DOOOR_API_KEY": "dor_sk_endless"]
    ).wait(deadline: .seconds(40))
    #expect(!result.killedAtDeadline, "the listing never ended")
    #expect(result.exitCode == 1)
    // 150 databases need 2 pages of 100: at most 2 × 2 + 2 = 6 are read.
    #expect(
      result.stderr.contains("the server still claimed more pages after 6 pages"),
      "\(result.stderr)")
    #expect(server.requests.count <= 6)
  }

  struct LyingPages: Sendable, CustomTestStringConvertible {
    var testDescription: String
    /// The items of page N (1-based), each page claiming 1,000 pages and 100,000 databases.
    var items: @Sendable (Int) -> [String]
  }

  static let lyingPages: [LyingPages] = [
    LyingPages(
      testDescription: "a short second page",
      items: { page in (0..<(page == 1 ? 100 : 3)).map { Self.item("p\(page)-\($0)") } }),
    LyingPages(
      testDescription: "the same page again and again",
      items: { _ in (0..<100).map { Self.item("same-\($0)") } }),
  ]

  static func item(_ id: String) -> String { ScriptedWire.database(id: id, slug: id) }

  /// A page shorter than the first, or one with nothing new, is the last whatever its meta
  /// claims: the pass is read once more and a warning says the list may be incomplete,
  /// instead of reading up to the bound the claimed total allows (2,002 pages here).
  @Test(arguments: lyingPages)
  func aShortOrRepeatedPageEndsTheListing(_ lying: LyingPages) async throws {
    let server = try ScriptedHTTPServer { request in
      let page =
        request.path.components(separatedBy: "page=").dropFirst().first
        .flatMap { Int($0.prefix { $0.isNumber }) } ?? 1
      return .json(
        status: 200,
        body: ScriptedWire.page(lying.items(page), page: page, totalPages: 1_000, total: 100_000))
    }
    defer { server.stop() }
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let result = try await BoundedDooordb(
      ["list", "--workspace", "acme", "--format", "json"], in: scratch.url,
      environment: ["DOOOR_API_URL": server.url, "DOOOR_API_KEY": "dor_sk_lying"]
    ).wait(deadline: .seconds(40))
    #expect(!result.killedAtDeadline, "the listing never ended")
    // Planning from a listing known to be incomplete would create what it did not see.
    #expect(result.exitCode == 1, "\(result.stdout)\(result.stderr)")
    #expect(result.stderr.contains("the listing is inconsistent, twice: page"), "\(result.stderr)")
    // Two passes, each of the first page and one batch of 4 (`concurrentPages`).
    #expect(server.requests.count <= 10, "\(server.requests.count) requests")
  }
}
