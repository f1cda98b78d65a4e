import DooorCore
import Foundation

/// Runs real engine servers (CONTRACT §7): one per database, on a free loopback port, with
/// its data in its own folder beside the state file. Each database's operations run one
/// after another; a watcher restarts servers that die and gives up after three failed starts.
actor RealProvisioner: DatabaseProvisioner {
  private let setting: LocalEnginesSetting
  /// Found on first need: a command whose servers all still run never needs it, and finding
  /// it runs each engine's `--version`.
  private var discoveredCatalog: EngineCatalog?
  private let discover: @Sendable () async -> EngineCatalog
  private let enginesFolder: URL
  /// The folder beside the state that links to `enginesFolder` when that lives elsewhere.
  private let linkedFrom: URL?
  private let watchInterval: Duration
  /// Servers known to run, by database id.
  private var running: [String: (pid: Int32, engine: Engine)] = [:]
  /// The last operation queued per database, so the next one waits for it.
  private var operations: [String: Task<Void, Never>] = [:]
  /// Operations queued or running per database: the watcher leaves those databases alone.
  private var pending: [String: Int] = [:]
  private var watcher: Task<Void, Never>?
  /// How many starts one bring-up tries before the database ends in `error`.
  static let startAttempts = 3

  init(
    setting: LocalEnginesSetting, enginesFolder: URL, linkedFrom: URL? = nil,
    watchInterval: Duration = .seconds(1),
    discover: @escaping @Sendable () async -> EngineCatalog = { await EngineCatalog.discover() }
  ) {
    self.setting = setting
    self.discover = discover
    self.enginesFolder = enginesFolder
    self.linkedFrom = linkedFrom
    self.watchInterval = watchInterval
  }

  // MARK: Placement

  private func catalog() async -> EngineCatalog {
    if let discoveredCatalog { return discoveredCatalog }
    let found = await discover()
    discoveredCatalog = found
    return found
  }

  /// `simulated` keeps creating records only, while the real databases of the state are
  /// still looked after.
  func placement(engine: Engine, version: String?) async -> Placement {
    guard setting != .simulated else { return .simulated }
    let installed = await catalog().installed(engine)
    let chosen =
      version.map { wanted in installed.first { $0.serves(requested: wanted) } }
      ?? installed.first
    guard let chosen else {
      let names = installed.map(\.label).joined(separator: ", ")
      let wanted = [engine.displayName, version].compactMap(\.self).joined(separator: " ")
      let reason =
        "\(wanted) is not installed here (installed: \(names.isEmpty ? "none" : names))"
      return setting == .real
        ? .refused(status: 422, message: reason) : .simulatedInstead(reason: reason)
    }
    // As root, the engine's user must reach the engines folder (EnginesFolder moves it out
    // of a project under /root); where it still cannot, `auto` simulates the database.
    if let problem = EngineUser.forEngine(engine)?.reachProblem(
      enginesFolder.appendingPathComponent("new"))
    {
      return setting == .real
        ? .refused(status: 422, message: problem) : .simulatedInstead(reason: problem)
    }
    return .real(version: version ?? chosen.version)
  }

  // MARK: Lifecycle

  func provision(_ record: LocalDatabaseRecord, store: LocalDatabaseStore) {
    enqueue(record.id) { await self.bringUp(record.id, store: store) }
  }

  func resize(_ record: LocalDatabaseRecord, store: LocalDatabaseStore) {
    enqueue(record.id) {
      await self.stopServer(record)
      await self.bringUp(record.id, store: store)
    }
  }

  func remove(_ record: LocalDatabaseRecord, store: LocalDatabaseStore) {
    enqueue(record.id) { await self.tearDown(record, store: store) }
  }

  private func tearDown(_ record: LocalDatabaseRecord, store: LocalDatabaseStore) async {
    await stopServer(record)
    try? FileManager.default.removeItem(at: folder(of: record.id))
    await store.engineRemoved(id: record.id)
  }

  func adopt(_ records: [LocalDatabaseRecord], store: LocalDatabaseStore) async {
    var tasks: [Task<Void, Never>] = []
    for record in records where record.mode == .real {
      if record.transition?.kind == .deleting {
        tasks.append(
          enqueue(record.id) {
            await self.stopServer(record)
            try? FileManager.default.removeItem(at: self.folder(of: record.id))
            await store.engineRemoved(id: record.id)
          })
        continue
      }
      tasks.append(enqueue(record.id) { await self.adoptOne(record, store: store) })
    }
    for task in tasks { await task.value }
    startWatching(store)
  }

  /// Keeps a ready database's server that still runs (it accepted its credentials when it
  /// became ready; asking again, or even connecting, would cost every `--local` command a
  /// client run or a PostgreSQL backend per database). A server left from a start or restart
  /// that was cut short is stopped before the database is brought up again, so two servers
  /// never share a data folder. A database in `error` stays so: it failed three starts, and
  /// retrying on every command would hold each command up.
  private func adoptOne(_ record: LocalDatabaseRecord, store: LocalDatabaseStore) async {
    let leftover = record.server.flatMap { server in
      server.pid.map { (pid: $0, port: server.port) }
    }.flatMap { EngineServerControl.isServer($0.pid, of: record.id, port: $0.port) ? $0 : nil }
    if let leftover, record.transition == nil {
      running[record.id] = (leftover.pid, record.engine)
      return
    }
    if record.transition == nil && record.failing { return }
    if let leftover { await EngineServerControl.stop(leftover.pid, engine: record.engine) }
    await store.engineRestarting(id: record.id)
    await bringUp(record.id, store: store)
  }

  func shutdown() {
    watcher?.cancel()
    watcher = nil
  }

  // MARK: Bringing a server up

  /// Initialises (once), starts and waits for the database's server, up to three times;
  /// reports ready or, with the engine's last log line, error.
  private func bringUp(_ id: String, store: LocalDatabaseStore) async {
    guard let record = await store.record(id: id) else { return }
    startWatching(store)
    var lastProblem = "no start was tried"
    for attempt in 1...Self.startAttempts {
      do {
        let port = try await choosePort(for: record, store: store)
        let launch = try await launch(for: record, port: port)
        let pid = try await start(launch, record: record, store: store)
        running[id] = (pid, record.engine)
        await store.engineReady(id: id, pid: pid, port: port)
        return
      } catch {
        lastProblem = "\(error)"
        if attempt < Self.startAttempts {
          try? await Task.sleep(for: .milliseconds(500 * attempt))
        }
      }
    }
    await store.engineFailed(id: id, message: lastProblem)
  }

  private func choosePort(for record: LocalDatabaseRecord, store: LocalDatabaseStore) async throws
    -> Int
  {
    if let port = record.server?.port, FreePort.isFree(port) { return port }
    let port = try FreePort.pick()
    await store.engineAssigned(id: record.id, port: port)
    return port
  }

  private func start(_ launch: EngineLaunch, record: LocalDatabaseRecord, store: LocalDatabaseStore)
    async throws -> Int32
  {
    guard let recipe = EngineRecipes.recipe(for: record.engine) else {
      throw EngineError("no engine is known for \(record.engine)")
    }
    let process = process(for: record.engine)
    let marker = launch.folder.appendingPathComponent(".initialized")
    if !FileManager.default.fileExists(atPath: marker.path) {
      try prepareFolder(launch)
      try await recipe.initialize(launch, process: process)
      _ = FileManager.default.createFile(atPath: marker.path, contents: Data())
    }
    let command = try recipe.serverCommand(launch)
    let pid = try process.startServer(command, log: launch.log)
    await store.engineStarted(id: record.id, pid: pid, port: launch.port)
    do {
      try await waitUntilAccepting(launch, pid: pid, recipe: recipe, administrative: true)
      try await recipe.prepare(launch, process: process)
      try await waitUntilAccepting(launch, pid: pid, recipe: recipe, administrative: false)
      return pid
    } catch {
      await EngineServerControl.stop(pid, engine: record.engine, grace: .seconds(5))
      throw error
    }
  }

  /// Polls the engine's own client until the server accepts the generated credentials.
  private func waitUntilAccepting(
    _ launch: EngineLaunch, pid: Int32, recipe: any EngineRecipe, administrative: Bool
  ) async throws {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: .seconds(60))
    var pause = Duration.milliseconds(40)
    let process = process(for: launch.installation.engine)
    while true {
      if await recipe.accepts(launch, administrative: administrative, process: process) { return }
      guard EngineServerControl.isAlive(pid) else {
        throw EngineError(EngineLog.lastLine(ofFile: launch.log))
      }
      guard clock.now < deadline else {
        throw EngineError(
          "the server did not accept connections within 60 s; its log: \(EngineLog.lastLine(ofFile: launch.log))"
        )
      }
      try await Task.sleep(for: pause)
      pause = min(pause * 2, .milliseconds(250))
    }
  }

  private func prepareFolder(_ launch: EngineLaunch) throws {
    let manager = FileManager.default
    try? manager.removeItem(at: launch.folder)
    // Engine users (as root) pass through the engines folder without listing it; each
    // server's own folder is its user's alone.
    try manager.createDirectory(
      at: enginesFolder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o711])
    try manager.setAttributes([.posixPermissions: 0o711], ofItemAtPath: enginesFolder.path)
    if let linkedFrom { try EnginesFolder.link(linkedFrom, to: enginesFolder) }
    try manager.createDirectory(
      at: launch.folder, withIntermediateDirectories: false,
      attributes: [.posixPermissions: 0o700])
    if let user = launch.user {
      if let problem = user.reachProblem(launch.folder) { throw EngineError(problem) }
      try user.own(launch.folder)
    }
  }

  private func stopServer(_ record: LocalDatabaseRecord) async {
    if let known = running.removeValue(forKey: record.id) {
      await EngineServerControl.stop(known.pid, engine: record.engine)
    } else {
      await EngineServerControl.stopIfServer(record)
    }
  }

  // MARK: Watching

  private func startWatching(_ store: LocalDatabaseStore) {
    guard watcher == nil else { return }
    let interval = watchInterval
    watcher = Task { [weak self] in
      while !Task.isCancelled {
        try? await Task.sleep(for: interval)
        await self?.restartDeadServers(store)
      }
    }
  }

  /// A server that died is marked `updating` and brought up again.
  private func restartDeadServers(_ store: LocalDatabaseStore) async {
    for (id, server) in running
    where pending[id, default: 0] == 0 && !EngineServerControl.isAlive(server.pid) {
      running[id] = nil
      enqueue(id) {
        await store.engineRestarting(id: id)
        await self.bringUp(id, store: store)
      }
    }
  }

  // MARK: Helpers

  @discardableResult
  private func enqueue(_ id: String, _ work: @escaping @Sendable () async -> Void) -> Task<
    Void, Never
  > {
    let previous = operations[id]
    pending[id, default: 0] += 1
    let task = Task {
      await previous?.value
      await work()
      self.finished(id)
    }
    operations[id] = task
    return task
  }

  private func finished(_ id: String) {
    pending[id, default: 1] -= 1
    if pending[id] == 0 {
      pending[id] = nil
      operations[id] = nil
    }
  }

  nonisolated func folder(of id: String) -> URL {
    enginesFolder.appendingPathComponent(id)
  }

  private func process(for engine: Engine) -> EngineProcess {
    EngineProcess(user: EngineUser.forEngine(engine))
  }

  private func launch(for record: LocalDatabaseRecord, port: Int) async throws -> EngineLaunch {
    try EngineLaunch(
      record: record, port: port, catalog: await catalog(), folder: folder(of: record.id))
  }
}

extension EngineInstallation {
  /// `15`, or `MariaDB 10.11` where the engine's server goes by another name.
  var label: String { engine == .mysql ? "MariaDB \(version)" : version }
}
