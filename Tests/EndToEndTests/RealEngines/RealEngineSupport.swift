import Foundation
import Testing

/// What the real-engine tests need from the machine, and small helpers to use the engines'
/// own clients on what `dooordb connection` prints.
enum RealEngines {
  /// PostgreSQL, MariaDB and Redis servers and their clients are installed. CI installs them
  /// (.ci/run), so there a missing engine fails the suite instead of skipping it.
  static let installed: Bool = {
    let paths =
      ProcessInfo.processInfo.environment["PATH", default: ""].split(separator: ":")
      .map(String.init) + ["/usr/sbin"]
    func found(_ name: String) -> Bool {
      paths.contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
    }
    let postgres =
      found("initdb")
      || ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
        .contains {
          FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/\($0)/bin/initdb")
        }
    return postgres && found("psql") && found("mariadbd") && found("mariadb")
      && found("redis-server") && found("redis-cli")
  }()

  /// Skipped (and said so) only outside CI.
  static var required: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

  /// Runs a program with `arguments`, returning its exit code and output (stdout and stderr).
  @discardableResult
  static func run(_ program: String, _ arguments: [String], environment: [String: String] = [:])
    throws -> (Int32, String)
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [program] + arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// Runs SQL or a Redis command with the engine's own client on a connection URI.
  static func query(_ uri: String, _ statement: String) throws -> String {
    let url = try #require(URL(string: uri))
    let (status, output): (Int32, String)
    switch url.scheme {
    case "postgresql":
      (status, output) = try run("psql", [uri, "-XAtq", "-v", "ON_ERROR_STOP=1", "-c", statement])
    case "mysql":
      (status, output) = try run(
        "mariadb",
        [
          "--no-defaults", "--protocol=TCP", "--host=\(url.host ?? "")", "--port=\(url.port ?? 0)",
          "--user=\(url.user ?? "")", "--batch", "--skip-column-names",
          "--execute=\(statement)", String(url.path.dropFirst()),
        ], environment: ["MYSQL_PWD": url.password ?? ""])
    default:
      (status, output) = try run(
        "redis-cli",
        ["-u", uri, "--no-auth-warning"] + statement.split(separator: " ").map(String.init))
    }
    #expect(status == 0, "\(url.scheme ?? "") client failed: \(output)")
    return output.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Whether something accepts TCP connections on 127.0.0.1:`port`.
  static func answers(port: Int) -> Bool {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
      }
    }
  }
}

/// `dooordb local status --format json`, decoded.
struct LocalStatusDocument: Decodable {
  struct Row: Decodable {
    var workspace: String
    var slug: String
    var engine: String
    var version: String
    var mode: String
    var status: String
    var pid: Int32?
    var port: Int?
    var health: String
  }

  var formatVersion: Int
  var databases: [Row]

  static func read(in directory: URL, state: URL? = nil) async throws -> LocalStatusDocument {
    let result = try await DooordbProcess.run(
      ["local", "status", "--format", "json"] + (state.map { ["--state", $0.path] } ?? []),
      in: directory)
    #expect(result.exitCode == 0, "\(result.stderr)")
    return try JSONDecoder().decode(Self.self, from: Data(result.stdout.utf8))
  }

  func row(_ slug: String) throws -> Row {
    try #require(databases.first { $0.slug == slug }, "no \(slug) in local status")
  }
}
