/// The keys a manifest may hold, in one place for the decoder, its suggestions and the docs.
enum ManifestSchema {
  static let documentKeys = ["workspace", "prune", "databases"]
  static let databaseKeys = [
    "slug", "name", "engine", "version", "cpu", "memory", "storageGb", "storageClass",
    "dependsOn", "protect", "ignoreChanges", "state",
  ]
  static let requiredDatabaseKeys = ["slug", "name", "engine"]
  static let storageRange = 1...1024
  /// Every managed field but engine: changing the engine can never be ignored safely.
  static let ignorableFields = DatabaseField.allCases.filter { $0 != .engine }
}
