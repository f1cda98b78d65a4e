/// What reading policy files produced: the policies and every problem found, sorted by place.
/// Use `policies` only when `isValid`.
public struct PolicyLoadResult: Sendable, Hashable {
  public var policies: [Policy]
  public var diagnostics: [Diagnostic]

  public init(policies: [Policy] = [], diagnostics: [Diagnostic] = []) {
    self.policies = policies
    self.diagnostics = diagnostics.sorted()
  }

  public var isValid: Bool { !diagnostics.contains { $0.severity == .error } }
}
