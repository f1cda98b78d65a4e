extension SavedPlan {
  /// Why the plan no longer fits the API's state, one sentence each; empty when it is fresh.
  /// Stale when a database a change touches vanished, was re-created, or differs in any
  /// recorded field (status included), or when a slug the plan creates now exists.
  /// Fields the fresh answer leaves out are reported too: fetch
  /// `databasesNeedingDetails(observed:)` first so none are.
  public func staleness(against observed: ObservedState) -> [String] {
    var reasons: [String] = []
    var indexes: [String: RemoteIndex] = [:]
    var quantities = QuantityCache()
    for change in plan.changes {
      let workspace = change.reference.workspace
      if indexes[workspace] == nil {
        indexes[workspace] = RemoteIndex(observed.databases(in: workspace))
      }
      let current = indexes[workspace]?[change.reference.slug]
      let name = DisplayText.visible(change.reference.description)
      guard let recorded = change.remote else {
        if let current {
          reasons.append(
            "\(name) now exists (id \(DisplayText.visible(current.id))), but the plan creates it")
        }
        continue
      }
      guard let current else {
        // A create that waited for a deleting database expects it to be gone.
        if change.action != .create {
          reasons.append("\(name) no longer exists")
        }
        continue
      }
      guard current.id == recorded.id else {
        reasons.append(
          "\(name) was re-created since the plan was made (id \(DisplayText.visible(recorded.id))"
            + " is now \(DisplayText.visible(current.id)))")
        continue
      }
      for field in DatabaseField.allCases {
        guard let before = FieldComparison.remoteText(of: field, in: recorded) else { continue }
        guard let now = FieldComparison.remoteText(of: field, in: current) else {
          reasons.append(
            "\(name): the API's answer lacks \(field.rawValue), recorded as"
              + " \(DisplayText.quoted(before)); it cannot be checked")
          continue
        }
        if !Self.same(field, before, now, quantities: &quantities) {
          reasons.append(
            "\(name): \(field.rawValue) was \(DisplayText.value(before, of: field)) when planned,"
              + " now \(DisplayText.value(now, of: field))")
        }
      }
      if current.status != recorded.status {
        reasons.append(
          "\(name): status was \(DisplayText.quoted(recorded.status.rawValue)) when planned, now"
            + " \(DisplayText.quoted(current.status.rawValue))")
      }
    }
    return reasons
  }

  /// Touched databases whose recorded fields the list answer leaves out: fetch these one by
  /// one and put them into the observed state before checking staleness.
  public func databasesNeedingDetails(observed: ObservedState) -> [DatabaseReference] {
    var needed: [DatabaseReference] = []
    var indexes: [String: RemoteIndex] = [:]
    for change in plan.changes {
      guard let recorded = change.remote else { continue }
      let workspace = change.reference.workspace
      if indexes[workspace] == nil {
        indexes[workspace] = RemoteIndex(observed.databases(in: workspace))
      }
      guard let current = indexes[workspace]?[change.reference.slug] else { continue }
      let lacksRecorded = DatabaseField.allCases.contains { field in
        FieldComparison.remoteText(of: field, in: recorded) != nil
          && FieldComparison.remoteText(of: field, in: current) == nil
      }
      if lacksRecorded { needed.append(change.reference) }
    }
    return needed
  }

  private static func same(
    _ field: DatabaseField, _ before: String, _ now: String, quantities: inout QuantityCache
  ) -> Bool {
    if before == now { return true }
    guard field == .cpu || field == .memory, let old = quantities.quantity(before),
      let new = quantities.quantity(now)
    else { return false }
    return old == new
  }
}
