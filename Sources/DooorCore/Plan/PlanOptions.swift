/// What a plan is asked for beyond "make the databases match the manifests": the policies to
/// check it against, `--target` and `--replace` (CONTRACT §8, §9).
public struct PlanOptions: Sendable, Hashable {
  public var policies: [Policy]
  /// Only these databases (and the ones they depend on that must be created first).
  public var targets: [DatabaseReference]
  /// Replace these even without a difference.
  public var replacements: [DatabaseReference]

  public init(
    policies: [Policy] = [], targets: [DatabaseReference] = [],
    replacements: [DatabaseReference] = []
  ) {
    self.policies = policies
    self.targets = targets
    self.replacements = replacements
  }
}

extension DatabaseReference {
  /// `WS/SLUG` as `--target` and `--replace` take it; nil when it is not of that form.
  public init?(parsing text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
    self.init(workspace: String(parts[0]), slug: String(parts[1]))
  }
}
