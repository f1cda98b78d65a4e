/// The review parts of the json plan (CONTRACT §8, §9): policy violations, the resource delta
/// with cpu in cores and memory in bytes as numbers, and targeting.
enum PlanReviewJSON {
  static func policy(_ report: PolicyReport) -> JSONText {
    .object([
      ("checked", .integer(report.checked)),
      ("violations", .array(report.violations.map(violation))),
    ])
  }

  static func violation(_ violation: PolicyViolation) -> JSONText {
    .object([
      ("policy", .string(violation.policy)),
      ("rule", .string(violation.rule.rawValue)),
      ("enforcement", .string(violation.enforcement.rawValue)),
      ("workspace", .string(violation.workspace)),
      ("slug", .optional(violation.slug)),
      ("message", .string(violation.message)),
      ("file", .optional(violation.location?.file)),
      ("line", violation.location.map { .integer($0.line) } ?? .null),
      ("column", violation.location.map { .integer($0.column) } ?? .null),
    ])
  }

  static func resources(_ delta: ResourceDelta) -> JSONText {
    .object([
      ("before", amounts(delta.before)),
      ("after", amounts(delta.after)),
      ("defaultsCounted", .integer(delta.defaultsCounted)),
      (
        "workspaces",
        .array(
          delta.workspaces.map { workspace in
            .object([
              ("workspace", .string(workspace.name)),
              ("before", amounts(workspace.before)),
              ("after", amounts(workspace.after)),
              ("defaultsCounted", .integer(workspace.defaultsCounted)),
            ])
          })
      ),
    ])
  }

  static func amounts(_ amounts: ResourceAmounts) -> JSONText {
    .object([
      ("cpu", .number(ResourceText.cores(amounts.cpuMillicores))),
      ("memory", .number(String(amounts.memoryBytes))),
      ("storageGb", .integer(amounts.storageGb)),
    ])
  }

  static func targeting(_ targeting: Targeting) -> JSONText {
    .object([
      ("compared", .integer(targeting.compared)),
      ("declared", .integer(targeting.declared)),
    ])
  }
}
