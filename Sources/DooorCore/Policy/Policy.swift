/// One named policy of a policy file (CONTRACT §8): the rules a plan must keep in the
/// workspaces it is scoped to. Every rule is optional; a policy with none never fails.
public struct Policy: Sendable, Hashable {
  public enum Enforcement: String, Sendable, Hashable, CaseIterable {
    /// A violation blocks the plan: `plan` exits 1, `apply` refuses.
    case mandatory
    /// A violation is a warning: reported, exit codes unchanged.
    case advisory
  }

  public var name: String
  /// Where the policy's entry starts, for problems about the policy as a whole.
  public var location: SourceLocation
  /// Nil: every workspace.
  public var workspaces: [WorkspaceGlob]?
  public var enforcement: Enforcement
  /// Allowed engines; nil: any.
  public var engines: [Engine]?
  public var versions: [Engine: VersionConstraint]
  /// Ceilings per database, after the plan.
  public var max: ResourceLimits
  /// Ceilings per workspace, after the plan.
  public var totals: ResourceLimits
  public var require: [RequiredKey]
  public var forbid: [ChangeAction]
  /// Deletes plus replaces allowed in one plan, per matched workspace.
  public var maxDestroy: Int?
  /// A regular expression every slug must match, as written (checked when loaded).
  public var slugPattern: String?

  public init(
    name: String, location: SourceLocation, workspaces: [WorkspaceGlob]? = nil,
    enforcement: Enforcement = .mandatory, engines: [Engine]? = nil,
    versions: [Engine: VersionConstraint] = [:], max: ResourceLimits = ResourceLimits(),
    totals: ResourceLimits = ResourceLimits(), require: [RequiredKey] = [],
    forbid: [ChangeAction] = [], maxDestroy: Int? = nil, slugPattern: String? = nil
  ) {
    self.name = name
    self.location = location
    self.workspaces = workspaces
    self.enforcement = enforcement
    self.engines = engines
    self.versions = versions
    self.max = max
    self.totals = totals
    self.require = require
    self.forbid = forbid
    self.maxDestroy = maxDestroy
    self.slugPattern = slugPattern
  }

  /// Whether the policy applies to `workspace`.
  public func covers(workspace: String) -> Bool {
    guard let workspaces else { return true }
    return workspaces.contains { $0.matches(workspace) }
  }

  /// A manifest key a policy can require to be declared (`protect` must also be true).
  public enum RequiredKey: String, Sendable, Hashable, CaseIterable {
    case protect
    case version
    case cpu
    case memory
    case storageGb
    case storageClass
  }
}
