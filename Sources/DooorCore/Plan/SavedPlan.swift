/// A plan written by `plan --out` for `apply --plan`: the JSON plan plus, for every change,
/// the declaration apply needs to send and the remote state the plan was computed from, so
/// apply can refuse it once it is stale. It holds no secrets: the model has none.
public struct SavedPlan: Sendable, Hashable {
  /// Marks a saved plan, so apply never takes a plain `--format json` output for one.
  public static let kind = "dooordb-saved-plan"

  public var plan: Plan
  /// Where and when it was made; nil in a file an older dooordb wrote, which apply refuses.
  public var origin: SavedPlanOrigin?

  public init(plan: Plan, origin: SavedPlanOrigin? = nil) {
    self.plan = plan
    self.origin = origin
  }

  /// The file's text: the `--format json` document with `kind`, `checksum`, `origin`,
  /// `manifests` and, per change, `declared`, `remote` and `slugWasAbsent` added;
  /// byte-identical for the same plan.
  ///
  /// The checksum is the SHA-256 of the file without its checksum line, so any edit after
  /// `plan --out` wrote it is refused (`verifyChecksum`). It guards against edits, not against
  /// someone who recomputes it: that is what `apply --expect-checksum` with the checksum the
  /// reviewer saw is for.
  public func encoded() -> String { sealed().text }

  /// The file's text and its checksum (`sha256:…`), for a reviewer to pin.
  public func sealed() -> (text: String, checksum: String) {
    let unsealed = document(checksum: nil)
    let checksum = Self.checksumPrefix + SHA256.hex(unsealed.utf8)
    return (document(checksum: checksum), checksum)
  }

  static let checksumPrefix = "sha256:"

  /// The checksum's line exactly as `encoded()` writes it.
  static func checksumLine(_ checksum: String) -> String {
    "  \"checksum\": \"\(checksum)\","
  }

  private func document(checksum: String?) -> String {
    guard case .object(var members) = PlanJSONRenderer.document(plan) else {
      preconditionFailure("the plan document is an object")
    }
    members.insert(("kind", .string(Self.kind)), at: 1)
    if let origin { members.insert(("origin", Self.origin(origin)), at: 2) }
    if let checksum { members.insert(("checksum", .string(checksum)), at: 2) }
    if let scopes = plan.declaredScopes,
      let index = members.firstIndex(where: { $0.0 == "changes" })
    {
      members.insert(("manifests", .array(scopes.map(Self.scope))), at: index)
    }
    let changes = plan.changes.map { change -> JSONText in
      guard case .object(var fields) = PlanJSONRenderer.change(change) else {
        preconditionFailure("a change is an object")
      }
      fields.append(("declared", change.declared.map(Self.declared) ?? .null))
      fields.append(("remote", change.remote.map(Self.remote) ?? .null))
      fields.append(("slugWasAbsent", .bool(change.action == .create && change.remote == nil)))
      return .object(fields)
    }
    if let index = members.firstIndex(where: { $0.0 == "changes" }) {
      members[index].1 = .array(changes)
    }
    return JSONText.object(members).rendered() + "\n"
  }

  private static func origin(_ origin: SavedPlanOrigin) -> JSONText {
    .object([
      ("apiURL", .string(origin.apiURL)),
      ("workspaces", .array(origin.workspaces.map(JSONText.string))),
      ("dooordbVersion", .string(origin.dooordbVersion)),
      ("createdAt", .string(origin.createdAtText)),
    ])
  }

  private static func scope(_ scope: DeclaredScope) -> JSONText {
    .object([
      ("workspace", .string(scope.workspace)),
      ("prune", .bool(scope.prune)),
      (
        "declared",
        .array(
          scope.protectBySlug.sorted { $0.key < $1.key }.map {
            .object([("slug", .string($0.key)), ("protect", .bool($0.value))])
          })
      ),
    ])
  }

  private static func declared(_ database: DeclaredDatabase) -> JSONText {
    .object([
      ("slug", .string(database.slug)),
      ("name", .string(database.name)),
      ("engine", .string(database.engine.rawValue)),
      ("version", .optional(database.version)),
      ("cpu", .optional(database.cpu?.text)),
      ("memory", .optional(database.memory?.text)),
      ("storageGb", database.storageGb.map(JSONText.integer) ?? .null),
      ("storageClass", .optional(database.storageClass)),
      ("dependsOn", .array(database.dependsOn.map(JSONText.string))),
      ("protect", .bool(database.protect)),
      ("ignoreChanges", .array(database.ignoreChanges.sorted().map { .string($0.rawValue) })),
      ("state", .string(database.state.rawValue)),
      (
        "location",
        .object([
          ("file", .string(database.location.file)),
          ("line", .integer(database.location.line)),
          ("column", .integer(database.location.column)),
        ])
      ),
    ])
  }

  /// The database's wire form with every field it may lack written as null. Timestamps are
  /// left out: staleness compares the id and the managed fields, not when they last moved.
  private static func remote(_ database: RemoteDatabase) -> JSONText {
    .object(
      database.wireFields.filter { $0.key != .createdAt && $0.key != .updatedAt }.map { field in
        switch field.value {
        case .text(let text)?: (field.key.rawValue, .string(text))
        case .integer(let number)?: (field.key.rawValue, .integer(number))
        case nil: (field.key.rawValue, .null)
        }
      })
  }
}

/// Why a saved plan file cannot be read.
public struct SavedPlanError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String

  public init(_ message: String) {
    self.message = message
  }

  public var description: String { message }
}
