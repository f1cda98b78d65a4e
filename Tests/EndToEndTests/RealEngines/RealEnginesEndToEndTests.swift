import Foundation
import Testing

/// The local API with real PostgreSQL, MariaDB and Redis servers (CONTRACT §7), through the
/// built binary: databases that the engines' own clients connect to, memory that reaches the
/// engines, servers that outlive commands, survive `kill -9` and `local stop`, and go away
/// with their data on delete.
@Suite(
  .serialized, .timeLimit(.minutes(5)),
  .enabled(
    if: RealEngines.installed || RealEngines.required,
    "PostgreSQL, MariaDB and Redis are not installed (CI installs them)"))
struct RealEnginesEndToEndTests {
  static let realEngines = ["DOOORDB_LOCAL_ENGINES": "real"]

  static func manifest(memory: String, withCache: Bool = true) -> String {
    var text = """
      workspace: demo
      prune: true
      databases:
        - slug: app-db
          name: App
          engine: postgresql
          memory: \(memory)
        - slug: orders
          name: Orders
          engine: mysql
          memory: \(memory)

      """
    if withCache {
      text += """
          - slug: cache
            name: Cache
            engine: redis
            memory: \(memory)

        """
    }
    return text
  }

  /// Stops and deletes whatever the test started, whatever happened.
  static func cleanUp(_ scratch: ScratchDirectory, state: String? = nil) {
    var arguments = ["local", "reset", "--yes"]
    if let state { arguments += ["--state", state] }
    _ = try? DooordbProcess.runSynchronously(arguments, in: scratch.url)
    scratch.remove()
  }

  func uri(_ slug: String, in scratch: ScratchDirectory) async throws -> String {
    let result = try await DooordbProcess.run(
      ["connection", "--local", "--workspace", "demo", slug, "--format", "uri"], in: scratch.url,
      environment: Self.realEngines)
    #expect(result.exitCode == 0, "\(result.stderr)")
    return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  func databaseID(_ slug: String, in scratch: ScratchDirectory) async throws -> String {
    let got = try await DooordbProcess.run(
      ["get", "--local", "--workspace", "demo", slug, "--format", "json"], in: scratch.url,
      environment: Self.realEngines)
    let object = try JSONSerialization.jsonObject(with: Data(got.stdout.utf8)) as? [String: Any]
    return try #require(object?["id"] as? String, "\(got.stdout)\(got.stderr)")
  }

  @Test func realDatabasesFollowTheManifestsAndOutliveCommands() async throws {
    let scratch = try ScratchDirectory()
    defer { Self.cleanUp(scratch) }
    try scratch.write("db.yaml", Self.manifest(memory: "256Mi"))

    let applied = try await DooordbProcess.run(
      ["apply", "--local", "--auto-approve", "db.yaml"], in: scratch.url,
      environment: Self.realEngines)
    try #require(applied.exitCode == 0, "\(applied.stdout)\(applied.stderr)")

    // Each database answers its engine's own client with the generated credentials.
    var uris: [String: String] = [:]
    for slug in ["app-db", "orders", "cache"] { uris[slug] = try await uri(slug, in: scratch) }
    #expect(
      try RealEngines.query(
        uris["app-db"]!, "CREATE TABLE t (x int); INSERT INTO t VALUES (42); SELECT x FROM t")
        == "42")
    #expect(
      try RealEngines.query(
        uris["orders"]!, "CREATE TABLE t (x int); INSERT INTO t VALUES (7); SELECT x FROM t") == "7"
    )
    #expect(try RealEngines.query(uris["cache"]!, "SET greeting hello") == "OK")
    #expect(try RealEngines.query(uris["cache"]!, "GET greeting") == "hello")

    var status = try await LocalStatusDocument.read(in: scratch.url)
    for row in status.databases {
      #expect(row.mode == "real" && row.status == "ready" && row.health == "accepting connections")
      // As root (CI), the servers run as the engines' own unprivileged users.
      if geteuid() == 0, let pid = row.pid {
        let (_, user) = try RealEngines.run("ps", ["-o", "user=", "-p", String(pid)])
        #expect(!user.isEmpty && user.trimmingCharacters(in: .whitespacesAndNewlines) != "root")
      }
    }

