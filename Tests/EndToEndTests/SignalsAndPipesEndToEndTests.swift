import Foundation
import Testing

/// Signals and vanished readers through the built binary: SIGTERM and SIGHUP stop an apply like
/// the first Ctrl-C (its json document still comes out), SIGQUIT exits without a crash report,
/// and a reader that goes away (`| head -1`) gives exit 141, never a crash.
@Suite(.timeLimit(.minutes(1))) struct SignalsAndPipesEndToEndTests {
  static let manifest = TestManifests.acmeOrders

  /// A workspace where `orders` is created and then stays `provisioning` (or is `ready` at
  /// once with `readyAtOnce`).
  static func server(readyAtOnce: Bool = false) throws -> ScriptedHTTPServer {
    let created = SharedValue(false)
    let status = readyAtOnce ? "ready" : "provisioning"
    return try ScriptedHTTPServer { request in
      let database = ScriptedWire.database(id: "db-1", slug: "orders", status: status)
      if request.method == "POST" {
        created.update { $0 = true }
        return .json(status: 201, body: database)
      }
      if request.path.hasPrefix("/api/v1/workspaces/acme/databases?") {
        let items = created.value ? [database] : []
        return .json(
          status: 200, body: ScriptedWire.page(items, page: 1, totalPages: 1, total: items.count))
      }
      if request.path == "/api/v1/workspaces/acme/databases/db-1" {
        return .json(status: 200, body: database)
      }
      return .json(status: 200, body: #"{"ready":1,"desired":1}"#)
    }
  }

  static func start(
    _ arguments: [String], server: ScriptedHTTPServer, scratch: ScratchDirectory,
    stdout: BoundedDooordb.Output = .captured
  ) throws -> BoundedDooordb {
    try scratch.write("acme.yaml", manifest)
    return try BoundedDooordb(
      arguments, in: scratch.url,
      environment: [
        "DOOOR_API_URL": server.url, "DOOOR_API_KEY": "dor_sk_signals", "NO_COLOR": "1",
      ],
      stdout: stdout)
  }

  @Test(arguments: [SIGTERM, SIGHUP])
  func aTerminateOrHangupStopsApplyAndTheJSONDocumentStillComesOut(_ signal: Int32) async throws {
    let server = try Self.server()
    defer { server.stop() }
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let run = try Self.start(
      ["apply", "--auto-approve", "--format", "json", "acme.yaml"], server: server,
      scratch: scratch)
    #expect(await run.waitForStderr { $0.contains("waiting: provisioning") })
    run.send(signal)
    let result = await run.wait()
    #expect(!result.killedAtDeadline)
    #expect(!result.endedBySignal, "ended by the signal itself: \(result.stderr)")
    #expect(result.exitCode == 130)
    // Not "Press Ctrl-C again": it was not Ctrl-C.
    #expect(result.stderr.contains("Send it again to exit at once."), "\(result.stderr)")
    #expect(result.stderr.contains("received: no new changes start"), "\(result.stderr)")
    let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    #expect((document as? [String: Any])?["interrupted"] as? Bool == true, "\(result.stdout)")
  }

  /// Before any change is sent (here: waiting for another process to finish with the local
  /// state) a first SIGTERM ends apply at once; it would otherwise wait on, up to 10 minutes.
  @Test func aSignalBeforeAnyChangeEndsApplyAtOnce() async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write("acme.yaml", Self.manifest)
    try FileManager.default.createDirectory(
      at: scratch.file(".dooordb"), withIntermediateDirectories: true)
    // The test process holds the state's lock (a `flock`, as another dooordb would).
    let lock = open(scratch.file(".dooordb/local-state.json.lock").path, O_RDWR | O_CREAT, 0o600)
    try #require(lock >= 0 && flock(lock, LOCK_EX | LOCK_NB) == 0)
    defer { close(lock) }
    let run = try BoundedDooordb(
      ["apply", "--local", "--auto-approve", "acme.yaml"], in: scratch.url,
      environment: ["DOOORDB_LOCAL_ENGINES": "simulated", "NO_COLOR": "1"])
    #expect(await run.waitForStderr { $0.contains("waiting for another dooordb") })
    run.send(SIGTERM)
    let result = await run.wait(deadline: .seconds(20))
    #expect(!result.killedAtDeadline, "still waiting for the lock: \(result.stderr)")
    #expect(result.exitCode == 130, "\(result.stderr)")
    #expect(result.stderr.contains("apply stopped before any change"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: scratch.file(".dooordb/local-state.json").path))
  }

  @Test func aQuitSignalExitsWithoutACrashReport() async throws {
    let server = try Self.server()
    defer { server.stop() }
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let run = try Self.start(
      ["apply", "--auto-approve", "acme.yaml"], server: server, scratch: scratch)
    #expect(await run.waitForStderr { _ in server.requests.contains { $0.method == "POST" } })
    run.send(SIGQUIT)
    let result = await run.wait()
    #expect(!result.killedAtDeadline)
    #expect(!result.endedBySignal)
    #expect(result.exitCode == 131)
    #expect(result.stderr.contains("Quit signal received: exiting now."), "\(result.stderr)")
    for crashWord in ["crashed", "Backtrace", "Thread 0"] {
      #expect(!result.stderr.contains(crashWord), "\(result.stderr)")
    }
  }

  /// A reader gone before anything is printed: every command exits 141, and apply, which
  /// could not show its plan, changes nothing.
  @Test(arguments: [
    ["apply", "--auto-approve", "acme.yaml"], ["plan", "acme.yaml"],
    ["list", "--workspace", "acme"],
  ])
  func aClosedStdoutEndsTheRunWith141NotACrash(_ command: [String]) async throws {
    let server = try Self.server(readyAtOnce: true)
    defer { server.stop() }
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let run = try Self.start(command, server: server, scratch: scratch, stdout: .closedPipe)
    let result = await run.wait()
    #expect(!result.killedAtDeadline)
    #expect(!result.endedBySignal, "\(command): \(result.stderr)")
    #expect(result.exitCode == 141, "\(command): \(result.stderr)")
    #expect(server.requests.allSatisfy { $0.method == "GET" })
  }

  /// `dooordb apply … | head -1` with 20 creates: the reader leaves after the plan's first
  /// line. The creates under way end cleanly, no new one starts, stderr says why, exit 141.
  @Test func applyPipedIntoHeadStopsStartingChanges() async throws {
    let slugs = (0..<20).map { String(format: "db-%02d", $0) }
    let running = SharedValue<BoundedDooordb?>(nil)
    let server = try ScriptedHTTPServer { request in
      if request.method == "POST" {
        // Answered once the reader has left, so the run cannot finish before it does.
        running.value?.blockingWaitForStdoutReaderToStop()
        let slug =
          String(decoding: request.body, as: UTF8.self)
          .components(separatedBy: "\"slug\":\"").dropFirst().first?
          .prefix { $0 != "\"" } ?? "unknown"
        return .json(status: 201, body: ScriptedWire.database(id: "id-\(slug)", slug: String(slug)))
      }
      if request.path.hasPrefix("/api/v1/workspaces/acme/databases?") {
        return .json(status: 200, body: ScriptedWire.page([], page: 1, totalPages: 1, total: 0))
      }
      if request.path.hasSuffix("/status") {
        return .json(status: 200, body: #"{"ready":1,"desired":1}"#)
      }
      let id = request.path.split(separator: "/").last.map(String.init) ?? ""
      return .json(status: 200, body: ScriptedWire.database(id: id, slug: String(id.dropFirst(3))))
    }
    defer { server.stop() }
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write(
      "many.yaml",
      "workspace: acme\ndatabases:\n"
        + slugs.map { "  - slug: \($0)\n    name: \($0)\n    engine: postgresql\n" }.joined())
    let run = try BoundedDooordb(
      ["apply", "--auto-approve", "--parallelism", "2", "many.yaml"], in: scratch.url,
      environment: ["DOOOR_API_URL": server.url, "DOOOR_API_KEY": "dor_sk_head", "NO_COLOR": "1"],
      stdout: .firstLineOnly)
    running.update { $0 = run }
    let result = await run.wait()
    #expect(!result.killedAtDeadline)
    #expect(!result.endedBySignal, "\(result.stderr)")
    #expect(result.exitCode == 141, "\(result.stderr)")
    #expect(server.requests.filter { $0.method == "POST" }.count < slugs.count)
    #expect(
      result.stderr.contains(
        "the reader of stdout went away: no new changes start; requests in flight finish."),
      "\(result.stderr)")
  }
}
