import DooorCore
import Foundation

/// Builders for planner tests: a declaration whose every written key has its own line, so
/// tests can check that errors point at the right one.
enum PlanFixture {
  static let file = "databases/acme.yaml"

  /// Manifest keys in the order a fixture writes them, one line each after `slug`.
  static let keyOrder = [
    "slug", "name", "engine", "version", "cpu", "memory", "storageGb", "storageClass",
    "dependsOn", "protect", "ignoreChanges", "state",
  ]

  static func declared(
    _ slug: String, workspace: String = "acme", name: String = "DB",
    engine: Engine = .postgresql, version: String? = nil, cpu: String? = nil,
    memory: String? = nil, storageGb: Int? = nil, storageClass: String? = nil,
    dependsOn: [String] = [], protect: Bool = false, ignoreChanges: Set<DatabaseField> = [],
    state: DeclaredDatabase.Presence? = nil, line: Int = 10
  ) -> DeclaredDatabase {
    var written: Set<String> = ["slug", "name", "engine"]
    if version != nil { written.insert("version") }
    if cpu != nil { written.insert("cpu") }
    if memory != nil { written.insert("memory") }
    if storageGb != nil { written.insert("storageGb") }
    if storageClass != nil { written.insert("storageClass") }
    if !dependsOn.isEmpty { written.insert("dependsOn") }
    if protect { written.insert("protect") }
    if !ignoreChanges.isEmpty { written.insert("ignoreChanges") }
    if state != nil { written.insert("state") }
    var locations: [String: SourceLocation] = [:]
    for (offset, key) in keyOrder.enumerated() where written.contains(key) {
      locations[key] = location(line: line + offset, column: offset == 0 ? 5 : 7)
    }
    return DeclaredDatabase(
      workspace: workspace, slug: slug, name: name, engine: engine, version: version,
      cpu: cpu.map { try! Quantity(parsing: $0) },
      memory: memory.map { try! Quantity(parsing: $0) },
      storageGb: storageGb, storageClass: storageClass, dependsOn: dependsOn, protect: protect,
      ignoreChanges: ignoreChanges, state: state ?? .present,
      location: location(line: line, column: 5), keyLocations: locations)
  }

  /// Where the test plans are "made": a fixed API, version and time, so files are stable.
  static let origin = SavedPlanOrigin(
    apiURL: "https://api.example.test/api/v1", workspaces: ["acme"], dooordbVersion: "0.1.0",
    createdAt: Date(timeIntervalSince1970: 1_764_590_400))

  static func location(line: Int, column: Int) -> SourceLocation {
    SourceLocation(file: file, line: line, column: column)
  }

  /// Where `key` of a fixture declared at `line` was written.
  static func location(of key: String, line: Int = 10) -> SourceLocation {
    let offset = keyOrder.firstIndex(of: key)!
    return location(line: line + offset, column: offset == 0 ? 5 : 7)
  }

  static func remote(
    _ slug: String, id: String? = nil, name: String = "DB", engine: Engine = .postgresql,
    version: String? = "16", status: DatabaseStatus = .ready, cpu: String? = "250m",
    memory: String? = "512Mi", storageGb: Int? = 10, storageClass: String? = nil
  ) -> RemoteDatabase {
    RemoteDatabase(
      id: id ?? "db_\(slug)", slug: slug, name: name, engine: engine, version: version,
      status: status, cpu: cpu, memory: memory, storageGb: storageGb, storageClass: storageClass)
  }

  static func plan(
    _ declared: [DeclaredDatabase], remote: [RemoteDatabase] = [], prune: Bool = false,
    workspace: String = "acme"
  ) -> Plan {
    Planner.plan(
      desired: DesiredState(workspaces: [
        DeclaredWorkspace(name: workspace, prune: prune, databases: declared)
      ]),
      observed: ObservedState(workspaces: [workspace: remote]))
  }

  /// The plan in short lines, for tables of expectations.
  static func outline(_ plan: Plan) -> [String] {
    var lines: [String] = plan.changes.map { change in
      let fields = change.fields.map {
        "\($0.field.rawValue):\($0.before ?? "nil")->\($0.after ?? "nil")"
      }
      return ([change.action.rawValue, change.reference.description] + fields)
        .joined(separator: " ")
    }
    lines += plan.unmanaged.map { "unmanaged \($0)" }
    lines += plan.notReady.map { "notReady \($0.reference) \($0.status)" }
    lines += plan.warnings.map { "warning \($0.location.map(String.init(describing:)) ?? "-")" }
    lines += plan.errors.map { "error \($0.location.map(String.init(describing:)) ?? "-")" }
    lines.append("unchanged \(plan.unchangedCount)")
    return lines
  }
}
