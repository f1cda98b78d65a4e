/// The keys a manifest may hold, in one place for the decoder, its suggestions and the docs.
enum ManifestSchema {
  static let documentKeys = ["workspace", "prune", "databases"]
  static let databaseKeys = [
    "slug", "name", "engine", "version", "cpu", "memory", "storageGb", "storageClass",
    "dependsOn", "protect", "ignoreChanges", "state",
  ]
  static let requiredDatabaseKeys = ["slug", "name", "engine"]
  static let storageRange = 1...1024
  /// The seed documents no length for either; these are dooordb's, far above any real display
  /// name or workspace id (`ws_` and a 26-character ULID) and far below what would strain a
  /// URL or a database column: a 2 MB name or a 100,000-character workspace is a mistake.
  static let maximumNameLength = 255
  static let maximumWorkspaceLength = 128
  /// Engine versions are short (`16`, `8.0.36`, `7.2-alpine`); the seed gives no limit.
  static let maximumVersionLength = 64
  /// Every managed field but engine: changing the engine can never be ignored safely.
  static let ignorableFields = DatabaseField.allCases.filter { $0 != .engine }
}
