import Foundation

extension SavedPlan {
  /// Reads a file written by `encoded()`; with `expectedChecksum`, only the file whose checksum
  /// is exactly that (the one a reviewer saw printed by `plan --out`).
  public init(decoding text: String, expectedChecksum: String? = nil) throws(SavedPlanError) {
    let file: SavedPlanFile
    do {
      file = try JSONDecoder().decode(SavedPlanFile.self, from: Data(text.utf8))
    } catch {
      throw SavedPlanError("not a saved plan: \(Self.describe(error))")
    }
    guard file.kind == Self.kind else {
      throw SavedPlanError(
        "not a saved plan (write one with `dooordb plan --out FILE`, not --format json)")
    }
    let checksum = try Self.verifyChecksum(text)
    if let expectedChecksum, expectedChecksum != checksum {
      throw SavedPlanError(
        "its checksum is \(checksum), not the expected \(DisplayText.visible(expectedChecksum));"
          + " it is not the plan that was reviewed")
    }
    guard file.formatVersion == PlanJSONRenderer.formatVersion else {
      throw SavedPlanError(
        "saved plan format \(file.formatVersion) is not supported by this version of dooordb"
          + " (it reads format \(PlanJSONRenderer.formatVersion))")
    }
    self.init(
      plan: try SavedPlanReview(decoding: text).applied(to: try file.plan()),
      origin: try file.origin?.origin())
    let problems = inconsistencies()
    guard problems.isEmpty else {
      throw SavedPlanError(
        "its changes do not follow from what it records: " + problems.joined(separator: "; "))
    }
  }

  /// Refuses a file whose bytes, its checksum line aside, are not what `encoded()` sealed.
  @discardableResult
  static func verifyChecksum(_ text: String) throws(SavedPlanError) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let checksumLines = lines.indices.filter { lines[$0].hasPrefix("  \"checksum\": ") }
    guard checksumLines.count == 1, let index = checksumLines.first else {
      throw SavedPlanError(
        "it has no checksum; write saved plans with `dooordb plan --out FILE` and apply them"
          + " unchanged")
    }
    let recorded = String(lines.remove(at: index))
    let computed = checksumPrefix + SHA256.hex(lines.joined(separator: "\n").utf8)
    guard recorded == checksumLine(computed) else {
      throw SavedPlanError(
        "it was changed after `plan --out` wrote it (its checksum does not match its content);"
          + " make a new plan and review it")
    }
    return computed
  }

  private static func describe(_ error: any Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, let context):
      return "missing \(path(context.codingPath + [key]))"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
      DecodingError.dataCorrupted(let context):
      return "\(context.debugDescription) at \(path(context.codingPath))"
    default:
      return "unreadable JSON"
    }
  }

  private static func path(_ keys: [any CodingKey]) -> String {
    keys.isEmpty
      ? "the top level"
      : keys.map { $0.intValue.map(String.init) ?? $0.stringValue }
        .joined(separator: ".")
  }
}

/// The file's layout, as JSON has it.
private struct SavedPlanFile: Decodable {
  struct Location: Decodable {
    var file: String
    var line: Int
    var column: Int
  }

  struct Field: Decodable {
    var name: String
    var before: String?
    var after: String?
  }

  struct Declared: Decodable {
    var slug: String
    var name: String
    var engine: String
    var version: String?
    var cpu: String?
    var memory: String?
    var storageGb: Int?
    var storageClass: String?
    var dependsOn: [String]
    var protect: Bool
    var ignoreChanges: [String]
    var state: String
    var location: Location
  }

  struct Origin: Decodable {
    var apiURL: String
    var workspaces: [String]
    var dooordbVersion: String
    var createdAt: String

    func origin() throws(SavedPlanError) -> SavedPlanOrigin {
      guard let date = SavedPlanOrigin.date(parsing: createdAt) else {
        throw SavedPlanError(
          "origin.createdAt \(DisplayText.quoted(createdAt)) is not a time such as"
            + " 2026-01-31T12:00:00Z")
      }
      return SavedPlanOrigin(
        apiURL: apiURL, workspaces: workspaces, dooordbVersion: dooordbVersion, createdAt: date)
    }
  }

  struct Change: Decodable {
    var workspace: String
    var slug: String
    var action: String
    var reason: String?
    var fields: [Field]
    var declared: Declared?
    var remote: RemoteDatabase?
  }

  struct Scope: Decodable {
    struct Slug: Decodable {
      var slug: String
      var protect: Bool
    }

