import Foundation
import Testing

/// A server whose every page claims one more page: the listing stops at a bound derived from
/// the first page's total (2 × the pages it needs + 2) with an error, instead of reading forever.
@Suite(.timeLimit(.minutes(1))) struct EndlessListingEndToEndTests {
  @Test func aListingThatClaimsMorePagesForeverStopsWithAnError() throws {
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
    let result = try BoundedDooordb(
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
}
