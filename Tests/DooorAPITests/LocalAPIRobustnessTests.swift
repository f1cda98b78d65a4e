import DooorLocalAPI
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// The local API refuses what it cannot take without losing anything: a write that fails
/// changes nothing, a body over the limit is a 413 in the API's format, and connections that
/// stall are closed.
@Suite(.timeLimit(.minutes(1)))
struct LocalAPIRobustnessTests {
  @Test func aStateWriteThatFailsChangesNothing() async throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let stateFolder = directory.appendingPathComponent("state")
    let options = LocalAPIOptions(
      stateFile: stateFolder.appendingPathComponent("local-state.json"), provisionDelay: .zero)
    try await LocalAPILifecycleTests.withAPI(options) { api in
      let created = try await LocalAPILifecycleTests.call(
        api, "POST", "/workspaces/w/databases",
        body: #"{"name": "A", "slug": "a", "engine": "redis"}"#)
      let id = try #require(created.json["id"] as? String)
      // Writes now fail: the state's folder has become a file (root ignores permissions).
      try FileManager.default.removeItem(at: stateFolder)
      try Data().write(to: stateFolder)

      let deleted = try await LocalAPILifecycleTests.call(
        api, "DELETE", "/workspaces/w/databases/\(id)")
      #expect(deleted.status == 500)
      #expect((deleted.json["error"] as? [String: Any])?["code"] as? String == "internal_error")
      let updated = try await LocalAPILifecycleTests.call(
        api, "PATCH", "/workspaces/w/databases/\(id)", body: #"{"cpu": "2"}"#)
      #expect(updated.status == 500)
      let refusedCreate = try await LocalAPILifecycleTests.call(
        api, "POST", "/workspaces/w/databases",
        body: #"{"name": "B", "slug": "b", "engine": "redis"}"#)
      #expect(refusedCreate.status == 500)

      let after = try await LocalAPILifecycleTests.call(api, "GET", "/workspaces/w/databases/\(id)")
      #expect(after.json["status"] as? String == "ready")
      #expect(after.json["cpu"] as? String == "250m")
      let listed = try await LocalAPILifecycleTests.call(api, "GET", "/workspaces/w/databases")
      #expect((listed.json["meta"] as? [String: Any])?["total"] as? Int == 1)
    }
  }

  @Test func aBodyOverTheLimitIsA413InTheAPIFormat() async throws {
    try await LocalAPILifecycleTests.withAPI(LocalAPIOptions(provisionDelay: .zero)) { api in
      let name = String(repeating: "x", count: 1024 * 1024 + 1)
      let answer = try await LocalAPILifecycleTests.call(
        api, "POST", "/workspaces/w/databases",
        body: #"{"name": "\#(name)", "slug": "a", "engine": "redis"}"#)
      #expect(answer.status == 413)
      #expect((answer.json["error"] as? [String: Any])?["code"] as? String == "payload_too_large")
    }
  }

  @Test func unknownRoutesAndMethodsAnswerInTheAPIFormat() async throws {
    try await LocalAPILifecycleTests.withAPI(LocalAPIOptions(provisionDelay: .zero)) { api in
      let missing = try await LocalAPILifecycleTests.call(api, "GET", "/nothing/here")
      #expect(missing.status == 404)
      #expect((missing.json["error"] as? [String: Any])?["code"] as? String == "not_found")
      let wrongMethod = try await LocalAPILifecycleTests.call(
        api, "PUT", "/workspaces/w/databases")
      #expect(wrongMethod.status == 405)
    }
  }

  /// A client that sends half a request and then nothing is disconnected after the idle
  /// timeout, instead of holding a connection forever.
  @Test func aHalfSentRequestIsClosedAfterTheIdleTimeout() async throws {
    let server = try await LocalAPIServer.start(
      options: LocalAPIOptions(provisionDelay: .zero, idleTimeout: .milliseconds(300)))
    defer { Task { await server.shutdown() } }
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(server.port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    try #require(connected == 0)
    let half =
      "POST /api/v1/workspaces/w/databases HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"
    _ = half.withCString { send(descriptor, $0, strlen($0), 0) }
    // The read returns 0 (closed by the server) long before this socket's own 10 s limit.
    var limit = timeval(tv_sec: 10, tv_usec: 0)
    setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    var buffer = [UInt8](repeating: 0, count: 512)
    var received = 0
    repeat {
      received = recv(descriptor, &buffer, buffer.count, 0)
    } while received > 0
    #expect(received == 0, "the server did not close the stalled connection")
  }
}
