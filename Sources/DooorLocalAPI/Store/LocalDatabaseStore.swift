import DooorCore
import Foundation
import HTTPTypes

/// The one owner of the local API's records: every read and change goes through this actor,
/// and a change is answered only once it is on disk (a failed write is undone and answered
/// with an error). Real databases' lifecycles are driven by the provisioner's reports.
actor LocalDatabaseStore {
  private(set) var state: LocalAPIState
  private var indexByID: [String: Int] = [:]
  /// When the earliest simulated delete in progress completes; nil when none is.
  private var nextPurgeAt: Date?
  private let options: LocalAPIOptions
  private let provisioner: any DatabaseProvisioner
  private let writer: LocalStateWriter?
  private var databaseFaults: SeededRandom

  init(options: LocalAPIOptions, state: LocalAPIState, provisioner: any DatabaseProvisioner) {
    self.options = options
    self.provisioner = provisioner
    self.state = state
    writer = options.stateFile.map(LocalStateWriter.init(url:))
    databaseFaults = SeededRandom(seed: options.faults.seed &+ 1)
    indexByID = Self.index(state.databases)
    nextPurgeAt = Self.nextPurge(state.databases)
  }

  /// Hands the real databases of a loaded state to the provisioner; returns once each is
  /// running again or has failed.
  func adoptServers() async {
    await provisioner.adopt(state.databases.filter { $0.mode == .real }, store: self)
  }

  func record(id: String) -> LocalDatabaseRecord? {
    indexByID[id].map { state.databases[$0] }
  }

  // MARK: Reads

  struct Page: Sendable {
    var items: [(LocalDatabaseRecord, DatabaseStatus)]
    var total: Int
  }

  /// One page of a workspace's databases that pass the filters, counting every match.
  func list(
    workspace: String, engine: Engine?, status: DatabaseStatus?, search: String?, page: Int,
    limit: Int
  ) -> Page {
    let now = options.timeline.now()
    purgeGone(at: now)
    let start = (page - 1) * limit
    let end = start + limit
    var total = 0
    var items: [(LocalDatabaseRecord, DatabaseStatus)] = []
    let search = search?.lowercased()
    for record in state.databases where record.workspace == workspace {
      guard let current = record.status(at: now) else { continue }
      if let engine, record.engine != engine { continue }
      if let status, current != status { continue }
      if let search, !search.isEmpty, !record.name.lowercased().contains(search),
        !record.slug.contains(search)
      {
        continue
      }
      if total >= start && total < end { items.append((record, current)) }
      total += 1
    }
    return Page(items: items, total: total)
  }

  func find(workspace: String, id: String) throws(LocalAPIError) -> (
    LocalDatabaseRecord, DatabaseStatus
  ) {
    let now = options.timeline.now()
    purgeGone(at: now)
    guard let index = indexByID[id] else { throw .notFound(workspace: workspace, id: id) }
    let record = state.databases[index]
    guard record.workspace == workspace, let status = record.status(at: now) else {
      throw .notFound(workspace: workspace, id: id)
    }
    return (record, status)
  }

  // MARK: Changes

  func create(workspace: String, _ request: CreateDatabaseRequest) async throws(LocalAPIError)
    -> (LocalDatabaseRecord, DatabaseStatus)
  {
    let now = options.timeline.now()
    purgeGone(at: now)
    if let existing = state.databases.first(where: {
      $0.workspace == workspace && $0.slug == request.slug && $0.status(at: now) != nil
    }) {
      throw .conflict(
        "a database with slug \(request.slug) already exists in workspace \(workspace) (\(existing.id))"
      )
    }
    let failing = shouldFail(slug: request.slug)
    // A database told to fail is a simulated one: no server is started only to be broken.
    var placement =
      failing
      ? .simulated
      : await provisioner.placement(engine: request.engine, version: request.version)
    // Counted after the provisioner was asked and before the record is added, with no
    // suspension between: concurrent creates cannot all pass the limit on the same count.
    if case .real = placement,
      state.databases.count(where: { $0.mode == .real }) >= options.maxEngines
    {
      let setting = options.maxEnginesSetting ?? "--max-engines \(options.maxEngines)"
      let reason = "the local API already runs \(options.maxEngines) real servers (\(setting))"
      placement =
        options.engines == .real
        ? .refused(status: 422, message: reason) : .simulatedInstead(reason: reason)
    }
    let mode: LocalEngineMode
    var version = request.version ?? APIDefaults.version(of: request.engine) ?? ""
    switch placement {
    case .refused(let status, let message):
      throw LocalAPIError(.init(code: status), "engine_unavailable", message)
    case .real(let running):
      mode = .real
      version = running
    case .simulated, .simulatedInstead:
      mode = .simulated
      if let requested = request.version,
        !DatabaseFieldRules.simulatedOffers(requested, engine: request.engine)
      {
        let offered = DatabaseFieldRules.simulatedMajors[request.engine, default: []]
        throw .validation([
          "version \"\(requested)\" of \(request.engine) is not offered (offered: \(offered.joined(separator: ", ")))"
        ])
      }
    }
    if case .simulatedInstead(let reason) = placement {
      options.notice("\(workspace)/\(request.slug): simulated, \(reason)")
    }
    // The slug may have been taken while the provisioner was asked.
    if state.databases.contains(where: {
      $0.workspace == workspace && $0.slug == request.slug && $0.status(at: now) != nil
    }) {
      throw .conflict(
        "a database with slug \(request.slug) already exists in workspace \(workspace)")
    }
    let record = LocalDatabaseRecord(
      id: nextID(), workspace: workspace, slug: request.slug, name: request.name,
      engine: request.engine, version: version, cpu: request.cpu ?? APIDefaults.cpu.text,
      memory: request.memory ?? APIDefaults.memory.text,
      storageGb: request.storageGb ?? APIDefaults.storageGb,
      storageClass: request.storageClass ?? APIDefaults.storageClass, createdAt: now,
      updatedAt: now,
      transition: .init(kind: .provisioning, until: mode == .real ? nil : after(now)),
      failing: failing,
      username: LocalCredentials.username(engine: request.engine, slug: request.slug),
      password: LocalCredentials.password(),
      databaseName: LocalCredentials.databaseName(engine: request.engine, slug: request.slug),
      mode: mode)
    state.databases.append(record)
    indexByID[record.id] = state.databases.count - 1
    do {
      try await save()
    } catch {
      remove(id: record.id)
      throw .stateNotSaved(error)
    }
    if mode == .real {
      noteMemoryCap(record)
      await provisioner.provision(record, store: self)
    }
    return (record, record.status(at: now) ?? .provisioning)
  }

  /// Says once, when its server is started or resized, that a database's memory was capped.
  private func noteMemoryCap(_ record: LocalDatabaseRecord) {
    if let note = record.memoryCapNote {
      options.notice("\(record.workspace)/\(record.slug): \(note)")
    }
  }

  func update(workspace: String, id: String, fields: [String: JSONValue])
    async throws(LocalAPIError)
    -> (LocalDatabaseRecord, DatabaseStatus)
  {
    let (record, status) = try find(workspace: workspace, id: id)
    let changes = try DatabaseFieldRules.update(fields, current: record)
    guard status == .ready || status == .error else {
      throw .conflict("database \(record.slug) is \(status); wait until it is ready")
    }
    var changed = record
    if let name = changes.name { changed.name = name }
    if let cpu = changes.cpu { changed.cpu = cpu }
    if let memory = changes.memory { changed.memory = memory }
    if let storageGb = changes.storageGb { changed.storageGb = storageGb }
    guard changed != record else { return (record, status) }
    let now = options.timeline.now()
    changed.updatedAt = now
    // Only memory reaches a real engine (a restart); the other fields are records.
    let restarts = record.mode == .real && changed.memory != record.memory
    if record.mode == .simulated {
      changed.transition = .init(kind: .updating, until: after(now))
    } else if restarts {
      changed.transition = .init(kind: .updating, until: nil)
    }
    try await replace(record, with: changed)
    if restarts {
      noteMemoryCap(changed)
      await provisioner.resize(changed, store: self)
    }
    return (changed, changed.status(at: now) ?? status)
  }

  func delete(workspace: String, id: String) async throws(LocalAPIError) {
    let (record, status) = try find(workspace: workspace, id: id)
    guard status != .deleting else { return }
    let now = options.timeline.now()
    var changed = record
    changed.updatedAt = now
    let until = record.mode == .real ? nil : after(now)
    changed.transition = .init(kind: .deleting, until: until)
    try await replace(record, with: changed)
    if let until { nextPurgeAt = min(nextPurgeAt ?? until, until) }
    if record.mode == .real { await provisioner.remove(changed, store: self) }
  }

  // MARK: Reports from the real provisioner

  func engineAssigned(id: String, port: Int) async {
    await amend(id) { $0.server = .init(port: port, pid: nil) }
  }

  func engineStarted(id: String, pid: Int32, port: Int) async {
    await amend(id) { $0.server = .init(port: port, pid: pid) }
  }

  func engineReady(id: String, pid: Int32, port: Int) async {
    await amend(id) {
      $0.server = .init(port: port, pid: pid)
      $0.transition = nil
      $0.failing = false
      $0.statusMessage = nil
    }
  }

  func engineRestarting(id: String) async {
    await amend(id) {
      $0.server?.pid = nil
      if $0.transition?.kind != .provisioning { $0.transition = .init(kind: .updating, until: nil) }
    }
  }

  func engineFailed(id: String, message: String) async {
    await amend(id) {
      $0.server?.pid = nil
      $0.transition = nil
      $0.failing = true
      $0.statusMessage = message
    }
  }

  func engineRemoved(id: String) async {
    guard indexByID[id] != nil else { return }
    remove(id: id)
    try? await save()
  }

  // MARK: Helpers

  /// Changes a record a report concerns and saves; a failed save is retried by the next one.
  /// A database being deleted takes no report but its removal: a start queued before the
  /// DELETE must not make it `ready` again.
  private func amend(_ id: String, _ change: (inout LocalDatabaseRecord) -> Void) async {
    guard let index = indexByID[id], state.databases[index].transition?.kind != .deleting else {
      return
    }
    change(&state.databases[index])
    try? await save()
  }

  /// Stores `changed` in place of `record`, undone when it cannot be saved.
  private func replace(_ record: LocalDatabaseRecord, with changed: LocalDatabaseRecord)
    async throws(LocalAPIError)
  {
    guard let index = indexByID[record.id] else {
      throw .notFound(workspace: record.workspace, id: record.id)
    }
    state.databases[index] = changed
    do {
      try await save()
    } catch {
      if let index = indexByID[record.id], state.databases[index] == changed {
        state.databases[index] = record
      }
      throw .stateNotSaved(error)
    }
  }

  private func save() async throws {
    try await writer?.save(state)
  }

  private func remove(id: String) {
    state.databases.removeAll { $0.id == id }
    indexByID = Self.index(state.databases)
  }

  private func purgeGone(at now: Date) {
    // Most requests have nothing to purge; skip the pass over every database then.
    guard let nextPurgeAt, nextPurgeAt <= now else { return }
    state.databases.removeAll { $0.status(at: now) == nil }
    self.nextPurgeAt = Self.nextPurge(state.databases)
    indexByID = Self.index(state.databases)
  }

  private static func nextPurge(_ databases: [LocalDatabaseRecord]) -> Date? {
    databases.lazy.compactMap { $0.transition?.kind == .deleting ? $0.transition?.until : nil }
      .min()
  }

  private static func index(_ databases: [LocalDatabaseRecord]) -> [String: Int] {
    Dictionary(databases.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
  }

  private func after(_ now: Date) -> Date {
    let delay = options.provisionDelay.components
    return now.addingTimeInterval(Double(delay.seconds) + Double(delay.attoseconds) / 1e18)
  }

  private func shouldFail(slug: String) -> Bool {
    if let pattern = options.faults.errorSlugPattern, let regex = try? Regex(pattern),
      slug.firstMatch(of: regex) != nil
    {
      return true
    }
    let share = options.faults.errorDatabaseShare
    return share > 0 && databaseFaults.unit() < share
  }

  private func nextID() -> String {
    let sequence = state.nextSequence
    state.nextSequence += 1
    let counter = String(sequence, radix: 36)
    let padded = String(repeating: "0", count: max(0, 8 - counter.count)) + counter
    let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")
    let suffix = String((0..<6).map { _ in alphabet.randomElement()! })
    return "db_\(padded)\(suffix)"
  }
}