    // PATCH memory reaches each engine's setting through a restart (a new server process),
    // and the restart keeps the data.
    let pidsBefore = Dictionary(uniqueKeysWithValues: status.databases.map { ($0.slug, $0.pid) })
    try scratch.write("db.yaml", Self.manifest(memory: "512Mi"))
    let resized = try await DooordbProcess.run(
      ["apply", "--local", "--auto-approve", "db.yaml"], in: scratch.url,
      environment: Self.realEngines)
    try #require(resized.exitCode == 0, "\(resized.stdout)\(resized.stderr)")
    #expect(try RealEngines.query(uris["app-db"]!, "SHOW shared_buffers") == "128MB")
    #expect(
      try RealEngines.query(uris["orders"]!, "SELECT @@innodb_buffer_pool_size") == "268435456")
    #expect(try RealEngines.query(uris["cache"]!, "CONFIG GET maxmemory").hasSuffix("536870912"))
    #expect(try RealEngines.query(uris["app-db"]!, "SELECT x FROM t") == "42")
    #expect(try RealEngines.query(uris["orders"]!, "SELECT x FROM t") == "7")
    #expect(try RealEngines.query(uris["cache"]!, "GET greeting") == "hello")

    // `local stop` stops them; the next `--local` command restarts them on their ports.
    status = try await LocalStatusDocument.read(in: scratch.url)
    for row in status.databases {
      #expect(row.pid != nil && row.pid != pidsBefore[row.slug] ?? nil, "\(row.slug) not restarted")
    }
    let ports = Dictionary(uniqueKeysWithValues: status.databases.map { ($0.slug, $0.port) })
    let stopped = try await DooordbProcess.run(["local", "stop"], in: scratch.url)
    #expect(stopped.exitCode == 0 && stopped.stdout.contains("Stopped 3 database servers"))
    for case let port? in ports.values { #expect(!RealEngines.answers(port: port)) }
    for row in try await LocalStatusDocument.read(in: scratch.url).databases {
      #expect(row.status == "stopped" && row.health == "stopped" && row.pid == nil)
    }
    let planned = try await DooordbProcess.run(
      ["plan", "--local", "db.yaml"], in: scratch.url, environment: Self.realEngines)
    #expect(planned.exitCode == 0 && planned.stdout.contains("No changes"), "\(planned.stdout)")
    status = try await LocalStatusDocument.read(in: scratch.url)
    for row in status.databases {
      #expect(row.port == ports[row.slug] ?? nil, "\(row.slug) moved")
      #expect(row.health == "accepting connections")
    }
    #expect(try RealEngines.query(uris["app-db"]!, "SELECT x FROM t") == "42")
    #expect(try RealEngines.query(uris["orders"]!, "SELECT x FROM t") == "7")
    #expect(try RealEngines.query(uris["cache"]!, "GET greeting") == "hello")

    // A server killed under `local serve` is noticed, restarted, and keeps its data.
    let appID = try await databaseID("app-db", in: scratch)
    let server = try LocalServerProcess(
      stateFile: scratch.file(".dooordb/local-state.json"), extraArguments: ["--engines", "real"])
    defer { server.stop() }
    let victim = try status.row("app-db")
    kill(try #require(victim.pid), SIGKILL)
    // Polled straight over HTTP, every 20 ms: the restart takes far longer than that.
    var seen: [String] = []
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline {
      let body = try HTTP.send(
        "GET", server.url + "/workspaces/demo/databases/\(appID)", body: nil, key: server.apiKey)
      let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
      let current = object?["status"] as? String ?? "?"
      if seen.last != current { seen.append(current) }
      if current == "ready" && seen.contains(where: { $0 != "ready" }) { break }
      try await Task.sleep(for: .milliseconds(20))
    }
    #expect(seen.contains { $0 != "ready" }, "the dead server was never noticed: \(seen)")
    #expect(seen.last == "ready", "statuses seen: \(seen)")
    await #expect(try LocalStatusDocument.read(in: scratch.url).row("app-db").pid != victim.pid)
    #expect(try RealEngines.query(uris["app-db"]!, "SELECT x FROM t") == "42")
    server.stop()

    // DELETE stops the server and removes its data.
    let cache = try status.row("cache")
    let cacheID =
      try #require(
        try JSONSerialization.jsonObject(
          with: Data(
            try await DooordbProcess.run(
              ["get", "--local", "--workspace", "demo", "cache", "--format", "json"],
              in: scratch.url, environment: Self.realEngines
            ).stdout.utf8)) as? [String: Any])["id"] as? String
    try scratch.write("db.yaml", Self.manifest(memory: "512Mi", withCache: false))
    let deleted = try await DooordbProcess.run(
      ["apply", "--local", "--auto-approve", "--allow-destroy", "db.yaml"], in: scratch.url,
      environment: Self.realEngines)
    #expect(deleted.exitCode == 0, "\(deleted.stdout)\(deleted.stderr)")
    #expect(!RealEngines.answers(port: try #require(cache.port)))
    let folder = scratch.file(".dooordb/engines/\(try #require(cacheID))")
    #expect(!FileManager.default.fileExists(atPath: folder.path))
  }

  @Test func autoSimulatesWhatIsNotInstalledAndSaysWhy() async throws {
    let scratch = try ScratchDirectory()
    defer { Self.cleanUp(scratch) }
    try scratch.write(
      "db.yaml",
      """
      workspace: demo
      databases:
        - slug: legacy
          name: Legacy
          engine: mysql
          version: "8.0"
        - slug: cache
          name: Cache
          engine: redis

      """)
    let applied = try await DooordbProcess.run(
      ["apply", "--local", "--auto-approve", "db.yaml"], in: scratch.url,
      environment: ["DOOORDB_LOCAL_ENGINES": "auto"])
    #expect(applied.exitCode == 0, "\(applied.stdout)\(applied.stderr)")
    #expect(
      applied.stderr.contains(
        "demo/legacy: simulated, MySQL 8.0 is not installed here (installed: MariaDB "),
      "\(applied.stderr)")
    #expect(!applied.stderr.contains("demo/cache: simulated"))
    let status = try await LocalStatusDocument.read(in: scratch.url)
    #expect(try status.row("legacy").mode == "simulated")
    #expect(try status.row("cache").mode == "real")

    // `real` refuses what is not installed (a 422), naming what is.
    let strict = scratch.file("strict")
    try FileManager.default.createDirectory(at: strict, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: scratch.file("db.yaml"), to: strict.appendingPathComponent("db.yaml"))
    defer { _ = try? DooordbProcess.runSynchronously(["local", "reset", "--yes"], in: strict) }
    let refused = try await DooordbProcess.run(
      ["apply", "--local", "--auto-approve", "db.yaml"], in: strict, environment: Self.realEngines)
    #expect(refused.exitCode == 1)
    #expect(
      (refused.stdout + refused.stderr).contains(
        "MySQL 8.0 is not installed here (installed: MariaDB "),
      "\(refused.stdout)\(refused.stderr)")
  }

  @Test func theQuotaRefusesOrSimulatesPastMaxEngines() async throws {
    let scratch = try ScratchDirectory()
    defer {
      for state in ["real.json", "auto.json"] {
        _ = try? DooordbProcess.runSynchronously(
          ["local", "reset", "--yes", "--state", scratch.file(state).path], in: scratch.url)
      }
      scratch.remove()
    }
    try scratch.write(
      "db.yaml",
      """
      workspace: demo
      databases:
        - {slug: first, name: First, engine: redis}
        - {slug: second, name: Second, engine: redis, dependsOn: [first]}

      """)
    let real = try LocalServerProcess(
      stateFile: scratch.file("real.json"),
      extraArguments: ["--engines", "real", "--max-engines", "1"])
    defer { real.stop() }
    let refused = try await DooordbProcess.run(
      ["apply", "--auto-approve", "db.yaml"], in: scratch.url, environment: real.environment)
    #expect(refused.exitCode == 1)
    #expect(
      (refused.stdout + refused.stderr).contains("--max-engines 1"),
      "\(refused.stdout)\(refused.stderr)")
    // The API's answer itself: a 422 in its error format (never a 429, which clients retry).
    let answer = try HTTP.exchange(
      "POST", real.url + "/workspaces/demo/databases",
      body: #"{"slug": "third", "name": "Third", "engine": "redis"}"#, key: real.apiKey)
    #expect(answer.status == 422, "\(answer.body)")
    #expect(answer.body.contains("engine_unavailable"), "\(answer.body)")
    // Nothing else broke: the first database is still ready and answers on its port.
    let first = try await LocalStatusDocument.read(
      in: scratch.url, state: scratch.file("real.json")
    ).row("first")
    #expect(first.status == "ready" && first.health == "accepting connections")
    #expect(RealEngines.answers(port: try #require(first.port)))
    real.stop()

    let auto = try LocalServerProcess(
      stateFile: scratch.file("auto.json"),
      extraArguments: ["--engines", "auto", "--max-engines", "1"])
    let simulated = try await DooordbProcess.run(
      ["apply", "--auto-approve", "db.yaml"], in: scratch.url, environment: auto.environment)
    let (_, said) = auto.stop()
    #expect(simulated.exitCode == 0, "\(simulated.stdout)\(simulated.stderr)")
    #expect(
      said.contains("demo/second: simulated, the local API already runs 1 real servers"), "\(said)")
    let document = try await LocalStatusDocument.read(
      in: scratch.url, state: scratch.file("auto.json"))
    #expect(try document.row("first").mode == "real" && document.row("second").mode == "simulated")
  }

  @Test func aServerThatCannotStartEndsInErrorWithTheEnginesOwnWords() async throws {
    let scratch = try ScratchDirectory()
    defer { Self.cleanUp(scratch) }
    try scratch.write(
      "db.yaml", "workspace: demo\ndatabases:\n  - {slug: app-db, name: App, engine: postgresql}\n")
    let applied = try await DooordbProcess.run(
      ["apply", "--local", "--auto-approve", "db.yaml"], in: scratch.url,
      environment: Self.realEngines)
    try #require(applied.exitCode == 0, "\(applied.stdout)\(applied.stderr)")
    let stopped = try await DooordbProcess.run(["local", "stop"], in: scratch.url)
    try #require(stopped.exitCode == 0)
    // A data folder PostgreSQL will not start from.
    let engines = scratch.file(".dooordb/engines")
    let folder = try #require(
      try FileManager.default.contentsOfDirectory(atPath: engines.path).first)
    try Data("99\n".utf8).write(to: engines.appendingPathComponent("\(folder)/data/PG_VERSION"))

    let planned = try await DooordbProcess.run(
      ["drift", "--local", "db.yaml"], in: scratch.url, environment: Self.realEngines)
    #expect(planned.exitCode == 2, "the database in error is drift: \(planned.stdout)")
    let status = try await LocalStatusDocument.read(in: scratch.url)
    let row = try status.row("app-db")
    #expect(row.status == "error" && row.health == "stopped")
    let text = try await DooordbProcess.run(["local", "status"], in: scratch.url)
    // PostgreSQL's own message about the version file, with its DETAIL line.
    #expect(
      text.stdout.contains("FATAL:  database files are incompatible with server")
        && text.stdout.contains("initialized by PostgreSQL version 99"), "\(text.stdout)")
  }

  /// As root, a project the engines' users cannot reach (under a mode-700 folder, as /root
  /// is in containers and CI) still gets real databases: their data lives under
  /// /var/lib/dooordb, linked from beside the state, and `local reset` removes both.
  @Test(.enabled(if: geteuid() == 0, "only root runs engines as other users"))
  func aProjectTheEnginesCannotReachKeepsItsDataUnderVarLib() async throws {
    let scratch = try ScratchDirectory()
    defer { Self.cleanUp(scratch) }
    let project = scratch.file("private/project")
    try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o700], ofItemAtPath: scratch.file("private").path)
    try Data("workspace: demo\ndatabases:\n  - {slug: cache, name: Cache, engine: redis}\n".utf8)
      .write(to: project.appendingPathComponent("db.yaml"))
    defer {
      _ = try? DooordbProcess.runSynchronously(["local", "reset", "--yes"], in: project)
    }
    let applied = try await DooordbProcess.run(
      ["apply", "--local", "--auto-approve", "db.yaml"], in: project,
      environment: ["DOOORDB_LOCAL_ENGINES": "auto"])
    #expect(applied.exitCode == 0, "\(applied.stdout)\(applied.stderr)")
    #expect(!applied.stderr.contains("simulated"), "\(applied.stderr)")
    let row = try await LocalStatusDocument.read(in: project).row("cache")
    #expect(row.mode == "real" && row.health == "accepting connections", "\(row)")

    let link = project.appendingPathComponent(".dooordb/engines").path
    let data = try FileManager.default.destinationOfSymbolicLink(atPath: link)
    #expect(data.hasPrefix("/var/lib/dooordb/"), "\(data)")
    let uri = try await DooordbProcess.run(
      ["connection", "--local", "--workspace", "demo", "cache", "--format", "uri"], in: project)
    #expect(try RealEngines.query(uri.stdout, "SET greeting hello") == "OK")
    #expect(try RealEngines.query(uri.stdout, "GET greeting") == "hello")

    let reset = try await DooordbProcess.run(["local", "reset", "--yes"], in: project)
    #expect(reset.exitCode == 0, "\(reset.stderr)")
    #expect(!FileManager.default.fileExists(atPath: data), "the data under /var/lib is gone")
    #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == nil)
  }
}
