public import DooorCore
public import Foundation

/// What `dooordb local status`, `local stop` and `local reset` do to a state's servers
/// (CONTRACT §7), without serving the API.
public enum LocalEngineAdministration {
  /// One database as `local status` shows it.
  public struct Row: Codable, Sendable, Hashable {
    public var workspace: String
    public var slug: String
    public var engine: Engine
    public var version: String
    public var mode: LocalEngineMode
    /// The API's status (`ready`, `error`, ...), or `stopped` for a real database the API
    /// would call ready whose server is not running (after `local stop`, or a reboot): it is
    /// not ready for a client until a `--local` command or `local serve` restarts it.
    public var status: String
    /// Nil when not running.
    public var pid: Int32?
    public var port: Int?
    /// `accepting connections`, `not answering`, `stopped`, or `simulated`.
    public var health: String
    public var statusMessage: String?

    // pid and port are written as null when not running, not left out.
    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(workspace, forKey: .workspace)
      try container.encode(slug, forKey: .slug)
      try container.encode(engine, forKey: .engine)
      try container.encode(version, forKey: .version)
      try container.encode(mode, forKey: .mode)
      try container.encode(status, forKey: .status)
      try container.encode(pid, forKey: .pid)
      try container.encode(port, forKey: .port)
      try container.encode(health, forKey: .health)
      try container.encodeIfPresent(statusMessage, forKey: .statusMessage)
    }
  }

  /// The status `local status` shows for a ready database whose server is not running.
  public static let stopped = "stopped"

  /// Every database of the state, its server looked at and asked for its credentials.
  public static func status(stateFile: URL) async throws -> [Row] {
    let state = try LocalStateFile.load(stateFile)
    let catalog =
      state.databases.contains { $0.mode == .real }
      ? await EngineCatalog.discover() : EngineCatalog(installations: [])
    let now = Date()
    return await withTaskGroup(of: (Int, Row).self) { group in
      for (index, record) in state.databases.enumerated() {
        group.addTask {
          (index, await row(record, now: now, catalog: catalog, stateFile: stateFile))
        }
      }
      var rows: [(Int, Row)] = []
      for await row in group { rows.append(row) }
      return rows.sorted { $0.0 < $1.0 }.map(\.1)
    }
  }

  private static func row(
    _ record: LocalDatabaseRecord, now: Date, catalog: EngineCatalog, stateFile: URL
  ) async -> Row {
    let status = record.status(at: now) ?? .deleting
    var row = Row(
      workspace: record.workspace, slug: record.slug, engine: record.engine,
      version: record.version, mode: record.mode, status: status.rawValue, pid: nil, port: nil,
      health: "simulated", statusMessage: status == .error ? record.statusMessage : nil)
    guard record.mode == .real else { return row }
    guard let pid = record.server?.pid, let port = record.server?.port,
      EngineServerControl.isServer(pid, of: record.id, port: port)
    else {
      row.health = "stopped"
      if status == .ready { row.status = Self.stopped }
      return row
    }
    row.pid = pid
    row.port = port
    let folder = enginesFolder(stateFile).appendingPathComponent(record.id)
    if let launch = try? EngineLaunch(record: record, port: port, catalog: catalog, folder: folder),
      let recipe = EngineRecipes.recipe(for: record.engine),
      await recipe.accepts(launch, administrative: false, process: EngineProcess(user: nil))
    {
      row.health = "accepting connections"
    } else {
      row.health = "not answering"
    }
    return row
  }

  /// Stops every real server of the state and keeps its data; the caller holds the state's
  /// lock. Returns how many were running.
  public static func stopAll(stateFile: URL) async throws -> Int {
    var state = try LocalStateFile.load(stateFile)
    var stopped = 0
    await withTaskGroup(of: Bool.self) { group in
      for record in state.databases where record.mode == .real {
        guard let pid = record.server?.pid, let port = record.server?.port else { continue }
        group.addTask {
          guard EngineServerControl.isServer(pid, of: record.id, port: port) else { return false }
          await EngineServerControl.stop(pid, engine: record.engine)
          return true
        }
      }
      for await wasRunning in group where wasRunning { stopped += 1 }
    }
    for index in state.databases.indices { state.databases[index].server?.pid = nil }
    if FileManager.default.fileExists(atPath: stateFile.path) {
      try LocalStateFile.save(state, to: stateFile)
    }
    return stopped
  }

  /// Stops every server, then deletes the engines' data and the state; the caller holds the
  /// state's lock. Returns how many databases were forgotten.
  public static func reset(stateFile: URL) async throws -> Int {
    // A state that cannot be read is refused: its servers would be orphaned, still running,
    // with their folders deleted underneath them.
    let count = try LocalStateFile.load(stateFile).databases.count
    _ = try await stopAll(stateFile: stateFile)
    let manager = FileManager.default
    try? manager.removeItem(at: enginesFolder(stateFile))
    let link = EnginesFolder.besideState(stateFile)
    if EnginesFolder.isSymbolicLink(link) { try? manager.removeItem(at: link) }
    if manager.fileExists(atPath: stateFile.path) { try manager.removeItem(at: stateFile) }
    return count
  }

  static func enginesFolder(_ stateFile: URL) -> URL {
    EnginesFolder.resolve(forState: stateFile)
  }
}
