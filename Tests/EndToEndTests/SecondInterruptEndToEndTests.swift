import Foundation
import Testing

/// Once a command's signal handling is done (the first Ctrl-C asked `local serve` to shut
/// down), Ctrl-C has its default action again: a second one ends the process at once instead
/// of being swallowed while the shutdown waits for requests in flight.
@Suite(.timeLimit(.minutes(2))) struct SecondInterruptEndToEndTests {
  @Test func aSecondInterruptDuringShutdownEndsLocalServe() async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    // A DELETE's answer is held 30s, so the shutdown waits for the one below (for its grace
    // period) unless the second Ctrl-C ends it.
    let run = try BoundedDooordb(
      [
        "local", "serve", "--port", "0", "--state", "state.json", "--engines", "simulated",
        "--latency", "30s", "--fault-endpoints", "delete",
      ], in: scratch.url, environment: ["NO_COLOR": "1"])
    // Both outputs are read by threads of their own: wait for the URL on stdout itself.
    #expect(
      await run.waitForStderr { _ in run.stdoutSoFar.contains("Listening on") },
      "\(run.stderrSoFar)")
    let port = try #require(
      run.stdoutSoFar.split(separator: ":").last.flatMap { Int($0.prefix { $0.isNumber }) },
      "\(run.stdoutSoFar)")
    let connection = try HeldRequest(port: port)
    defer { connection.close() }
    #expect(await Self.serverHasReceivedTheDelete(port: port))
    run.send(SIGINT)
    #expect(await run.waitForStderr { $0.contains("Interrupt received: shutting down") })
    run.send(SIGINT)
    let result = await run.wait(deadline: .seconds(60))
    #expect(!result.killedAtDeadline)
    #expect(result.endedBySignal, "the second Ctrl-C was swallowed: \(result.stderr)")
    #expect(result.exitCode == SIGINT)
  }

  /// Waits (polling the server's counters, up to 30s) until the held DELETE reached it.
  static func serverHasReceivedTheDelete(port: Int) async -> Bool {
    await offThePool {
      let deadline = ContinuousClock.now + .seconds(30)
      while ContinuousClock.now < deadline {
        if let text = try? HTTP.get("http://127.0.0.1:\(port)/_local/stats"),
          let statistics = try? JSONDecoder().decode(
            LocalServerProcess.Statistics.self, from: Data(text.utf8)),
          statistics.requestsByMethod?["DELETE"] == 1
        {
          return true
        }
        usleep(20_000)
      }
      return false
    }
  }
}

/// A request sent and left waiting for its answer, on a connection the test closes.
private struct HeldRequest {
  let descriptor: Int32

  init(port: Int) throws {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    self.descriptor = descriptor
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = UInt16(port).bigEndian
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    let request =
      "DELETE /api/v1/workspaces/shop/databases/db-1 HTTP/1.1\r\nHost: localhost\r\n"
      + "Authorization: Bearer dor_sk_test\r\n\r\n"
    _ = request.utf8CString.withUnsafeBufferPointer {
      send(descriptor, $0.baseAddress, $0.count - 1, Int32(MSG_NOSIGNAL))
    }
  }

  func close() { _ = Glibc.close(descriptor) }
}
