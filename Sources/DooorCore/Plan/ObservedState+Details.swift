extension ObservedState {
  /// The same state with the given databases (full answers of the database endpoint) put in
  /// place of the list entries with the same slug in the same workspace.
  public func updating(with details: [DatabaseReference: RemoteDatabase]) -> ObservedState {
    guard !details.isEmpty else { return self }
    var result = self
    for (workspace, databases) in workspaces {
      result.workspaces[workspace] = databases.map { listed in
        details[DatabaseReference(workspace: workspace, slug: listed.slug)] ?? listed
      }
    }
    return result
  }
}
