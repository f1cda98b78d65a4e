/// Accumulates one plan, workspace after workspace, slug after slug, so every list of the
/// plan comes out in the same order: by workspace, then slug.
struct PlanBuilder {
  private var changes: [PlannedChange] = []
  private var unmanaged: [DatabaseReference] = []
  private var notReady: [NotReadyDatabase] = []
  private var unchangedCount = 0
  private var warnings: [Diagnostic] = []
  private var errors: [Diagnostic] = []
  private var quantities = QuantityCache()
  /// `--replace`: databases to replace even without a difference.
  private let replacing: Set<DatabaseReference>

  init(replacing: Set<DatabaseReference> = []) {
    self.replacing = replacing
  }

  mutating func plan(workspace: DeclaredWorkspace, remote: [RemoteDatabase]) {
    let index = RemoteIndex(remote)
    for duplicate in index.duplicates.sorted(by: { $0.id < $1.id }) {
      let kept = index[duplicate.slug]?.id ?? ""
      warnings.append(
        .warning(
          at: nil,
          "the API lists slug \(duplicate.slug) twice in workspace \(workspace.name)"
            + " (ids \(kept) and \(duplicate.id)); only \(kept) is compared"))
    }
    // Pair each declaration with its remote; what stays in the index is undeclared.
    // Declarations come sorted by slug, so only the few undeclared ones need sorting.
    var remaining = index.positions
    var declarations = workspace.databases
    if !declarations.isSorted(by: \.slug) { declarations.sort { $0.slug < $1.slug } }
    var pairs: [(declared: Int, remote: Int?)] = []
    pairs.reserveCapacity(declarations.count)
    for (position, declared) in declarations.enumerated()
    where pairs.last.map({ declarations[$0.declared].slug }) != declared.slug {
      pairs.append((position, remaining.removeValue(forKey: declared.slug)))
    }
    let undeclared = remaining.values.sorted { remote[$0].slug < remote[$1].slug }
    var next = undeclared.startIndex
    func reference(_ slug: String) -> DatabaseReference {
      DatabaseReference(workspace: workspace.name, slug: slug)
    }
    func planUndeclared(_ position: Int) {
      let database = remote[position]
      plan(undeclared: database, reference: reference(database.slug), prune: workspace.prune)
    }
    for (declaredPosition, remotePosition) in pairs {
      let declared = declarations[declaredPosition]
      while next < undeclared.endIndex, remote[undeclared[next]].slug < declared.slug {
        planUndeclared(undeclared[next])
        next += 1
      }
      plan(
        declared: declared, remote: remotePosition.map { remote[$0] },
        reference: reference(declared.slug))
    }
    for position in undeclared[next...] {
      planUndeclared(position)
    }
  }

  func finish() -> Plan {
    Plan(
      changes: changes, unmanaged: unmanaged, notReady: notReady,
      unchangedCount: unchangedCount, warnings: warnings, errors: errors)
  }

  // MARK: - Declared databases

  private mutating func plan(
    declared: DeclaredDatabase, remote: RemoteDatabase?, reference: DatabaseReference
  ) {
    guard let remote else {
      if declared.state == .present {
        changes.append(create(declared, replacing: nil, reference: reference))
      } else {
        unchangedCount += 1
      }
      return
    }
    warnAboutUnknowns(in: remote, reference: reference, at: declared.location(of: "engine"))
    switch declared.state {
    case .absent:
      planAbsent(declared, remote: remote, reference: reference)
    case .present where remote.status == .deleting:
      changes.append(create(declared, replacing: remote, reference: reference))
      noteNotReady(remote, reference: reference, action: .create, at: declared.location)
    case .present:
      planPresent(declared, remote: remote, reference: reference)
    }
  }

  private mutating func planAbsent(
    _ declared: DeclaredDatabase, remote: RemoteDatabase, reference: DatabaseReference
  ) {
    guard remote.status != .deleting else {
      unchangedCount += 1
      noteNotReady(remote, reference: reference, action: nil, at: declared.location)
      return
    }
    noteNotReady(remote, reference: reference, action: .delete, at: declared.location)
    if replacing.contains(reference) {
      errors.append(
        .error(
          at: declared.location(of: "state"),
          "--replace \(reference): the manifest declares it state: absent, so it is deleted,"
            + " not replaced"))
      return
    }
    if declared.protect {
      errors.append(
        .error(
          at: declared.keyLocations["state"] ?? declared.location(of: "protect"),
          "\(reference) is protected (protect: true) and cannot be deleted by state: absent;"
            + " remove protect first"))
      return
    }
    changes.append(
      PlannedChange(
        reference: reference, action: .delete, declared: declared, remote: remote,
        reason: "state: absent"))
  }

  private mutating func planPresent(
    _ declared: DeclaredDatabase, remote: RemoteDatabase, reference: DatabaseReference
  ) {
    var forcing: [FieldChange] = []
    var inPlace: [FieldChange] = []
    var shrink: FieldChange?
    for field in DatabaseField.allCases where FieldComparison.manages(field, declared) {
      switch compare(field, declared: declared, remote: remote, reference: reference) {
      case .equal:
        continue
      case .unknownRemotely:
        warnings.append(
          .warning(
            at: declared.location(of: field.rawValue),
            "the API did not report the \(field.rawValue) of \(reference), so it is not compared;"
              + " fetch the database's details before planning"))
      case .differs(let before, let after):
        let change = FieldChange(field: field, before: before, after: after)
        if field.forcesReplacement {
          forcing.append(change)
        } else if field == .storageGb, let old = Int(before), let new = Int(after), new < old {
          shrink = change
        } else {
          inPlace.append(change)
        }
      }
    }
    if !forcing.isEmpty || replacing.contains(reference) {
      planReplacement(
        declared, remote: remote, reference: reference,
        fields: forcing + (inPlace + [shrink].compactMap { $0 }).sorted { $0.field < $1.field })
      return
    }
    noteNotReady(
      remote, reference: reference, action: inPlace.isEmpty ? nil : .update,
      at: declared.location)
    if let shrink {
      errors.append(
        .error(
          at: declared.location(of: "storageGb"),
          "storage of \(reference) can only grow: the manifest declares storageGb"
            + " \(shrink.after ?? "") but the database has \(shrink.before ?? "") GB"))
    }
    if inPlace.isEmpty {
      // A database held back by a shrink is not unchanged.
      if shrink == nil { unchangedCount += 1 }
    } else {
      // Shown even beside a shrink error, so the reviewer sees everything that differs; the
      // error keeps the whole plan from being applied.
      changes.append(
        PlannedChange(
          reference: reference, action: .update, fields: inPlace, declared: declared,
          remote: remote))
    }
  }

