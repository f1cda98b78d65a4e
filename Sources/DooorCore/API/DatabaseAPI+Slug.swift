extension DatabaseAPI {
  /// The database that holds `slug` in `workspace` now, if any, ignoring `excludedID` (one a
  /// replacement just deleted). The search filter narrows the listing; the exact slug match
  /// decides, and a full listing backs up a search that finds nothing, in case the API's search
  /// does not match slugs the way dooordb expects.
  public func database(slug: String, workspace: String, excluding excludedID: String? = nil)
    async throws -> RemoteDatabase?
  {
    let matches: (RemoteDatabase) -> Bool = { $0.slug == slug && $0.id != excludedID }
    let searched = try await listDatabases(
      workspace: workspace, filter: DatabaseFilter(search: slug))
    if let hit = searched.databases.first(where: matches) { return hit }
    return try await listDatabases(workspace: workspace, filter: .all).databases.first(
      where: matches)
  }
}
