import DooorCore
import Foundation

/// One installed engine: where its programs are and which version they are.
struct EngineInstallation: Sendable, Hashable {
  var engine: Engine
  /// The version as the API reports it: PostgreSQL's major (`15`), MariaDB's `10.11`,
  /// Redis's major (`7`).
  var version: String
  /// The full version the server prints, for `local status` and messages.
  var fullVersion: String
  /// Program name → absolute path (`postgres`, `initdb`, `psql`; `mariadbd`,
  /// `mariadb-install-db`, `mariadb`; `redis-server`, `redis-cli`).
  var programs: [String: String]

  func program(_ name: String) throws -> String {
    guard let path = programs[name] else {
      throw EngineError("\(name) is not installed beside \(engine.displayName) \(fullVersion)")
    }
    return path
  }

  /// Whether a requested version (`15`, `15.4`, `7.0`) is served by this installation: equal,
  /// or one is a dot-separated prefix of the other's full version.
  func serves(requested: String) -> Bool {
    let wanted = requested.split(separator: ".")
    let have = fullVersion.split(separator: ".")
    guard !wanted.isEmpty, wanted.count <= have.count else { return false }
    return zip(wanted, have).allSatisfy { $0 == $1 }
  }
}

extension Engine {
  /// The name users know the engine's server by.
  var displayName: String {
    switch self {
    case .postgresql: "PostgreSQL"
    case .mysql: "MySQL"
    case .redis: "Redis"
    case .unknown(let name): name
    }
  }
}

/// The engines installed on this machine, found once, from the operating system's packages:
/// PATH, Debian's versioned PostgreSQL folders (named by `pg_config --bindir`), and
/// Homebrew's folders on macOS.
struct EngineCatalog: Sendable {
  var installations: [EngineInstallation]

  /// The installations of `engine`, newest first.
  func installed(_ engine: Engine) -> [EngineInstallation] {
    installations.filter { $0.engine == engine }
  }

  /// Looks on this machine. Costs a few `--version` runs (~10 ms).
  static func discover(process: EngineProcess = EngineProcess(user: nil)) async -> EngineCatalog {
    async let postgres = discoverPostgreSQL(process)
    async let mariadb = discoverMariaDB(process)
    async let redis = discoverRedis(process)
    return EngineCatalog(installations: await postgres + mariadb + redis)
  }

  private static var searchPath: [String] {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    return path.split(separator: ":").map(String.init)
      + [
        "/usr/sbin", "/usr/local/sbin", "/opt/homebrew/bin", "/opt/homebrew/sbin", "/usr/local/bin",
      ]
  }

  private static func executable(_ path: String) -> Bool {
    FileManager.default.isExecutableFile(atPath: path)
  }

  private static func onPath(_ name: String) -> String? {
    searchPath.map { "\($0)/\(name)" }.first(where: executable)
  }

  private static func discoverPostgreSQL(_ process: EngineProcess) async -> [EngineInstallation] {
    var folders: [String] = []
    if let pgConfig = onPath("pg_config"),
      let outcome = try? await process.run(
        [pgConfig, "--bindir"], asEngineUser: false, timeout: .seconds(10)),
      outcome.succeeded
    {
      folders.append(outcome.output.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    for parent in ["/usr/lib/postgresql", "/opt/homebrew/opt", "/usr/local/opt"] {
      let entries = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
      for entry in entries.sorted()
      where parent.hasSuffix("postgresql") || entry.hasPrefix("postgresql") {
        folders.append("\(parent)/\(entry)/bin")
      }
    }
    if let postgres = onPath("postgres") {
      folders.append(
        URL(fileURLWithPath: postgres).resolvingSymlinksInPath().deletingLastPathComponent().path)
    }
    var found: [String: EngineInstallation] = [:]
    for folder in folders where executable("\(folder)/postgres") && executable("\(folder)/initdb") {
      guard
        let full = await version(
          of: "\(folder)/postgres", process, pattern: /PostgreSQL\)? ([0-9]+(\.[0-9]+)*)/)
      else { continue }
      let major = String(full.split(separator: ".").first ?? "")
      guard found[major] == nil else { continue }
      var programs = ["postgres": "\(folder)/postgres", "initdb": "\(folder)/initdb"]
      programs["psql"] =
        executable("\(folder)/psql") ? "\(folder)/psql" : onPath("psql")
      found[major] = EngineInstallation(
        engine: .postgresql, version: major, fullVersion: full, programs: programs)
    }
    return found.values.sorted {
      $0.fullVersion.compare($1.fullVersion, options: .numeric) == .orderedDescending
    }
  }

  private static func discoverMariaDB(_ process: EngineProcess) async -> [EngineInstallation] {
    guard let server = onPath("mariadbd"),
      let install = onPath("mariadb-install-db"),
      let client = onPath("mariadb"),
      let full = await version(of: server, process, pattern: /Ver ([0-9]+(\.[0-9]+)*)-MariaDB/)
    else { return [] }
    let majorMinor = full.split(separator: ".").prefix(2).joined(separator: ".")
    return [
      EngineInstallation(
        engine: .mysql, version: majorMinor, fullVersion: full,
        programs: ["mariadbd": server, "mariadb-install-db": install, "mariadb": client])
    ]
  }

  private static func discoverRedis(_ process: EngineProcess) async -> [EngineInstallation] {
    guard let server = onPath("redis-server"), let client = onPath("redis-cli"),
      let full = await version(of: server, process, pattern: /v=([0-9]+(\.[0-9]+)*)/)
    else { return [] }
    let major = String(full.split(separator: ".").first ?? "")
    return [
      EngineInstallation(
        engine: .redis, version: major, fullVersion: full,
        programs: ["redis-server": server, "redis-cli": client])
    ]
  }

  private static func version(
    of program: String, _ process: EngineProcess, pattern: Regex<(Substring, Substring, Substring?)>
  ) async -> String? {
    guard
      let outcome = try? await process.run(
        [program, "--version"], asEngineUser: false, timeout: .seconds(10)),
      outcome.succeeded, let match = outcome.output.firstMatch(of: pattern)
    else { return nil }
    return String(match.1)
  }
}
