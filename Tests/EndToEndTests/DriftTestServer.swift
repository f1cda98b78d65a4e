import DooorLocalAPI
import Foundation
import Synchronization

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A local Dooor API in the test process that counts requests by method, so a test can prove
/// a command sent nothing but GETs, and changes databases behind the manifests' back the way
/// a person in the Dooor OS console would: through the HTTP API directly.
final class DriftTestServer: Sendable {
  static let apiKey = "dor_sk_drift_e2e_41"
  /// New databases whose slug starts with `broken` end in `error` status.
  static let brokenSlugPattern = "^broken"

  let server: LocalAPIServer
  private let counts: CountsBox

  private init(server: LocalAPIServer, counts: CountsBox) {
    self.server = server
    self.counts = counts
  }

  static func start() async throws -> DriftTestServer {
    let counts = CountsBox()
    let server = try await LocalAPIServer.start(
      options: LocalAPIOptions(
        provisionDelay: .zero, faults: LocalAPIFaults(errorSlugPattern: brokenSlugPattern),
        interceptor: { request in
          counts.count(request.method)
          return nil
        }))
    return DriftTestServer(server: server, counts: counts)
  }

  /// Hands the interceptor a place to count before the server object exists.
  fileprivate final class CountsBox: Sendable {
    let methods = Mutex<[String: Int]>([:])
    func count(_ method: String) { methods.withLock { $0[method, default: 0] += 1 } }
  }

  var url: String { server.url }

  /// What a `dooordb` process needs to reach this server.
  var environment: [String: String] {
    ["DOOOR_API_URL": url, "DOOOR_API_KEY": Self.apiKey, "NO_COLOR": "1"]
  }

  /// Requests seen so far, by HTTP method.
  var requestsByMethod: [String: Int] { counts.methods.withLock { $0 } }

  /// Requests that could change something (anything but GET, HEAD and OPTIONS).
  var mutatingRequests: Int {
    requestsByMethod.filter { !["GET", "HEAD", "OPTIONS"].contains($0.key) }.values.reduce(0, +)
  }

  func stop() async { await server.shutdown() }

  // MARK: - The HTTP API, directly

  struct HTTPFailure: Error, CustomStringConvertible {
    var description: String
  }

  @discardableResult
  func request(
    _ method: String, _ path: String, body: [String: Any]? = nil
  ) async throws -> (status: Int, json: Any?) {
    var request = URLRequest(url: URL(string: url + path)!)
    request.httpMethod = method
    request.setValue("Bearer \(Self.apiKey)", forHTTPHeaderField: "Authorization")
    if let body {
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
      request.httpBody = try JSONSerialization.data(withJSONObject: body)
    }
    let (data, response) = try await URLSession.shared.data(for: request)
    let status = (response as? HTTPURLResponse)?.statusCode ?? 0
    let json = data.isEmpty ? nil : try? JSONSerialization.jsonObject(with: data)
    guard (200..<300).contains(status) else {
      throw HTTPFailure(
        description: "\(method) \(path) -> \(status): \(String(decoding: data, as: UTF8.self))")
    }
    return (status, json)
  }

  static func path(_ workspace: String) -> String {
    "/workspaces/"
      + workspace.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"]))!
      + "/databases"
  }

  /// Creates a database and returns its id.
  @discardableResult
  func create(_ workspace: String, _ fields: [String: Any]) async throws -> String {
    let (_, json) = try await request("POST", Self.path(workspace), body: fields)
    guard let id = Self.object(json)?["id"] as? String else {
      throw HTTPFailure(description: "create in \(workspace) answered no id")
    }
    return id
  }

  /// The databases of a workspace as the API lists them.
  func list(_ workspace: String) async throws -> [[String: Any]] {
    let (_, json) = try await request("GET", Self.path(workspace) + "?limit=100")
    return Self.object(json)?["data"] as? [[String: Any]] ?? []
  }

  func id(of slug: String, in workspace: String) async throws -> String {
    let found = try await list(workspace).first { $0["slug"] as? String == slug }
    guard let id = found?["id"] as? String else {
      throw HTTPFailure(description: "no \(slug) in \(workspace)")
    }
    return id
  }

  func patch(_ workspace: String, _ slug: String, _ fields: [String: Any]) async throws {
    let id = try await id(of: slug, in: workspace)
    try await request("PATCH", Self.path(workspace) + "/" + id, body: fields)
  }

  func delete(_ workspace: String, _ slug: String) async throws {
    let id = try await id(of: slug, in: workspace)
    try await request("DELETE", Self.path(workspace) + "/" + id)
  }

  private static func object(_ json: Any?) -> [String: Any]? {
    guard let object = json as? [String: Any] else { return nil }
    return object["data"] as? [String: Any] ?? object
  }
}

extension DooordbProcess {
  /// `run`, off the cooperative thread pool: the in-process server needs those threads while
  /// the test waits for the child process.
  static func runDetached(
    _ arguments: [String], in directory: URL = repositoryRoot,
    environment: [String: String] = [:]
  ) async throws -> Result {
    try await DooordbProcess.run(arguments, in: directory, environment: environment)
  }

  /// A fresh empty directory under the temporary directory.
  static func temporaryDirectory(_ label: String) throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "dooordb-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
  }
}
