/// What would change, and what stops it: the planner's output and apply's input.
/// Data only; rendering never influences what apply does.
public struct Plan: Sendable, Hashable {
  /// In a stable order: by workspace, then slug.
  public var changes: [PlannedChange]
  /// Databases in a workspace that no manifest declares and `prune` is off: never touched.
  public var unmanaged: [DatabaseReference]
  /// Declared (or pruned) databases whose remote status is not `ready` (provisioning,
  /// updating, deleting, error, unknown), whether or not they change, with what apply will do
  /// about them.
  public var notReady: [NotReadyDatabase]
  /// Declared databases with nothing to do: present and equal to the remote, or `state: absent`
  /// and already gone or going. Databases held back by an error are not counted.
  public var unchangedCount: Int
  public var warnings: [Diagnostic]
  /// Any error means the plan cannot be applied at all.
  public var errors: [Diagnostic]
  /// CPU, memory and storage before and after, per workspace; nil only for a plan that was
  /// never compared with the API (invalid manifests) or read from an older saved plan.
  public var resources: ResourceDelta?
  /// What checking the policies found; nil when no policy was given.
  public var policy: PolicyReport?
  /// Set when `--target` narrowed the plan to some of the declared databases.
  public var targeting: Targeting?
  /// Per workspace, what the manifests allow deleting; recorded in saved plans so apply can
  /// refuse a delete they could not have produced. Nil for a plan not made by the planner.
  public var declaredScopes: [DeclaredScope]?

  public init(
    changes: [PlannedChange] = [], unmanaged: [DatabaseReference] = [],
    notReady: [NotReadyDatabase] = [], unchangedCount: Int = 0, warnings: [Diagnostic] = [],
    errors: [Diagnostic] = []
  ) {
    self.changes = changes
    self.unmanaged = unmanaged
    self.notReady = notReady
    self.unchangedCount = unchangedCount
    self.warnings = warnings
    self.errors = errors
  }

  /// Mandatory policy violations block a plan as errors do.
  public var hasMandatoryViolations: Bool { policy?.hasMandatoryViolations ?? false }

  public var hasChanges: Bool { !changes.isEmpty }
  public var hasErrors: Bool { !errors.isEmpty }
  public var hasDestructiveChanges: Bool { changes.contains { $0.isDestructive } }

  public func count(of action: ChangeAction) -> Int {
    // By index: `count(where:)` copies every change to look at one field.
    var count = 0
    for index in changes.indices where changes[index].action == action { count += 1 }
    return count
  }
}

/// The kind of a change, in the order apply reasons about them.
public enum ChangeAction: String, Sendable, Hashable, CaseIterable {
  case create
  case update
  case replace
  case delete

  public var isDestructive: Bool { self == .replace || self == .delete }
}

/// (workspace, slug): the identity of a database.
public struct DatabaseReference: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var workspace: String
  public var slug: String

  public init(workspace: String, slug: String) {
    self.workspace = workspace
    self.slug = slug
  }

  public var description: String { "\(workspace)/\(slug)" }

  public static func < (lhs: DatabaseReference, rhs: DatabaseReference) -> Bool {
    (lhs.workspace, lhs.slug) < (rhs.workspace, rhs.slug)
  }
}

/// One field that differs: the remote value and the declared one, as text.
public struct FieldChange: Sendable, Hashable {
  public var field: DatabaseField
  /// Nil when the remote does not have it (a create).
  public var before: String?
  /// Nil when the database goes away (a delete).
  public var after: String?

  public init(field: DatabaseField, before: String?, after: String?) {
    self.field = field
    self.before = before
    self.after = after
  }
}

/// One database to create, update, replace or delete.
public struct PlannedChange: Sendable, Hashable {
  public var reference: DatabaseReference
  public var action: ChangeAction
  /// For a create, every declared field; for an update, only the changed ones; for a
  /// replace, the fields that force it first, then any others that differ; for a delete, none.
  public var fields: [FieldChange]
  /// The declaration, for create, update, replace and `state: absent` deletes; nil for prune.
  public var declared: DeclaredDatabase?
  /// The remote database as the plan saw it; nil for a create, except a create that waits
  /// for a database being deleted under the same slug (that one is recorded).
  public var remote: RemoteDatabase?
  /// Why this change happens when that is not obvious from its fields ("pruned", "absent").
  public var reason: String?

  public init(
    reference: DatabaseReference, action: ChangeAction, fields: [FieldChange] = [],
    declared: DeclaredDatabase? = nil, remote: RemoteDatabase? = nil, reason: String? = nil
  ) {
    self.reference = reference
    self.action = action
    self.fields = fields
    self.declared = declared
    self.remote = remote
    self.reason = reason
  }

  public var isDestructive: Bool { action.isDestructive }
  /// A replace no field forces: asked for with `--replace`.
  public var isRequestedReplacement: Bool {
    action == .replace && !fields.contains { $0.field.forcesReplacement }
  }
  /// Slugs in the same workspace that must be ready before this change starts.
  public var dependsOn: [String] { declared?.dependsOn ?? [] }
}

/// A declared database whose remote status is not `ready`.
public struct NotReadyDatabase: Sendable, Hashable {
  public var reference: DatabaseReference
  public var id: String
  public var status: DatabaseStatus
  /// What apply will do about it, for people to read.
  public var note: String

  public init(reference: DatabaseReference, id: String, status: DatabaseStatus, note: String) {
    self.reference = reference
    self.id = id
    self.status = status
    self.note = note
  }
}
