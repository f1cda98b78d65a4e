import DooorAPI
import DooorCore

/// Reads what the API holds for the workspaces a manifest declares, with only GET requests:
/// each workspace listed once, then the databases whose listing lacks a managed field
/// fetched one by one. Stands in until the engine's shared reader is used here.
enum DriftObservation {
  /// At most this many requests at once: enough to hide latency, few enough to be polite.
  static let concurrency = 8

  static func observe(
    _ desired: DesiredState, api: any DatabaseAPI
  ) async throws -> (observed: ObservedState, warnings: [String]) {
    let names = desired.workspaces.map(\.name)
    let listings = try await concurrentMap(names, limit: concurrency) { name in
      try await api.listDatabases(workspace: name, filter: .all)
    }
    var observed = ObservedState()
    var warnings: [String] = []
    for (name, listing) in zip(names, listings) {
      observed.workspaces[name] = listing.databases
      warnings += listing.warnings
    }
    let needed = Planner.databasesNeedingDetails(desired: desired, observed: observed)
    let ids = needed.compactMap { reference in
      observed.databases(in: reference.workspace).first { $0.slug == reference.slug }
        .map { (reference, $0.id) }
    }
    let details = try await concurrentMap(ids, limit: concurrency) { reference, id in
      (reference, try await api.database(workspace: reference.workspace, id: id))
    }
    return (observed.updating(with: Dictionary(details) { first, _ in first }), warnings)
  }
}
