/// The keys a policy file may hold, in one place for the decoder, its suggestions and the docs.
enum PolicySchema {
  static let documentKeys = ["policies"]
  static let policyKeys = [
    "name", "description", "workspaces", "enforcement", "engines", "versions", "max", "totals",
    "require", "forbid", "maxDestroy", "slugPattern",
  ]
  static let limitKeys = ["cpu", "memory", "storageGb"]
}
