import DooorCore
import DooorLocalAPI
import Foundation
import Testing

/// `dooordb local serve` as a process, and `list`/`get`/`connection` through the built binary
/// against it, the way a user runs them.
@Suite(.timeLimit(.minutes(5))) struct ReadCommandsEndToEndTests {
  static let password = "Pw9xSecretValue0042"
  /// Everything a shell could trip over.
  static let trickyPassword = #"it's "$HOME" `id` \ $(x); *"#

  /// A state file with two databases of known credentials.
  static func seed(_ url: URL) throws {
    let epoch = Date(timeIntervalSince1970: 1_744_275_600)
    func record(_ id: String, _ slug: String, _ engine: String, _ version: String)
      -> LocalDatabaseRecord
    {
      LocalDatabaseRecord(
        id: id, workspace: "acme", slug: slug, name: "The \(slug)",
        engine: Engine(rawValue: engine),
        version: version, cpu: "250m", memory: "512Mi", storageGb: 10, storageClass: "standard",
        createdAt: epoch, updatedAt: epoch, transition: nil, failing: false,
        username: engine == "redis" ? "default" : "app_user", password: password,
        databaseName: "app")
    }
    try LocalStateFile.save(
      LocalAPIState(
        nextSequence: 3,
        databases: [
          record("db_0000000001", "orders", "postgresql", "16"),
          record("db_0000000002", "cache", "redis", "7"),
          {
            var tricky = record("db_0000000003", "tricky", "mysql", "8")
            tricky.password = trickyPassword
            return tricky
          }(),
        ]), to: url)
  }

  @Test func listGetAndConnectionAgainstALocalServer() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "dooordb-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let stateFile = directory.appendingPathComponent("state.json")
    try Self.seed(stateFile)
    let server = try LocalServerProcess(stateFile: stateFile)
    let environment = ["DOOOR_API_URL": server.url, "DOOOR_API_KEY": "dor_sk_e2e_key_77"]
    func run(_ arguments: [String]) async throws -> DooordbProcess.Result {
      try await DooordbProcess.run(arguments, in: directory, environment: environment)
    }

    let table = try await run(["list", "--workspace", "acme"])
    let json = try await run(["list", "--workspace", "acme", "--format", "json"])
    let filtered = try await run([
      "list", "--workspace", "acme", "--engine", "redis", "--format", "json",
    ])
    let text = try await run(["get", "--workspace", "acme", "orders"])
    let getJSON = try await run(["get", "--workspace", "acme", "cache", "--format", "json"])
    let missing = try await run(["get", "--workspace", "acme", "nope"])
    let env = try await run([
      "connection", "--workspace", "acme", "orders", "--env-prefix", "ORDERS_DB",
    ])
    let uri = try await run(["connection", "--workspace", "acme", "cache", "--format", "uri"])
    let connectionJSON = try await run([
      "connection", "--workspace", "acme", "cache", "--format", "json",
    ])
    let verbose = try await run(["list", "--workspace", "acme", "--verbose"])
    let trickyEnv = try await run(["connection", "--workspace", "acme", "tricky"])
    let (serverExit, serverSaid) = server.stop()

    #expect(table.exitCode == 0)
    #expect(table.stdout.contains("SLUG"))
    #expect(table.stdout.contains("orders"))
    #expect(table.stdout.contains("cache"))

    #expect(json.exitCode == 0)
    let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    let databases = document?["databases"] as? [[String: Any]]
    #expect(databases?.map { $0["slug"] as? String } == ["cache", "orders", "tricky"])
    #expect(document?["workspace"] as? String == "acme")

    let filteredDocument =
      try JSONSerialization.jsonObject(with: Data(filtered.stdout.utf8)) as? [String: Any]
    #expect((filteredDocument?["databases"] as? [[String: Any]])?.count == 1)

    #expect(text.exitCode == 0)
    #expect(text.stdout.contains("slug:         orders"))
    #expect(text.stdout.contains("storageClass: standard"))
    #expect(getJSON.exitCode == 0)
    #expect(getJSON.stdout.contains("\"engine\" : \"redis\""))

    #expect(missing.exitCode == 1)
    #expect(missing.stderr.contains("no database with slug nope"))

    #expect(env.exitCode == 0)
    let lines = env.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 5)
    #expect(lines.contains("ORDERS_DB_PASSWORD='\(Self.password)'"))
    #expect(lines.contains("ORDERS_DB_PORT='5432'"))
    #expect(lines.contains { $0.hasPrefix("ORDERS_DB_URL='postgresql://app_user:") })
    #expect(lines.contains { $0.hasPrefix("ORDERS_DB_HOST='") })
    #expect(lines.contains("ORDERS_DB_USERNAME='app_user'"))
    #expect(uri.stdout.hasPrefix("redis://default:\(Self.password)@"))
    #expect(connectionJSON.stdout.contains("\"port\" : 6379"))

    // The env lines survive `source` with the password intact.
    #expect(trickyEnv.exitCode == 0)
    let shell = Process()
    shell.executableURL = URL(fileURLWithPath: "/bin/sh")
    shell.arguments = ["-c", "eval \"$LINES\"; printf '%s' \"$DATABASE_PASSWORD\""]
    shell.environment = ["LINES": trickyEnv.stdout]
    let shellOutput = Pipe()
    shell.standardOutput = shellOutput
    try shell.run()
    let sourced = String(
      decoding: shellOutput.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    shell.waitUntilExit()
    #expect(sourced == Self.trickyPassword)

    #expect(verbose.exitCode == 0)
    #expect(verbose.stderr.contains("GET /workspaces/acme/databases?page=1&limit=100 -> 200"))

    // The password shows in `connection` only; the key nowhere.
    for result in [table, json, filtered, text, getJSON, missing, verbose] {
      #expect(!result.stdout.contains(Self.password))
      #expect(!result.stderr.contains(Self.password))
    }
    for result in [table, json, text, missing, env, uri, connectionJSON, verbose] {
      #expect(!(result.stdout + result.stderr).contains("dor_sk_e2e_key_77"))
    }

    #expect(serverExit == 0)
    #expect(serverSaid.contains("served"))
  }

  @Test func aMissingKeyIsAClearError() async throws {
    let result = try await DooordbProcess.run(
      ["list", "--workspace", "acme"], environment: ["DOOOR_API_URL": "http://127.0.0.1:1/api/v1"])
    #expect(result.exitCode != 0)
    #expect(result.stderr.contains("DOOOR_API_KEY"))
  }

  @Test func localNeedsNothingElse() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "dooordb-e2e-local-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let result = try await DooordbProcess.run(
      ["list", "--workspace", "demo", "--local"], in: directory)
    #expect(result.exitCode == 0)
    #expect(result.stdout.contains("No databases in workspace demo."))
  }
}