    var workspace: String
    var prune: Bool
    var declared: [Slug]

    var scope: DeclaredScope {
      DeclaredScope(
        workspace: workspace, prune: prune,
        protectBySlug: Dictionary(
          declared.map { ($0.slug, $0.protect) }, uniquingKeysWith: { $0 || $1 }))
    }
  }

  struct Reference: Decodable {
    var workspace: String
    var slug: String
  }

  struct NotReady: Decodable {
    var workspace: String
    var slug: String
    var id: String
    var status: String
    var note: String
  }

  struct Problem: Decodable {
    var file: String?
    var line: Int?
    var column: Int?
    var message: String
  }

  struct Summary: Decodable {
    var unchanged: Int
  }

  var formatVersion: Int
  var kind: String?
  var checksum: String?
  var origin: Origin?
  var manifests: [Scope]?
  var changes: [Change]
  var unmanaged: [Reference]
  var notReady: [NotReady]
  var warnings: [Problem]
  var errors: [Problem]
  var summary: Summary

  func plan() throws(SavedPlanError) -> Plan {
    var plan = Plan(
      changes: try changes.map { change throws(SavedPlanError) in try Self.change(change) },
      unmanaged: unmanaged.map { DatabaseReference(workspace: $0.workspace, slug: $0.slug) },
      notReady: notReady.map {
        NotReadyDatabase(
          reference: DatabaseReference(workspace: $0.workspace, slug: $0.slug), id: $0.id,
          status: DatabaseStatus(rawValue: $0.status), note: $0.note)
      },
      unchangedCount: summary.unchanged,
      warnings: warnings.map { Self.diagnostic(.warning, $0) },
      errors: errors.map { Self.diagnostic(.error, $0) })
    plan.declaredScopes = manifests?.map(\.scope)
    return plan
  }

  private static func change(_ change: Change) throws(SavedPlanError) -> PlannedChange {
    let reference = DatabaseReference(workspace: change.workspace, slug: change.slug)
    guard let action = ChangeAction(rawValue: change.action) else {
      throw SavedPlanError("\(reference): unknown action \"\(change.action)\"")
    }
    var fields: [FieldChange] = []
    for field in change.fields {
      guard let name = DatabaseField(rawValue: field.name) else {
        throw SavedPlanError("\(reference): unknown field \"\(field.name)\"")
      }
      fields.append(FieldChange(field: name, before: field.before, after: field.after))
    }
    return PlannedChange(
      reference: reference, action: action, fields: fields,
      declared: try change.declared.map { declared throws(SavedPlanError) in
        try Self.declared(declared, workspace: change.workspace)
      },
      remote: change.remote, reason: change.reason)
  }

  private static func declared(
    _ declared: Declared, workspace: String
  ) throws(SavedPlanError) -> DeclaredDatabase {
    let reference = "\(workspace)/\(declared.slug)"
    func quantity(_ text: String?) throws(SavedPlanError) -> Quantity? {
      guard let text else { return nil }
      do {
        return try Quantity(parsing: text)
      } catch {
        throw SavedPlanError("\(reference): \(error)")
      }
    }
    var ignored: Set<DatabaseField> = []
    for name in declared.ignoreChanges {
      guard let field = DatabaseField(rawValue: name) else {
        throw SavedPlanError("\(reference): unknown field \"\(name)\" in ignoreChanges")
      }
      ignored.insert(field)
    }
    guard let state = DeclaredDatabase.Presence(rawValue: declared.state) else {
      throw SavedPlanError("\(reference): unknown state \"\(declared.state)\"")
    }
    return DeclaredDatabase(
      workspace: workspace, slug: declared.slug, name: declared.name,
      engine: Engine(rawValue: declared.engine), version: declared.version,
      cpu: try quantity(declared.cpu), memory: try quantity(declared.memory),
      storageGb: declared.storageGb, storageClass: declared.storageClass,
      dependsOn: declared.dependsOn, protect: declared.protect, ignoreChanges: ignored,
      state: state,
      location: SourceLocation(
        file: declared.location.file, line: declared.location.line,
        column: declared.location.column))
  }

  private static func diagnostic(_ severity: Diagnostic.Severity, _ problem: Problem) -> Diagnostic
  {
    let location = problem.file.map {
      SourceLocation(file: $0, line: problem.line ?? 0, column: problem.column ?? 0)
    }
    return Diagnostic(severity, at: location, problem.message)
  }
}
