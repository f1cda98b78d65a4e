/// The machine-readable drift report (`--format json`), described by
/// `schemas/drift.schema.json`. Keys come out in a fixed order, so runs are byte-identical.
enum DriftJSONRenderer {
  static let formatVersion = 1

  static func render(_ report: DriftReport) -> String {
    document(report).rendered() + "\n"
  }

  static func document(_ report: DriftReport) -> JSONText {
    let drifted = Set(report.driftedWorkspaces)
    return .object([
      ("formatVersion", .integer(formatVersion)),
      // A report is a run that worked, drift or not; a failed run prints a `FailureDocument`.
      ("status", .string("ok")),
      ("drift", .bool(report.hasDrift)),
      (
        "workspaces",
        .array(
          report.workspaces.map {
            .object([("name", .string($0)), ("drift", .bool(drifted.contains($0)))])
          })
      ),
      ("changed", .array(report.changed.map(changed))),
      ("missing", .array(report.missing.map(PlanJSONRenderer.reference))),
      ("notDeleted", .array(report.notDeleted.map(remote))),
      ("unmanaged", .array(report.unmanaged.map(unmanaged))),
      ("notReady", .array(report.notReady.map(remote))),
      ("warnings", .array(report.warnings.map(PlanJSONRenderer.diagnostic))),
      ("policy", report.policy.map(PlanReviewJSON.policy) ?? .null),
      (
        "summary",
        .object([
          ("changed", .integer(report.changed.count)),
          ("missing", .integer(report.missing.count)),
          ("notDeleted", .integer(report.notDeleted.count)),
          ("unmanaged", .integer(report.unmanaged.count)),
          ("notReady", .integer(report.notReady.count)),
        ])
      ),
    ])
  }

  private static func changed(_ database: ChangedDatabase) -> JSONText {
    .object([
      ("workspace", .string(database.reference.workspace)),
      ("slug", .string(database.reference.slug)),
      ("id", .string(database.id)),
      (
        "fields",
        .array(
          database.fields.map { field in
            .object([
              ("name", .string(field.field.rawValue)),
              ("declared", .string(field.declared)),
              ("actual", .string(field.actual)),
            ])
          })
      ),
    ])
  }

  private static func remote(_ database: RemoteDatabaseReference) -> JSONText {
    var fields: [(String, JSONText)] = [
      ("workspace", .string(database.reference.workspace)),
      ("slug", .string(database.reference.slug)),
      ("id", .string(database.id)),
      ("status", .string(database.status.rawValue)),
    ]
    if let message = database.statusMessage { fields.append(("statusMessage", .string(message))) }
    return .object(fields)
  }

  private static func unmanaged(_ database: UnmanagedDatabase) -> JSONText {
    .object([
      ("workspace", .string(database.reference.workspace)),
      ("slug", .string(database.reference.slug)),
      ("id", .string(database.id)),
      ("engine", .string(database.engine.rawValue)),
      ("status", .string(database.status.rawValue)),
      ("pruned", .bool(database.pruned)),
    ])
  }
}
