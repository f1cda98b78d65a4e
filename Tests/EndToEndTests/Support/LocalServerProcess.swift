import Foundation
import Synchronization

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A running `dooordb local serve` on a free loopback port, stopped with SIGTERM.
final class LocalServerProcess {
  struct StartError: Error, CustomStringConvertible {
    var description: String
  }

  /// Request and connection counts from `/_local/stats`.
  struct Statistics: Decodable {
    var requests: Int
    var connections: Int
    var requestsByMethod: [String: Int]?
    /// Databases made (201) by `WORKSPACE/SLUG`: above 1 means a create was duplicated.
    var createsBySlug: [String: Int]?
    /// Answers by endpoint and status, as `create 201`, `list 503`, ...
    var answersByEndpoint: [String: Int]?
  }

  let process = Process()
  /// The API root, `http://127.0.0.1:PORT/api/v1`.
  let url: String
  let apiKey = "dor_sk_e2e_key_77"
  private let output = Pipe()
  private let errors = Pipe()

  init(
    stateFile: URL, provisionDelay: String = "0s", extraArguments: [String] = [],
    environment: [String: String] = [:]
  ) throws {
    process.executableURL = DooordbProcess.binary
    process.environment = DooordbProcess.environment(adding: environment)
    process.arguments =
      [
        "local", "serve", "--port", "0", "--provision-delay", provisionDelay, "--state",
        stateFile.path,
      ] + extraArguments
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    var collected = Data()
    var found: String?
    while found == nil {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      collected.append(chunk)
      let text = String(decoding: collected, as: UTF8.self)
      if let line = text.split(separator: "\n").first(where: { $0.contains("http://") }),
        let start = line.range(of: "http://")
      {
        found = String(line[start.lowerBound...]).trimmingCharacters(in: .whitespaces)
      }
    }
    guard let found else {
      process.terminate()
      throw StartError(description: "local serve printed no URL")
    }
    url = found
  }

  /// The variables that point the CLI at this server.
  var environment: [String: String] { ["DOOOR_API_URL": url, "DOOOR_API_KEY": apiKey] }

  func statistics() throws -> Statistics {
    var root = url
    if root.hasSuffix("/api/v1") { root.removeLast("/api/v1".count) }
    let answer = Mutex<Data?>(nil)
    let done = DispatchSemaphore(value: 0)
    URLSession.shared.dataTask(with: URL(string: root + "/_local/stats")!) { data, _, _ in
      answer.withLock { $0 = data }
      done.signal()
    }.resume()
    done.wait()
    guard let data = answer.withLock({ $0 }) else {
      throw StartError(description: "the local server's statistics could not be read")
    }
    return try JSONDecoder().decode(Statistics.self, from: data)
  }

  /// Stops the server; returns its exit code and what it said on stderr. A second call only
  /// reads the result again: a signal to an ended process could reach another one.
  @discardableResult
  func stop() -> (Int32, String) {
    if process.isRunning { process.terminate() }
    let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, said)
  }
}

/// A temporary directory for one test, removed by `remove()`.
struct ScratchDirectory {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "dooordb-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func file(_ name: String) -> URL { url.appendingPathComponent(name) }

  func write(_ name: String, _ text: String) throws {
    let target = file(name)
    try FileManager.default.createDirectory(
      at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: target)
  }

  func remove() { try? FileManager.default.removeItem(at: url) }
}
