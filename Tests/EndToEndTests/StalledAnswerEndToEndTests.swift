import Foundation
import Testing

/// A server that sends an answer's headers and then nothing: every request, body included, is
/// bounded by its timeout, and a create whose answer stalled is checked by slug, not resent.
@Suite(.timeLimit(.minutes(1))) struct StalledAnswerEndToEndTests {
  static let manifest = TestManifests.acmeOrders

  static let notFound = #"{"error":{"code":"not_found","message":"no such path"}}"#

  @Test func aListingWhoseBodyStallsEndsAtTheRequestTimeout() async throws {
    let server = try ScriptedHTTPServer { _ in
      .stallAfterHeaders(status: 200, contentLength: 300)
    }
    defer { server.stop() }
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let run = try BoundedDooordb(
      ["list", "--workspace", "acme", "--request-timeout", "1s"], in: scratch.url,
      environment: ["DOOOR_API_URL": server.url, "DOOOR_API_KEY": "dor_sk_stall"])
    let result = await run.wait(deadline: .seconds(40))
    #expect(!result.killedAtDeadline, "list hung on a stalled body")
    #expect(result.exitCode == 1)
    #expect(result.stderr.contains("no answer in time"), "\(result.stderr)")
  }

  /// The create's 201 stalls after its headers: apply must not hang, must not POST again, and
  /// finds the database by its slug.
  @Test func aCreateWhoseAnswerStallsIsLookedUpBySlugNotResent() async throws {
    let (server, result) = try await Self.applyWithStalledCreate(
      ["--timeout", "20s", "--request-timeout", "1s"])
    defer { server.stop() }
    #expect(!result.killedAtDeadline, "apply hung on a stalled create")
    #expect(server.requests.filter { $0.method == "POST" }.count == 1)
    #expect(
      server.requests.contains { $0.method == "GET" && $0.path.contains("search=orders") },
      "the create was not checked by slug")
    #expect(result.exitCode == 0, "\(result.stdout)\n\(result.stderr)")
  }

  /// `--timeout` alone (no `--request-timeout`) bounds the stalled try: the step ends at its
  /// deadline, with no time left to check by slug, so it says so and sends nothing more.
  @Test func aCreateStalledUntilTheTimeoutEndsTheStepThere() async throws {
    let (server, result) = try await Self.applyWithStalledCreate(["--timeout", "3s"])
    defer { server.stop() }
    #expect(!result.killedAtDeadline, "apply hung on a stalled create")
    #expect(server.requests.filter { $0.method == "POST" }.count == 1)
    #expect(result.exitCode == 1)
    #expect(
      result.stdout.contains("could not check whether the create was carried out"),
      "\(result.stdout)\n\(result.stderr)")
  }

  /// Ctrl-C while a create's answer has not come: the connection then ends without one and
  /// apply, stopping, does not look the slug up, so the step says the database may exist, not
  /// just "stopped". The server holds the POST until dooordb has said it got the signal, so
  /// the order does not depend on how busy the machine is.
  @Test func aCreateWhoseAnswerNeverCameWhenCtrlCComesSaysItMayHaveBeenCarriedOut()
    async throws
  {
    let (posts, posted) = AsyncStream.makeStream(of: Void.self)
    let interruptSeen = DispatchSemaphore(value: 0)
    let server = try ScriptedHTTPServer { request in
      if request.method == "POST" {
        posted.yield()
        // The server's own thread, not the test's pool; bounded in case the test failed.
        _ = interruptSeen.wait(timeout: .now() + 30)
        return .hangUp
      }
      return .json(status: 200, body: ScriptedWire.page([], page: 1, totalPages: 1, total: 0))
    }
    defer { server.stop() }
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write("acme.yaml", Self.manifest)
    let run = try BoundedDooordb(
      ["apply", "--auto-approve", "--format", "json", "--request-timeout", "40s", "acme.yaml"],
      in: scratch.url,
      environment: ["DOOOR_API_URL": server.url, "DOOOR_API_KEY": "dor_sk_stall"])
    for await _ in posts { break }
    run.send(SIGINT)
    #expect(await run.waitForStderr { $0.contains("Interrupt received") })
    interruptSeen.signal()
    let result = await run.wait(deadline: .seconds(45))
    #expect(!result.killedAtDeadline)
    #expect(result.exitCode == 130, "\(result.stderr)")
    #expect(
      server.requests.filter { $0.method == "POST" }.count == 1,
      "\(server.requests.map { "\($0.method) \($0.path)" })\n\(result.stderr)")
    #expect(
      result.stdout.contains("could not check whether the create was carried out"),
      "\(result.stdout)")
    #expect(result.stdout.contains("the database may exist"), "\(result.stdout)")
  }

  private static func applyWithStalledCreate(_ options: [String]) async throws
    -> (ScriptedHTTPServer, BoundedDooordb.Result)
  {
    let created = SharedValue(false)
    let server = try ScriptedHTTPServer { request in
      let path = request.path
      if request.method == "POST" {
        created.update { $0 = true }
        return .stallAfterHeaders(status: 201, contentLength: 400)
      }
      if path.hasPrefix("/api/v1/workspaces/acme/databases?") {
        let items =
          created.value ? [ScriptedWire.database(id: "db-1", slug: "orders", status: "ready")] : []
        return .json(
          status: 200, body: ScriptedWire.page(items, page: 1, totalPages: 1, total: items.count))
      }
      if path == "/api/v1/workspaces/acme/databases/db-1" {
        return .json(status: 200, body: ScriptedWire.database(id: "db-1", slug: "orders"))
      }
      if path == "/api/v1/workspaces/acme/databases/db-1/status" {
        return .json(status: 200, body: #"{"ready":1,"desired":1}"#)
      }
      return .json(status: 404, body: Self.notFound)
    }
    do {
      let scratch = try ScratchDirectory()
      defer { scratch.remove() }
      try scratch.write("acme.yaml", Self.manifest)
      let run = try BoundedDooordb(
        ["apply", "--auto-approve"] + options + ["acme.yaml"], in: scratch.url,
        environment: [
          "DOOOR_API_URL": server.url, "DOOOR_API_KEY": "dor_sk_stall", "NO_COLOR": "1",
        ])
      return (server, await run.wait(deadline: .seconds(40)))
    } catch {
      server.stop()
      throw error
    }
  }
}
