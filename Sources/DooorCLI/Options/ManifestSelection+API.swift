import DooorAPI
import DooorCore
import DooorEngine

extension ManifestSelection {
  /// Loads the manifests and runs `body` with them and a reader of the API, for the commands
  /// that compare manifests with the API (plan, apply, drift, graph).
  ///
  /// The API is opened, and each selected workspace listed, while the manifests are still being
  /// read: a listing starts as soon as a file naming its workspace has been read (with
  /// `--workspace`, at once). Listing only reads. Invalid manifests go to `invalid` instead of
  /// `body`, the listings under way are cancelled, and a problem opening the API (no key, say)
  /// is reported only once the manifests are known to be valid, as if it had been opened after.
  func loadWithAPI<Result: Sendable>(
    _ options: APIOptions,
    invalid: (ManifestLoadResult) throws -> Result,
    _ body: (ManifestLoadResult, ObservedStateReader) async throws -> Result
  ) async throws -> Result {
    let opening = Task { try await options.openAPI() }
    let prefetch = ListingPrefetch { workspace in
      try await opening.value.api.listDatabases(workspace: workspace, filter: .all)
    }
    let selected = Set(workspaces)
    for workspace in selected { prefetch.start(workspace) }
    let loaded = await load { names in
      for name in names where selected.isEmpty || selected.contains(name) {
        prefetch.start(name)
      }
    }
    guard loaded.isValid else {
      prefetch.cancelAll()
      if let opened = try? await opening.value { await opened.close() }
      return try invalid(loaded)
    }
    let opened = try await opening.value
    do {
      let result = try await body(
        loaded, ObservedStateReader(api: opened.api, prefetched: prefetch))
      await opened.close()
      return result
    } catch {
      prefetch.cancelAll()
      await opened.close()
      throw error
    }
  }
}
