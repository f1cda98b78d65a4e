public import DooorCore
import Synchronization

/// Workspace listings begun before anyone asks for them.
///
/// Listing only reads, so plan starts listing a workspace as soon as a manifest naming it has
/// been read, while the other manifests are still being read and checked; `ObservedStateReader`
/// then takes the listing already under way. When the manifests turn out invalid, the caller
/// cancels what was started and nothing else is sent.
public final class ListingPrefetch: Sendable {
  public typealias Lister = @Sendable (String) async throws -> DatabaseListing

  private let lister: Lister
  private let listings = Mutex<[String: Task<DatabaseListing, any Error>]>([:])

  /// `lister` lists one workspace completely (`DatabaseAPI.listDatabases` with no filter).
  public init(lister: @escaping Lister) {
    self.lister = lister
  }

  /// Starts listing `workspace` unless that has begun already.
  public func start(_ workspace: String) {
    _ = task(for: workspace)
  }

  /// The listing of `workspace`: the one under way, or a new one.
  public func listing(of workspace: String) async throws -> DatabaseListing {
    let task = task(for: workspace)
    return try await withTaskCancellationHandler {
      try await task.value
    } onCancel: {
      task.cancel()
    }
  }

  /// Stops every listing started; their answers are never read.
  public func cancelAll() {
    listings.withLock { started in
      for task in started.values { task.cancel() }
    }
  }

  private func task(for workspace: String) -> Task<DatabaseListing, any Error> {
    listings.withLock { started in
      if let task = started[workspace] { return task }
      let lister = lister
      let task = Task { try await lister(workspace) }
      started[workspace] = task
      return task
    }
  }
}
