/// How one step of an apply ended.
public enum ApplyOutcome: String, Sendable, Hashable, CaseIterable {
  /// Carried out and confirmed: ready, or gone for a delete.
  case done
  /// Tried and failed; the reason says why.
  case failed
  /// Not tried because something it needs did not succeed.
  case skipped
  /// Not tried because apply was stopped first.
  case notStarted
  /// Started, then abandoned when apply was stopped: its request may have been carried out and
  /// the database may still be provisioning, updating or deleting.
  case interrupted
}
