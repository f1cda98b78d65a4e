/// What checking policies found: how many databases were checked and every violation.
public struct PolicyReport: Sendable, Hashable {
  public var checked: Int
  /// By workspace, database, policy, rule.
  public var violations: [PolicyViolation]

  public init(checked: Int = 0, violations: [PolicyViolation] = []) {
    self.checked = checked
    self.violations = violations.sorted()
  }

  public var mandatory: [PolicyViolation] { violations.filter(\.isMandatory) }
  public var advisory: [PolicyViolation] { violations.filter { !$0.isMandatory } }
  public var hasMandatoryViolations: Bool { violations.contains(where: \.isMandatory) }
}
