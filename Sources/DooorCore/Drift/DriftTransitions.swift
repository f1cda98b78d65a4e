/// One database's drift of one kind, as continuous drift detection tracks it from cycle to
/// cycle (its metric labels, its log lines).
public struct DriftEntry: Sendable, Hashable, Comparable {
  /// The kinds a reconcile cycle reports (CONTRACT's drift report, `notDeleted` counted as
  /// `changed`: the database still differs from what the manifest says).
  public enum Kind: String, Sendable, Hashable, CaseIterable, Comparable {
    case changed, missing, unmanaged, unhealthy

    public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  public var workspace: String
  public var slug: String
  public var kind: Kind

  public init(workspace: String, slug: String, kind: Kind) {
    self.workspace = workspace
    self.slug = slug
    self.kind = kind
  }

  public static func < (lhs: DriftEntry, rhs: DriftEntry) -> Bool {
    (lhs.workspace, lhs.slug, lhs.kind) < (rhs.workspace, rhs.slug, rhs.kind)
  }
}

extension DriftReport {
  /// Every drifting database, once per kind.
  public var entries: Set<DriftEntry> {
    var entries: Set<DriftEntry> = []
    func add(_ reference: DatabaseReference, _ kind: DriftEntry.Kind) {
      entries.insert(DriftEntry(workspace: reference.workspace, slug: reference.slug, kind: kind))
    }
    for database in changed { add(database.reference, .changed) }
    for database in notDeleted { add(database.reference, .changed) }
    for reference in missing { add(reference, .missing) }
    for database in unmanaged { add(database.reference, .unmanaged) }
    for database in notReady { add(database.reference, .unhealthy) }
    return entries
  }
}

/// What changed between two cycles' drift: each drift is told once when it starts and once
/// when it ends, not every cycle.
public struct DriftTransitions: Sendable, Hashable {
  public var started: [DriftEntry]
  public var ended: [DriftEntry]

  public init(previous: Set<DriftEntry>, current: Set<DriftEntry>) {
    started = current.subtracting(previous).sorted()
    ended = previous.subtracting(current).sorted()
  }
}
