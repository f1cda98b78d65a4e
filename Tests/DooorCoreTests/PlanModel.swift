import DooorCore

/// A pure stand-in for the API: what the observed state becomes once a plan's changes are
/// carried out, with the API's defaults for what a create leaves out (CONTRACT §6).
enum PlanModel {
  static func apply(_ plan: Plan, to observed: ObservedState) -> ObservedState {
    var result = observed
    for change in plan.changes {
      let workspace = change.reference.workspace
      var databases = result.workspaces[workspace] ?? []
      let index = databases.firstIndex { $0.slug == change.reference.slug }
      switch change.action {
      case .create, .replace:
        let created = create(change.declared!, id: "new-\(change.reference.slug)")
        if let index { databases[index] = created } else { databases.append(created) }
      case .update:
        var database = databases[index!]
        for field in change.fields {
          let value = field.after!
          switch field.field {
          case .name: database.name = value
          case .cpu: database.cpu = value
          case .memory: database.memory = value
          case .storageGb: database.storageGb = Int(value)!
          case .engine, .version, .storageClass:
            preconditionFailure("an update never changes \(field.field)")
          }
        }
        database.status = .updating
        databases[index!] = database
      case .delete:
        databases.remove(at: index!)
      }
      result.workspaces[workspace] = databases
    }
    return result
  }

  static func create(_ declared: DeclaredDatabase, id: String) -> RemoteDatabase {
    let defaultVersion =
      switch declared.engine {
      case .postgresql: "16"
      case .mysql: "8"
      default: "7"
      }
    return RemoteDatabase(
      id: id, slug: declared.slug, name: declared.name, engine: declared.engine,
      version: declared.version ?? defaultVersion, status: .provisioning,
      cpu: declared.cpu?.text ?? "250m", memory: declared.memory?.text ?? "512Mi",
      storageGb: declared.storageGb ?? 10, storageClass: declared.storageClass ?? "standard")
  }
}

/// Picks for generated cases; one generated integer seeds one database.
extension SeededRandom {
  init(seed: Int) {
    self.init(seed: UInt64(bitPattern: Int64(seed)))
  }

  mutating func pick<T>(_ choices: [T]) -> T {
    choices.randomElement(using: &self)!
  }

  mutating func chance(_ numerator: Int, in denominator: Int) -> Bool {
    Int.random(in: 0..<denominator, using: &self) < numerator
  }
}

/// Random desired and observed states built from generated integers: each integer is one
/// slug, declared, remote or both, with values chosen to hit every rule often.
struct PlanScenario: CustomStringConvertible {
  var desired: DesiredState
  var observed: ObservedState

  init(codes: [Int], pruneAcme: Bool, pruneBeta: Bool) {
    var declared: [String: [DeclaredDatabase]] = ["acme": [], "beta": []]
    var remote: [String: [RemoteDatabase]] = ["acme": [], "beta": []]
    for (offset, code) in codes.enumerated() {
      var random = SeededRandom(seed: code)
      let workspace = random.chance(2, in: 3) ? "acme" : "beta"
      let slug = "db-\(offset)"
      let presence = Int.random(in: 0..<6, using: &random)
      let engine = random.pick([Engine.postgresql, .mysql, .redis])
      if presence != 0 {
        let line = 10 + offset * 20
        declared[workspace]!.append(
          PlanFixture.declared(
            slug, workspace: workspace, name: random.pick(["DB", "Other"]), engine: engine,
            version: random.pick([nil, "16", "8", "7", "16.2"]),
            cpu: random.pick([nil, "250m", "0.25", "1", "500m"]),
            memory: random.pick([nil, "512Mi", "0.5Gi", "1Gi", "1G"]),
            storageGb: random.pick([nil, 5, 10, 20]),
            storageClass: random.pick([nil, "standard", "fast"]),
            protect: random.chance(1, in: 4),
            ignoreChanges: Set(
              [DatabaseField.name, .version, .cpu, .memory, .storageGb, .storageClass].filter {
                _ in random.chance(1, in: 6)
              }),
            state: random.chance(1, in: 6) ? .absent : nil, line: line))
      }
      if presence != 1 {
        remote[workspace]!.append(
          PlanFixture.remote(
            slug, name: random.pick(["DB", "Other"]),
            engine: random.chance(2, in: 3)
              ? engine : random.pick([.postgresql, .mysql, .redis, .unknown("mongodb")]),
            version: random.pick([nil, "16", "16.2", "160", "8", "7"]),
            status: random.pick([
              .ready, .ready, .ready, .ready, .provisioning, .updating, .deleting, .error,
              .unknown("hibernating"),
            ]),
            cpu: random.pick(["250m", "0.25", "1000m", "500m", "lots", nil]),
            memory: random.pick(["512Mi", "1Gi", "1073741824", "1G", nil]),
            storageGb: random.pick([5, 10, 20, nil]),
            storageClass: random.pick([nil, "standard", "fast"])))
      }
    }
    desired = DesiredState(workspaces: [
      DeclaredWorkspace(name: "acme", prune: pruneAcme, databases: declared["acme"]!),
      DeclaredWorkspace(name: "beta", prune: pruneBeta, databases: declared["beta"]!),
    ])
    observed = ObservedState(workspaces: remote)
  }

  var description: String {
    "desired: \(desired)\nobserved: \(observed)"
  }
}
