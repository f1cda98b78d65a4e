import DooorCore
import DooorLocalAPI
import Foundation
import Testing

/// `dooordb connection --all`: env lines for every database, safe to `source` in bash.
@Suite(.timeLimit(.minutes(5))) struct ConnectionAllEndToEndTests {
  /// Passwords with everything a shell could trip over, one per database.
  static let passwords = [
    "production-db": #"it's "$HOME" `id` \ $(x); *"#,
    "cache": "a'b''c\n$PATH ${IFS} !! #not-a-comment",
    "9lives": "plain-Passw0rd",
  ]

  static func record(_ id: String, _ slug: String, _ engine: String) -> LocalDatabaseRecord {
    let epoch = Date(timeIntervalSince1970: 1_744_275_600)
    return LocalDatabaseRecord(
      id: id, workspace: "acme", slug: slug, name: "The \(slug)", engine: Engine(rawValue: engine),
      version: engine == "redis" ? "7" : "16", cpu: "250m", memory: "512Mi", storageGb: 10,
      storageClass: "standard", createdAt: epoch, updatedAt: epoch, transition: nil,
      failing: false, username: "user_\(slug.replacingOccurrences(of: "-", with: "_"))",
      password: passwords[slug]!, databaseName: "app")
  }

  /// Runs `script` in bash after evaluating `lines`, and returns what it printed.
  static func bash(source lines: String, _ script: String) throws -> String {
    let shell = Process()
    shell.executableURL = URL(fileURLWithPath: "/bin/bash")
    shell.arguments = ["-c", "set -eu; eval \"$LINES\"; " + script]
    shell.environment = ["LINES": lines, "PATH": "/usr/bin:/bin"]
    let output = Pipe()
    shell.standardOutput = output
    try shell.run()
    let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    shell.waitUntilExit()
    return printed
  }

  @Test func everyDatabaseWithPrefixesFromSlugsSurvivesSourcing() async throws {
    let directory = try DooordbProcess.temporaryDirectory("connection-all")
    defer { try? FileManager.default.removeItem(at: directory) }
    let stateFile = directory.appendingPathComponent("state.json")
    try LocalStateFile.save(
      LocalAPIState(
        nextSequence: 4,
        databases: [
          Self.record("db_0000000001", "production-db", "postgresql"),
          Self.record("db_0000000002", "cache", "redis"),
          Self.record("db_0000000003", "9lives", "mysql"),
        ]), to: stateFile)
    let server = try await LocalAPIServer.start(
      options: LocalAPIOptions(stateFile: stateFile, provisionDelay: .zero))
    let environment = ["DOOOR_API_URL": server.url, "DOOOR_API_KEY": "dor_sk_conn_e2e"]
    func run(_ arguments: [String]) async throws -> DooordbProcess.Result {
      try await DooordbProcess.runDetached(arguments, in: directory, environment: environment)
    }
    let all = try await run(["connection", "--all", "--workspace", "acme", "--format", "env"])
    let prefixed = try await run([
      "connection", "--all", "--workspace", "acme", "--env-prefix", "APP",
    ])
    let both = try await run(["connection", "--all", "--workspace", "acme", "cache"])
    let json = try await run(["connection", "--all", "--workspace", "acme", "--format", "json"])
    let neither = try await run(["connection", "--workspace", "acme"])
    let empty = try await run(["connection", "--all", "--workspace", "nobody"])
    await server.shutdown()

    #expect(all.exitCode == 0, "\(all.stderr)")
    let names = all.stdout.split(separator: "\n").compactMap { line in
      line.split(separator: "=", maxSplits: 1).first.map(String.init)
    }.filter { $0.hasSuffix("_PASSWORD") }
    // Sorted by slug; a slug starting with a digit gets a leading underscore.
    #expect(names == ["_9LIVES_PASSWORD", "CACHE_PASSWORD", "PRODUCTION_DB_PASSWORD"])

    let sourced = try Self.bash(
      source: all.stdout,
      #"printf '%s\0' "$PRODUCTION_DB_PASSWORD" "$CACHE_PASSWORD" "$_9LIVES_PASSWORD" "$PRODUCTION_DB_USERNAME" "$CACHE_PORT" "$_9LIVES_PORT""#
    )
    #expect(
      sourced.split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
        == [
          Self.passwords["production-db"]!, Self.passwords["cache"]!, Self.passwords["9lives"]!,
          "user_production_db", "6379", "3306", "",
        ])
    let url = try Self.bash(source: all.stdout, #"printf '%s' "$PRODUCTION_DB_URL""#)
    #expect(url.hasPrefix("postgresql://user_production_db:"))

    #expect(prefixed.exitCode == 0)
    let appPassword = try Self.bash(source: prefixed.stdout, #"printf '%s' "$APP_CACHE_PASSWORD""#)
    #expect(appPassword == Self.passwords["cache"]!)

    // Usage errors, not failures of the API.
    #expect(both.exitCode == 64)
    #expect(json.exitCode == 64)
    #expect(neither.exitCode == 64)
    #expect(empty.exitCode == 0)
    #expect(empty.stdout.isEmpty)
  }
}
