/// One YAML document of a manifest after its own checks: what it says about its workspace and
/// each database entry, with positions, before documents are merged and cross-checked.
struct ManifestDocument: Sendable {
  var workspace: String?
  var workspaceLocation: SourceLocation
  var prune: (value: Bool, location: SourceLocation)?
  var entries: [DatabaseEntry]
}

/// One entry of `databases`, kept even when it has problems so that later checks (duplicate
/// slugs, `dependsOn`) still know the slug it claims.
struct DatabaseEntry: Sendable {
  var slug: String?
  var location: SourceLocation
  var slugLocation: SourceLocation
  var isAbsent: Bool
  var dependsOn: [(slug: String, location: SourceLocation)]
  var dependsOnLocation: SourceLocation?
  /// Nil when the entry itself has an error.
  var declared: DeclaredDatabase?
}
