import DooorCore
import DooorEngine
import DooorTestSupport
import Synchronization
import Testing

@Suite("Listings started ahead of need", .timeLimit(.minutes(5)))
struct ListingPrefetchTests {
  /// Counts listings per workspace; each answers with one database named after its workspace.
  final class CountingLister: Sendable {
    let calls = Mutex<[String: Int]>([:])

    func list(_ workspace: String) async throws -> DatabaseListing {
      calls.withLock { $0[workspace, default: 0] += 1 }
      let database = RemoteDatabase(
        id: "db_\(workspace)", slug: workspace, name: workspace, engine: .redis)
      return DatabaseListing(databases: [database], requestCount: 1)
    }
  }

  @Test func aWorkspaceStartedSeveralTimesIsListedOnceAndItsListingIsTheOneTaken() async throws {
    let lister = CountingLister()
    let prefetch = ListingPrefetch(lister: lister.list)
    prefetch.start("a")
    prefetch.start("a")
    let listing = try await prefetch.listing(of: "a")
    let again = try await prefetch.listing(of: "a")
    #expect(listing.databases.map(\.slug) == ["a"])
    #expect(again == listing)
    #expect(lister.calls.withLock { $0 } == ["a": 1])
  }

  @Test func aWorkspaceNotStartedIsListedWhenAskedFor() async throws {
    let lister = CountingLister()
    let prefetch = ListingPrefetch(lister: lister.list)
    prefetch.start("a")
    let listing = try await prefetch.listing(of: "b")
    #expect(listing.databases.map(\.slug) == ["b"])
    _ = try await prefetch.listing(of: "a")
    #expect(lister.calls.withLock { $0 } == ["a": 1, "b": 1])
  }

  @Test func cancelAllStopsListingsUnderWay() async throws {
    let prefetch = ListingPrefetch { _ in
      try await Task.sleep(for: .seconds(60))
      return DatabaseListing(databases: [])
    }
    prefetch.start("slow")
    prefetch.cancelAll()
    await #expect(throws: CancellationError.self) {
      _ = try await prefetch.listing(of: "slow")
    }
  }

  @Test func theReaderTakesPrefetchedListingsInsteadOfListingAgain() async throws {
    let api = ScriptedDatabaseAPI(clock: SteppedClock(advancesBySleeping: true))
    let lister = CountingLister()
    let prefetch = ListingPrefetch(lister: lister.list)
    prefetch.start("a")
    let reader = ObservedStateReader(api: api, prefetched: prefetch)
    let observation = try await reader.read(workspaces: ["a", "b"]) { _ in [] }
    #expect(observation.observed.workspaces["a"]?.map(\.slug) == ["a"])
    #expect(observation.observed.workspaces["b"]?.map(\.slug) == ["b"])
    #expect(lister.calls.withLock { $0 } == ["a": 1, "b": 1])
    #expect(await api.calls.filter { $0.kind == .list }.isEmpty)
  }
}
