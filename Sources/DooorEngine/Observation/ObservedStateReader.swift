public import DooorCore

/// Reads what the API holds for the workspaces a desired state declares, with as few requests
/// as it can: one listing per workspace (all pages at 100), then a GET only for databases whose
/// list entry lacks a field a manifest manages.
public struct ObservedStateReader: Sendable {
  /// What was read, and what could not be understood in it.
  public struct Observation: Sendable {
    public var observed: ObservedState
    public var warnings: [Diagnostic]
    public var requestCount: Int
  }

  public let api: any DatabaseAPI
  /// How many requests run at once; the API client's shared gate still applies.
  public var concurrency: Int
  /// Listings already under way, taken instead of listing again.
  public var prefetched: ListingPrefetch?

  public init(api: any DatabaseAPI, concurrency: Int = 8, prefetched: ListingPrefetch? = nil) {
    self.api = api
    self.concurrency = max(1, concurrency)
    self.prefetched = prefetched
  }

  /// What the planner needs to compare with `desired`.
  public func read(for desired: DesiredState) async throws -> Observation {
    try await read(workspaces: desired.workspaces.map(\.name)) { observed in
      Planner.databasesNeedingDetails(desired: desired, observed: observed)
    }
  }

  /// Lists `workspaces`, then fetches whole the databases `needingDetails` picks from the lists.
  public func read(
    workspaces names: [String],
    needingDetails: (ObservedState) -> [DatabaseReference]
  ) async throws -> Observation {
    let listings = try await concurrentMap(names, limit: concurrency) { [api, prefetched] name in
      if let prefetched { return (name, try await prefetched.listing(of: name)) }
      return (name, try await api.listDatabases(workspace: name, filter: .all))
    }
    var observed = ObservedState()
    var warnings: [Diagnostic] = []
    var requestCount = 0
    for (name, listing) in listings {
      observed.workspaces[name] = listing.databases
      warnings += listing.warnings.map { .warning(at: nil, "workspace \(name): \($0)") }
      requestCount += listing.requestCount
    }
    let needed = needingDetails(observed)
    guard !needed.isEmpty else {
      return Observation(observed: observed, warnings: warnings, requestCount: requestCount)
    }
    let ids = Dictionary(
      observed.workspaces.flatMap { workspace, databases in
        databases.map { (DatabaseReference(workspace: workspace, slug: $0.slug), $0.id) }
      },
      uniquingKeysWith: { first, _ in first })
    let details = try await concurrentMap(needed, limit: concurrency) { [api] reference in
      (reference, try await api.database(workspace: reference.workspace, id: ids[reference]!))
    }
    requestCount += details.count
    return Observation(
      observed: observed.updating(
        with: Dictionary(details, uniquingKeysWith: { first, _ in first })),
      warnings: warnings, requestCount: requestCount)
  }
}
