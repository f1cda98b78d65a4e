import DooorCore

/// What must hold for the plan of any valid manifest against any remote state, and for any
/// saved plan the decoder accepts. The remote state is drawn from the input's bytes, so the
/// fuzzer explores it as it explores the manifest: each declared database is absent, the same,
/// changed, of another engine, not ready or shrunk, and databases nobody declares appear.
enum PlanInvariants {
  /// The input's bytes as a seed (FNV-1a): Swift's `Hasher` is seeded per process, which would
  /// make a crash impossible to replay.
  static func seed(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return hash
  }

  static func observed(for desired: DesiredState, choices: inout SeededRandom) -> ObservedState {
    var observed = ObservedState()
    var sequence = 0
    for workspace in desired.workspaces {
      var databases: [RemoteDatabase] = []
      for declared in workspace.databases {
        sequence += 1
        var remote = RemoteDatabase(
          id: "db_\(sequence)", slug: declared.slug, name: declared.name, engine: declared.engine,
          version: declared.version, status: .ready, cpu: declared.cpu?.canonical,
          memory: declared.memory?.canonical, storageGb: declared.storageGb,
          storageClass: declared.storageClass)
        switch Int.random(in: 0..<7, using: &choices) {
        case 0: continue
        case 1: break
        case 2:
          remote.cpu = "999m"
          remote.name += " (renamed)"
        case 3: remote.engine = declared.engine == .redis ? .mysql : .redis
        case 4:
          remote.status =
            [.provisioning, .updating, .error, .deleting][Int.random(in: 0..<4, using: &choices)]
        case 5: remote.storageGb = (declared.storageGb ?? 10) + 5
        default: remote.storageGb = max(1, (declared.storageGb ?? 10) - 1)
        }
        databases.append(remote)
      }
      if Bool.random(using: &choices) {
        sequence += 1
        databases.append(
          RemoteDatabase(
            id: "db_\(sequence)", slug: "undeclared-\(sequence)", name: "Undeclared",
            engine: .postgresql))
      }
      observed.workspaces[workspace.name] = databases
    }
    return observed
  }

  static func check(_ desired: DesiredState, bytes: UnsafeBufferPointer<UInt8>) {
    var choices = SeededRandom(seed: Self.seed(bytes))
    let observed = observed(for: desired, choices: &choices)
    let plan = Planner.plan(desired: desired, observed: observed)
    ManifestInvariants.check(
      Planner.plan(desired: desired, observed: observed) == plan, "planning twice differed")
    for change in plan.changes {
      guard let workspace = desired.workspace(change.reference.workspace) else {
        ManifestInvariants.fail("a change outside the declared workspaces: \(change.reference)")
      }
      if change.action == .delete {
        let declared = workspace.databases.first { $0.slug == change.reference.slug }
        ManifestInvariants.check(
          workspace.prune || declared?.state == .absent,
          "a delete nobody asked for: \(change.reference)")
        ManifestInvariants.check(declared?.protect != true, "a protected database deleted")
      }
    }
    for format in PlanFormat.allCases { _ = plan.rendered(as: format) }

    let text = SavedPlan(plan: plan).encoded()
    let saved: SavedPlan
    do {
      saved = try SavedPlan(decoding: text)
    } catch {
      ManifestInvariants.fail("a saved plan does not read back: \(error)\n\(text)")
    }
    ManifestInvariants.check(saved.encoded() == text, "a saved plan changed on reading back")
    if !plan.hasErrors {
      let reasons = saved.staleness(against: observed)
      ManifestInvariants.check(reasons.isEmpty, "a fresh saved plan is stale: \(reasons)")
    }
  }

  /// Any text the saved-plan decoder accepts writes back to text it reads the same way.
  static func checkSavedPlan(_ text: String) {
    guard let saved = try? SavedPlan(decoding: text) else { return }
    let written = saved.encoded()
    guard let again = try? SavedPlan(decoding: written) else {
      ManifestInvariants.fail("a decoded saved plan does not read back:\n\(written)")
    }
    ManifestInvariants.check(again == saved, "a saved plan changed on writing and reading")
    _ = saved.staleness(against: ObservedState())
    _ = saved.databasesNeedingDetails(observed: ObservedState())
  }
}