  private mutating func planReplacement(
    _ declared: DeclaredDatabase, remote: RemoteDatabase, reference: DatabaseReference,
    fields: [FieldChange]
  ) {
    noteNotReady(remote, reference: reference, action: .replace, at: declared.location)
    // Without a field forcing it, the replacement was asked for with --replace.
    guard let cause = fields.first(where: { $0.field.forcesReplacement }) else {
      guard !declared.protect else {
        errors.append(
          .error(
            at: declared.location(of: "protect"),
            "--replace \(reference): it is protected (protect: true) and cannot be replaced;"
              + " remove protect first"))
        return
      }
      changes.append(
        PlannedChange(
          reference: reference, action: .replace, fields: fields, declared: declared,
          remote: remote, reason: "replacement requested with --replace"))
      return
    }
    guard !declared.protect else {
      errors.append(
        .error(
          at: declared.location(of: cause.field.rawValue),
          "\(reference) is protected (protect: true), but changing \(cause.field.rawValue) from"
            + " \(cause.before ?? "") to \(cause.after ?? "") replaces it (delete, then create:"
            + " all data is lost)"))
      return
    }
    changes.append(
      PlannedChange(
        reference: reference, action: .replace, fields: fields, declared: declared,
        remote: remote,
        reason: "\(cause.field.rawValue) cannot change in place"))
  }

  private mutating func create(
    _ declared: DeclaredDatabase, replacing remote: RemoteDatabase?, reference: DatabaseReference
  ) -> PlannedChange {
    // Every declared field, ignored ones included: `ignoreChanges` only stops diffing.
    let fields = DatabaseField.allCases.compactMap { field in
      FieldComparison.declaredText(of: field, in: declared).map {
        FieldChange(field: field, before: nil, after: $0)
      }
    }
    return PlannedChange(
      reference: reference, action: .create, fields: fields, declared: declared, remote: remote,
      reason: remote == nil ? nil : "the existing database is being deleted")
  }

  /// `FieldComparison.compare`, with a warning when the API's value is not a quantity.
  private mutating func compare(
    _ field: DatabaseField, declared: DeclaredDatabase, remote: RemoteDatabase,
    reference: DatabaseReference
  ) -> FieldComparison.Outcome {
    let outcome = FieldComparison.compare(
      field, declared: declared, remote: remote, quantities: &quantities)
    if case .differs(let before, _) = outcome,
      field == .cpu || field == .memory, quantities.quantity(before) == nil
    {
      warnings.append(
        .warning(
          at: declared.location(of: field.rawValue),
          "the API reports \(field.rawValue) \(DisplayText.quoted(before)) for \(reference),"
            + " which is not a Kubernetes quantity; it is planned as different"))
    }
    return outcome
  }

  // MARK: - Databases no manifest declares

  private mutating func plan(
    undeclared remote: RemoteDatabase, reference: DatabaseReference, prune: Bool
  ) {
    warnAboutUnknowns(in: remote, reference: reference, at: nil)
    guard prune else {
      unmanaged.append(reference)
      return
    }
    // Already on its way out: deleting it again would only fail.
    guard remote.status != .deleting else { return }
    changes.append(
      PlannedChange(
        reference: reference, action: .delete, remote: remote,
        reason: "pruned: no manifest declares it"))
    noteNotReady(remote, reference: reference, action: .delete, at: nil)
  }

  // MARK: - Reporting

  private mutating func warnAboutUnknowns(
    in remote: RemoteDatabase, reference: DatabaseReference, at location: SourceLocation?
  ) {
    if !remote.engine.isKnown {
      warnings.append(
        .warning(
          at: location,
          "the API reports engine \(DisplayText.quoted(remote.engine.rawValue)) for \(reference),"
            + " which this version of dooordb does not know"))
    }
    if !remote.status.isKnown {
      warnings.append(
        .warning(
          at: location,
          "the API reports status \(DisplayText.quoted(remote.status.rawValue)) for"
            + " \(reference), which this version of dooordb does not know; it is treated as"
            + " not ready"))
    }
  }

  private mutating func noteNotReady(
    _ remote: RemoteDatabase, reference: DatabaseReference, action: ChangeAction?,
    at location: SourceLocation?
  ) {
    guard let note = NotReadyNote.note(for: remote.status, action: action) else { return }
    if remote.status == .error {
      warnings.append(.warning(at: location, "\(reference) is in status error"))
    }
    notReady.append(
      NotReadyDatabase(reference: reference, id: remote.id, status: remote.status, note: note))
  }
}

extension Array {
  /// Whether the elements are in ascending order of `key`; linear, so a caller can skip a sort.
  fileprivate func isSorted(by key: (Element) -> String) -> Bool {
    zip(self, dropFirst()).allSatisfy { key($0) <= key($1) }
  }
}
