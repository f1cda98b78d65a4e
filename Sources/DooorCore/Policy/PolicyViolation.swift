/// One way a plan (or the live state) breaks a policy: which policy and rule, which database
/// (nil for a workspace's totals or destroy budget), what was found against what is allowed,
/// and where in the manifests the offending value was written, where it was.
public struct PolicyViolation: Sendable, Hashable, Comparable {
  public var policy: String
  public var rule: PolicyRule
  public var enforcement: Policy.Enforcement
  public var workspace: String
  public var slug: String?
  public var message: String
  public var location: SourceLocation?

  public init(
    policy: String, rule: PolicyRule, enforcement: Policy.Enforcement, workspace: String,
    slug: String?, message: String, location: SourceLocation?
  ) {
    self.policy = policy
    self.rule = rule
    self.enforcement = enforcement
    self.workspace = workspace
    self.slug = slug
    self.message = message
    self.location = location
  }

  public var isMandatory: Bool { enforcement == .mandatory }

  /// `WS/SLUG`, or `workspace WS` for a rule about the workspace as a whole.
  public var subject: String {
    slug.map { "\(workspace)/\($0)" } ?? "workspace \(workspace)"
  }

  /// As compilers print it: an error when mandatory, a warning when advisory.
  public var diagnostic: Diagnostic {
    Diagnostic(
      isMandatory ? .error : .warning, at: location,
      "policy \(policy) (\(rule.rawValue), \(enforcement.rawValue)): \(subject): \(message)")
  }

  public static func < (lhs: PolicyViolation, rhs: PolicyViolation) -> Bool {
    (lhs.workspace, lhs.slug ?? "", lhs.policy, lhs.rule.rawValue, lhs.message)
      < (rhs.workspace, rhs.slug ?? "", rhs.policy, rhs.rule.rawValue, rhs.message)
  }
}
