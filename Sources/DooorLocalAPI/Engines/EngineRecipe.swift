import DooorCore
import Foundation

/// Everything needed to run one database's server.
struct EngineLaunch: Sendable {
  var installation: EngineInstallation
  /// The server's own folder: `data/`, `server.log` and the engine's files.
  var folder: URL
  var port: Int
  /// The memory the database is given on this machine (`EngineMemory.usableBytes`); each
  /// engine turns it into its own setting.
  var memoryBytes: Int64
  var username: String
  var password: String
  var database: String
  var user: EngineUser?

  /// The launch of `record`'s server on `port`, with the installation serving its version.
  init(record: LocalDatabaseRecord, port: Int, catalog: EngineCatalog, folder: URL) throws {
    let installed = catalog.installed(record.engine)
    guard let installation = installed.first(where: { $0.serves(requested: record.version) }) else {
      let names = installed.map(\.label).joined(separator: ", ")
      throw EngineError(
        "\(record.engine.displayName) \(record.version) is not installed here "
          + "(installed: \(names.isEmpty ? "none" : names))")
    }
    self.init(
      installation: installation, folder: folder, port: port,
      memoryBytes: EngineMemory(declaredBytes: record.memoryBytes).usableBytes,
      username: record.username, password: record.password, database: record.databaseName,
      user: EngineUser.forEngine(record.engine))
  }

  init(
    installation: EngineInstallation, folder: URL, port: Int, memoryBytes: Int64,
    username: String, password: String, database: String, user: EngineUser?
  ) {
    self.installation = installation
    self.folder = folder
    self.port = port
    self.memoryBytes = memoryBytes
    self.username = username
    self.password = password
    self.database = database
    self.user = user
  }

  var data: URL { folder.appendingPathComponent("data") }
  var log: URL { folder.appendingPathComponent("server.log") }

  /// Writes a file only the engine's user can read (it may hold the password).
  func writePrivate(_ text: String, to url: URL) throws {
    try? FileManager.default.removeItem(at: url)
    guard
      FileManager.default.createFile(
        atPath: url.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
    else { throw EngineError("cannot write \(url.path)") }
    try user?.own(url)
  }
}

/// How one engine is initialised, started, prepared and checked. One per engine, each in
/// its own file; the supervisor drives them all the same way.
protocol EngineRecipe: Sendable {
  /// The engine's memory setting for a database given `bytes` (CONTRACT §7).
  func memorySetting(forBytes bytes: Int64) -> EngineMemorySetting
  /// Creates the data folder's contents (initdb, mariadb-install-db); runs once per database.
  func initialize(_ launch: EngineLaunch, process: EngineProcess) async throws
  /// The server's command line (it runs in the foreground; the supervisor detaches it).
  /// May write the configuration files it names.
  func serverCommand(_ launch: EngineLaunch) throws -> [String]
  /// Runs once the server accepts the generated credentials on its administrative database:
  /// creates the database named after the slug where the engine needs that done by a client.
  func prepare(_ launch: EngineLaunch, process: EngineProcess) async throws
  /// Whether the server accepts the generated credentials, on the slug's database or (with
  /// `administrative`) on one that exists before `prepare`.
  func accepts(_ launch: EngineLaunch, administrative: Bool, process: EngineProcess) async -> Bool
}

enum EngineRecipes {
  static func recipe(for engine: Engine) -> (any EngineRecipe)? {
    switch engine {
    case .postgresql: PostgreSQLRecipe()
    case .mysql: MariaDBRecipe()
    case .redis: RedisRecipe()
    case .unknown: nil
    }
  }
}
