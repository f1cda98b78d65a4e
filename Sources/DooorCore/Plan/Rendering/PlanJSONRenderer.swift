/// The machine-readable plan (`--format json`), described by `schemas/plan.schema.json`.
/// Keys come out in the contract's order, so two runs on the same input are byte-identical.
enum PlanJSONRenderer {
  static let formatVersion = 1

  /// `plan --format json`: the plan document with `status` (CONTRACT §10), `error` when the
  /// plan may not be applied; `refusals` beyond the plan's own errors join its `errors`.
  static func render(
    _ plan: Plan, refusals: [ApplyRefusal] = [], savedPlanChecksum: String? = nil
  ) -> String {
    guard case .object(var members) = document(plan) else { return "" }
    let failed = plan.hasErrors || plan.hasMandatoryViolations || !refusals.isEmpty
    members.insert(("status", .string(failed ? "error" : "ok")), at: 1)
    if let savedPlanChecksum {
      members.insert(("savedPlanChecksum", .string(savedPlanChecksum)), at: 2)
    }
    let beyond = refusals.filter(\.isBeyondThePlan)
    if !beyond.isEmpty, let index = members.firstIndex(where: { $0.0 == "errors" }) {
      let messages = beyond.map { diagnostic(.error(at: nil, $0.description)) }
      members[index].1 = .array(plan.errors.map(diagnostic) + messages)
    }
    return JSONText.object(members).rendered() + "\n"
  }

  /// The plan's own document, also the body of a saved plan (which has no `status`: it is not
  /// the outcome of a run).
  static func document(_ plan: Plan) -> JSONText {
    .object([
      ("formatVersion", .integer(formatVersion)),
      ("changes", .array(plan.changes.map(change))),
      ("unmanaged", .array(plan.unmanaged.map(reference))),
      ("notReady", .array(plan.notReady.map(notReady))),
      ("warnings", .array(plan.warnings.map(diagnostic))),
      ("errors", .array(plan.errors.map(diagnostic))),
      ("policy", plan.policy.map(PlanReviewJSON.policy) ?? .null),
      ("resources", plan.resources.map(PlanReviewJSON.resources) ?? .null),
      ("targeted", .bool(plan.targeting != nil)),
      ("targeting", plan.targeting.map(PlanReviewJSON.targeting) ?? .null),
      ("summary", summary(plan)),
    ])
  }

  static func change(_ change: PlannedChange) -> JSONText {
    .object([
      ("workspace", .string(change.reference.workspace)),
      ("slug", .string(change.reference.slug)),
      ("action", .string(change.action.rawValue)),
      ("destructive", .bool(change.isDestructive)),
      ("id", .optional(change.remote?.id)),
      ("reason", .optional(change.reason)),
      ("dependsOn", .array(change.dependsOn.map(JSONText.string))),
      (
        "fields",
        .array(
          change.fields.map { field in
            .object([
              ("name", .string(field.field.rawValue)),
              ("before", .optional(field.before)),
              ("after", .optional(field.after)),
            ])
          })
      ),
    ])
  }

  static func reference(_ reference: DatabaseReference) -> JSONText {
    .object([("workspace", .string(reference.workspace)), ("slug", .string(reference.slug))])
  }

  static func notReady(_ database: NotReadyDatabase) -> JSONText {
    .object([
      ("workspace", .string(database.reference.workspace)),
      ("slug", .string(database.reference.slug)),
      ("id", .string(database.id)),
      ("status", .string(database.status.rawValue)),
      ("note", .string(database.note)),
    ])
  }

  static func diagnostic(_ diagnostic: Diagnostic) -> JSONText {
    .object([
      ("file", .optional(diagnostic.location?.file)),
      ("line", diagnostic.location.map { .integer($0.line) } ?? .null),
      ("column", diagnostic.location.map { .integer($0.column) } ?? .null),
      ("message", .string(diagnostic.message)),
    ])
  }

  static func summary(_ plan: Plan) -> JSONText {
    .object(
      ChangeAction.allCases.map { ($0.rawValue, .integer(plan.count(of: $0))) }
        + [("unchanged", .integer(plan.unchangedCount))])
  }
}
