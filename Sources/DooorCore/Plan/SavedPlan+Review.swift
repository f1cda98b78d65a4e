import Foundation

/// The review parts of a saved plan read back (resource delta, policy report, targeting), so
/// a decoded plan shows what it showed when it was written. A saved plan written before they
/// existed has none of them, and reads as such.
struct SavedPlanReview: Decodable {
  struct Amounts: Decodable {
    /// Cores, an exact decimal in the file.
    var cpu: Decimal
    var memory: Int64
    var storageGb: Int

    func amounts() throws(SavedPlanError) -> ResourceAmounts {
      let millicores = cpu * 1000
      // Past Int64, NSDecimalNumber's conversion is undefined: no plan writes such a number.
      guard millicores.isFinite, abs(millicores) <= Decimal(Int64.max / 2) else {
        throw SavedPlanError("a cpu total of \(cpu) cores is out of range")
      }
      return ResourceAmounts(
        cpuMillicores: NSDecimalNumber(decimal: millicores).int64Value, memoryBytes: memory,
        storageGb: storageGb)
    }
  }

  struct WorkspaceDelta: Decodable {
    var workspace: String
    var before: Amounts
    var after: Amounts
    var defaultsCounted: Int
  }

  struct Resources: Decodable {
    var workspaces: [WorkspaceDelta]
  }

  struct Violation: Decodable {
    var policy: String
    var rule: String
    var enforcement: String
    var workspace: String
    var slug: String?
    var message: String
    var file: String?
    var line: Int?
    var column: Int?
  }

  struct Report: Decodable {
    var checked: Int
    var violations: [Violation]
  }

  struct Narrowing: Decodable {
    var compared: Int
    var declared: Int
  }

  var resources: Resources?
  var policy: Report?
  var targeting: Narrowing?

  init(decoding text: String) throws(SavedPlanError) {
    do {
      self = try JSONDecoder().decode(Self.self, from: Data(text.utf8))
    } catch {
      throw SavedPlanError("not a saved plan: its resources, policy or targeting are unreadable")
    }
  }

  /// `plan` with the review parts set as recorded.
  func applied(to plan: Plan) throws(SavedPlanError) -> Plan {
    var plan = plan
    if let resources {
      var workspaces: [ResourceDelta.Workspace] = []
      for item in resources.workspaces {
        workspaces.append(
          ResourceDelta.Workspace(
            name: item.workspace, before: try item.before.amounts(),
            after: try item.after.amounts(), defaultsCounted: item.defaultsCounted))
      }
      plan.resources = ResourceDelta(workspaces: workspaces)
    }
    if let policy {
      var violations: [PolicyViolation] = []
      for item in policy.violations {
        guard let rule = PolicyRule(rawValue: item.rule),
          let enforcement = Policy.Enforcement(rawValue: item.enforcement)
        else {
          throw SavedPlanError("unknown policy rule \"\(item.rule)\" or \"\(item.enforcement)\"")
        }
        violations.append(
          PolicyViolation(
            policy: item.policy, rule: rule, enforcement: enforcement,
            workspace: item.workspace, slug: item.slug, message: item.message,
            location: item.file.map {
              SourceLocation(file: $0, line: item.line ?? 0, column: item.column ?? 0)
            }))
      }
      plan.policy = PolicyReport(checked: policy.checked, violations: violations)
    }
    plan.targeting = targeting.map { Targeting(compared: $0.compared, declared: $0.declared) }
    return plan
  }
}
