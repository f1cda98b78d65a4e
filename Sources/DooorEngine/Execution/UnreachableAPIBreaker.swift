import DooorCore
import Synchronization

/// Stops an apply whose API has stopped answering. Each step would otherwise try on its own
/// and fail after its own retries (about a minute each), so a 500-database apply against a dead
/// API would take an hour. After `threshold` calls in a row, across all steps, that got no
/// answer at all (connection refused or lost, no answer in time), no new step starts and
/// steps under way stop at their next request or wait, as after the first Ctrl-C. Any answer
/// from the server, even an error status, resets the count.
final class UnreachableAPIBreaker: Sendable {
  private struct State {
    var consecutiveFailures = 0
    var lastFailure: String?
  }

  let threshold: Int
  /// Requested once the breaker trips: wakes the waits of steps under way.
  let tripped = StopSignal()
  private let state = Mutex(State())

  init(threshold: Int) {
    self.threshold = max(1, threshold)
  }

  var isTripped: Bool { tripped.isRequested }

  /// Why apply stopped, once tripped.
  var reason: String? {
    guard isTripped else { return nil }
    let last = state.withLock { $0.lastFailure }
    return
      "the API did not answer \(Plural.count(threshold, "request")) in a row, so no new changes were"
      + " started" + (last.map { " (last: \($0))" } ?? "")
  }

  func record(_ outcome: Result<Void, any Error>) {
    switch outcome {
    case .success:
      state.withLock { $0.consecutiveFailures = 0 }
    case .failure(let error):
      guard let error = error as? APIError else { return }
      switch error.kind {
      case .transport, .timeout:
        let trips = state.withLock { state in
          state.consecutiveFailures += 1
          state.lastFailure = error.description
          return state.consecutiveFailures >= threshold
        }
        if trips { tripped.request() }
      case .http, .decoding:
        state.withLock { $0.consecutiveFailures = 0 }
      case .cancelled, .outOfTime:
        // Not sent, so nothing was learnt about the API.
        break
      }
    }
  }
}

/// The API as the steps of one apply see it: every call reported to the breaker.
struct BreakerWatchedAPI: DatabaseAPI {
  let api: any DatabaseAPI
  let breaker: UnreachableAPIBreaker

  private func watched<Value>(_ call: () async throws -> Value) async throws -> Value {
    do {
      let value = try await call()
      breaker.record(.success(()))
      return value
    } catch {
      breaker.record(.failure(error))
      throw error
    }
  }

  func listDatabases(workspace: String, filter: DatabaseFilter) async throws -> DatabaseListing {
    try await watched { try await api.listDatabases(workspace: workspace, filter: filter) }
  }

  func database(workspace: String, id: String) async throws -> RemoteDatabase {
    try await watched { try await api.database(workspace: workspace, id: id) }
  }

  func status(workspace: String, id: String) async throws -> ReplicaStatus {
    try await watched { try await api.status(workspace: workspace, id: id) }
  }

  func connection(workspace: String, id: String) async throws -> ConnectionInfo {
    try await watched { try await api.connection(workspace: workspace, id: id) }
  }

  func createDatabase(workspace: String, _ request: CreateDatabaseRequest) async throws
    -> RemoteDatabase
  {
    try await watched { try await api.createDatabase(workspace: workspace, request) }
  }

  func updateDatabase(workspace: String, id: String, _ request: UpdateDatabaseRequest)
    async throws -> RemoteDatabase
  {
    try await watched { try await api.updateDatabase(workspace: workspace, id: id, request) }
  }

  func deleteDatabase(workspace: String, id: String) async throws {
    try await watched { try await api.deleteDatabase(workspace: workspace, id: id) }
  }
}
