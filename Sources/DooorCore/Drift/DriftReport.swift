/// What differs between the manifests and the API right now (CONTRACT §5, `dooordb drift`):
/// every list alone is drift. Data only, in a stable order (by workspace, then slug).
public struct DriftReport: Sendable, Hashable {
  /// The workspaces that were compared, sorted; a clean workspace is listed too.
  public var workspaces: [String]
  /// Declared present databases whose managed fields differ from the remote.
  public var changed: [ChangedDatabase]
  /// Declared present databases the workspace does not have.
  public var missing: [DatabaseReference]
  /// Databases declared `state: absent` that still exist.
  public var notDeleted: [RemoteDatabaseReference]
  /// Databases in a workspace that no manifest declares.
  public var unmanaged: [UnmanagedDatabase]
  /// Declared present databases whose status is not `ready` (`error` included).
  public var notReady: [RemoteDatabaseReference]
  /// Things the comparison could not decide or the API said oddly; not drift by themselves.
  public var warnings: [Diagnostic]
  /// Policies checked against the live state (`drift --policy`); nil when none was given.
  public var policy: PolicyReport?

  public init(
    workspaces: [String] = [], changed: [ChangedDatabase] = [], missing: [DatabaseReference] = [],
    notDeleted: [RemoteDatabaseReference] = [], unmanaged: [UnmanagedDatabase] = [],
    notReady: [RemoteDatabaseReference] = [], warnings: [Diagnostic] = []
  ) {
    self.workspaces = workspaces
    self.changed = changed
    self.missing = missing
    self.notDeleted = notDeleted
    self.unmanaged = unmanaged
    self.notReady = notReady
    self.warnings = warnings
  }

  /// A live database breaks a mandatory policy: `drift` exits 2 for it as for drift.
  public var hasMandatoryViolations: Bool { policy?.hasMandatoryViolations ?? false }

  public var hasDrift: Bool {
    !changed.isEmpty || !missing.isEmpty || !notDeleted.isEmpty || !unmanaged.isEmpty
      || !notReady.isEmpty
  }

  /// How many databases have drifted, a database counted once per category it falls in.
  public var driftCount: Int {
    changed.count + missing.count + notDeleted.count + unmanaged.count + notReady.count
  }
}

/// One field of a database that is not what the manifest declares.
public struct DriftedField: Sendable, Hashable {
  public var field: DatabaseField
  /// The declared value as the manifest wrote it.
  public var declared: String
  /// The value the API reports.
  public var actual: String

  public init(field: DatabaseField, declared: String, actual: String) {
    self.field = field
    self.declared = declared
    self.actual = actual
  }
}

/// A declared database with fields that drifted.
public struct ChangedDatabase: Sendable, Hashable {
  public var reference: DatabaseReference
  public var id: String
  /// In field order (name, engine, version, cpu, memory, storageGb, storageClass).
  public var fields: [DriftedField]

  public init(reference: DatabaseReference, id: String, fields: [DriftedField]) {
    self.reference = reference
    self.id = id
    self.fields = fields
  }
}

/// A database the API has, with what identifies it there and its status.
public struct RemoteDatabaseReference: Sendable, Hashable {
  public var reference: DatabaseReference
  public var id: String
  public var status: DatabaseStatus
  /// Why it is in that status, when the API says.
  public var statusMessage: String?

  public init(
    reference: DatabaseReference, id: String, status: DatabaseStatus,
    statusMessage: String? = nil
  ) {
    self.reference = reference
    self.id = id
    self.status = status
    self.statusMessage = statusMessage
  }
}

/// A database no manifest declares, and whether `prune` would delete it on the next apply.
public struct UnmanagedDatabase: Sendable, Hashable {
  public var reference: DatabaseReference
  public var id: String
  public var engine: Engine
  public var status: DatabaseStatus
  /// The workspace has `prune: true`: apply deletes it.
  public var pruned: Bool

  public init(
    reference: DatabaseReference, id: String, engine: Engine, status: DatabaseStatus,
    pruned: Bool
  ) {
    self.reference = reference
    self.id = id
    self.engine = engine
    self.status = status
    self.pruned = pruned
  }
}
