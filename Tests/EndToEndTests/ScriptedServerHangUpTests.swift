import Foundation
import Synchronization
import Testing

/// The scripted server lives in the test process, which does not ignore SIGPIPE: one answer
/// written to a client that has hung up would end every test at once (CI saw "signal code 13").
@Suite(.timeLimit(.minutes(1))) struct ScriptedServerHangUpTests {
  @Test func aLongAnswerToAClientThatHungUpEndsOnlyItsConnection() async throws {
    let client = Mutex<Int32>(-1)
    // Far more than the socket buffers hold, so writing it meets the closed peer.
    let body = "[" + String(repeating: "0,", count: 8 << 20) + "0]"
    let server = try ScriptedHTTPServer { _ in
      // The client hangs up, unread, once its request has arrived; then the answer is written.
      _ = client.withLock { close($0) }
      return .json(status: 200, body: body)
    }
    defer { server.stop() }

    try client.withLock { $0 = try Self.connect(to: server.port) }
    let request = Data("GET /api/v1/x HTTP/1.1\r\nHost: test\r\n\r\n".utf8)
    _ = client.withLock { descriptor in
      request.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
    }

    await server.waitForEndedConnections(1)
    #expect(server.requests.map(\.path) == ["/api/v1/x"])
  }

  static func connect(to port: Int) throws -> Int32 {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        Foundation.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    try #require(connected == 0, "cannot connect to the scripted server")
    return descriptor
  }
}
