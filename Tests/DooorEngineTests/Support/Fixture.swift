import DooorCore
import DooorEngine
import Synchronization

/// Plans and declarations for executor tests, in one workspace unless told otherwise.
enum Fixture {
  static let workspace = "shop"

  static func reference(_ slug: String) -> DatabaseReference {
    DatabaseReference(workspace: workspace, slug: slug)
  }

  static func declared(
    _ slug: String, engine: Engine = .postgresql, version: String? = nil, cpu: String? = nil,
    dependsOn: [String] = [], state: DeclaredDatabase.Presence = .present
  ) -> DeclaredDatabase {
    DeclaredDatabase(
      workspace: workspace, slug: slug, name: "Database \(slug)", engine: engine,
      version: version, cpu: cpu.map { try! Quantity(parsing: $0) }, dependsOn: dependsOn,
      state: state, location: SourceLocation(file: "shop.yaml", line: 1, column: 1))
  }

  static func remote(
    _ slug: String, id: String, engine: Engine = .postgresql, status: DatabaseStatus = .ready,
    name: String? = nil
  ) -> RemoteDatabase {
    RemoteDatabase(
      id: id, slug: slug, name: name ?? "Database \(slug)", engine: engine, version: "16",
      status: status, cpu: "250m", memory: "512Mi", storageGb: 10, storageClass: "standard")
  }

  static func create(_ slug: String, engine: Engine = .postgresql, dependsOn: [String] = [])
    -> PlannedChange
  {
    let declared = declared(slug, engine: engine, dependsOn: dependsOn)
    return PlannedChange(
      reference: reference(slug), action: .create,
      fields: [FieldChange(field: .name, before: nil, after: declared.name)], declared: declared)
  }

  /// Renames `remote` to "Renamed <slug>".
  static func update(_ remote: RemoteDatabase, dependsOn: [String] = []) -> PlannedChange {
    var declared = declared(remote.slug, engine: remote.engine, dependsOn: dependsOn)
    declared.name = "Renamed \(remote.slug)"
    return PlannedChange(
      reference: reference(remote.slug), action: .update,
      fields: [FieldChange(field: .name, before: remote.name, after: declared.name)],
      declared: declared, remote: remote)
  }

  static func replace(_ remote: RemoteDatabase, with engine: Engine, dependsOn: [String] = [])
    -> PlannedChange
  {
    let declared = declared(remote.slug, engine: engine, dependsOn: dependsOn)
    return PlannedChange(
      reference: reference(remote.slug), action: .replace,
      fields: [
        FieldChange(field: .engine, before: remote.engine.rawValue, after: engine.rawValue)
      ],
      declared: declared, remote: remote)
  }

  /// A `state: absent` delete when `dependsOn` is given, else a prune.
  static func delete(_ remote: RemoteDatabase, absentWithDependsOn dependsOn: [String]? = nil)
    -> PlannedChange
  {
    PlannedChange(
      reference: reference(remote.slug), action: .delete,
      declared: dependsOn.map { declared(remote.slug, dependsOn: $0, state: .absent) },
      remote: remote, reason: dependsOn == nil ? "pruned" : "absent")
  }
}

/// Collects progress events in the order they were observed.
final class EventLog: ApplyObserver {
  private let storage = Mutex<[ApplyEvent]>([])

  var events: [ApplyEvent] { storage.withLock { $0 } }

  func observe(_ event: ApplyEvent) {
    storage.withLock { $0.append(event) }
  }

  /// Index of the first event for `slug` matching `predicate`.
  func firstIndex(_ slug: String, where predicate: (ApplyEvent.Kind) -> Bool) -> Int? {
    events.firstIndex { $0.reference.slug == slug && predicate($0.kind) }
  }

  func started(_ slug: String) -> Int? {
    firstIndex(slug) { $0 == .started }
  }

  func finished(_ slug: String) -> Int? {
    firstIndex(slug) { kind in
      if case .done = kind { return true }
      return false
    }
  }
}
