import DooorCore
import Testing

/// Policies for tests, written as users write them: YAML read through the real loader.
enum PolicyFixture {
  static let file = "policies/team.policy.yaml"

  /// The policies of `yaml`; records an issue when the text is not a valid policy file.
  static func load(
    _ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) -> [Policy] {
    let result = PolicyLoader.load([ManifestSource(path: file, text: yaml)], environment: [:])
    #expect(result.isValid, "\(result.diagnostics)", sourceLocation: sourceLocation)
    return result.policies
  }

  /// One policy of the given rules (YAML lines indented under the entry), mandatory unless
  /// the lines say otherwise.
  static func policy(
    _ rules: String, name: String = "team",
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) -> [Policy] {
    let body = rules.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
    return load("policies:\n  - name: \(name)\n\(body)\n", sourceLocation: sourceLocation)
  }

  /// The violations of the plan of `declared` against `remote`, as `rule WS/SLUG` lines with
  /// the location when there is one.
  static func violations(
    _ policies: [Policy], declared: [DeclaredDatabase], remote: [RemoteDatabase] = [],
    prune: Bool = false, workspace: String = "acme"
  ) -> [String] {
    report(policies, declared: declared, remote: remote, prune: prune, workspace: workspace)
      .map(outline)
  }

  /// The violations of the plan of `declared` against `remote`.
  static func report(
    _ policies: [Policy], declared: [DeclaredDatabase], remote: [RemoteDatabase] = [],
    prune: Bool = false, workspace: String = "acme"
  ) -> [PolicyViolation] {
    let plan = Planner.plan(
      desired: DesiredState(workspaces: [
        DeclaredWorkspace(name: workspace, prune: prune, databases: declared)
      ]),
      observed: ObservedState(workspaces: [workspace: remote]),
      options: PlanOptions(policies: policies))
    return plan.policy?.violations ?? []
  }

  static func outline(_ violation: PolicyViolation) -> String {
    var line = "\(violation.rule.rawValue) \(violation.subject)"
    if let location = violation.location { line += " @\(location.line):\(location.column)" }
    if !violation.isMandatory { line += " advisory" }
    return line
  }
}
