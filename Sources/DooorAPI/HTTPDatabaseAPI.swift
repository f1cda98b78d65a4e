import AsyncHTTPClient
public import DooorCore
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import Synchronization

/// The real Dooor API over HTTP: bearer auth, tolerant decoding, complete listings, retries
/// through one shared gate. Call `shutdown()` when done.
public final class HTTPDatabaseAPI: DatabaseAPI {
  /// The page size for listings: the largest the API allows, so a listing takes fewest requests.
  public static let pageSize = 100

  private let configuration: HTTPDatabaseAPIConfiguration
  private let client: HTTPClient
  private let gate: RequestGate
  private let baseURL: String
  private let sentRequests = Mutex(0)
  private let keyRedaction: SecretRedaction

  public init(configuration: HTTPDatabaseAPIConfiguration) {
    self.configuration = configuration
    keyRedaction = SecretRedaction(secret: configuration.apiKey)
    var base = configuration.baseURL
    while base.hasSuffix("/") { base.removeLast() }
    baseURL = base
    var clientConfiguration = HTTPClient.Configuration(
      redirectConfiguration: .disallow,
      timeout: .init(connect: .init(configuration.connectTimeout)),
      // Enough connections for apply's highest usual --parallelism: a request queued for a
      // connection longer than the connect timeout would fail as if the API were unreachable.
      connectionPool: .init(
        idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
    )
    if let url = URL(string: base), let scheme = url.scheme, let host = url.host,
      let proxy = ProxySettings.resolve(
        scheme: scheme, host: host, environment: configuration.environment)
    {
      clientConfiguration.proxy = .server(host: proxy.host, port: proxy.port)
    }
    client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
    gate = RequestGate(clock: configuration.clock)
  }

  /// Closes the connection pool; the client cannot be used afterwards.
  public func shutdown() async throws {
    try await client.shutdown()
  }

  /// How many HTTP requests were sent so far, retries included.
  public var requestsSent: Int { sentRequests.withLock { $0 } }

  // MARK: DatabaseAPI

  public func listDatabases(workspace: String, filter: DatabaseFilter) async throws
    -> DatabaseListing
  {
    var requests = 0
    var listing = try await listOnce(workspace: workspace, filter: filter, requests: &requests)
    if listing.shifted {
      // Items moved between pages while we read them (a create or delete in between):
      // one fresh pass gives a consistent view in all but pathological cases.
      listing = try await listOnce(workspace: workspace, filter: filter, requests: &requests)
      if listing.shifted {
        listing.warnings.append(
          "the database list of workspace \(workspace) changed while it was read, twice; "
            + "it may be incomplete")
      }
    }
    return DatabaseListing(
      databases: listing.databases, warnings: listing.warnings, requestCount: requests)
  }

  public func database(workspace: String, id: String) async throws -> RemoteDatabase {
    let path = Self.databasePath(workspace: workspace, id: id)
    let answer = try await send(.GET, path: path)
    return try decode(RemoteDatabase.self, from: answer.body, method: "GET", path: path)
  }

  public func status(workspace: String, id: String) async throws -> ReplicaStatus {
    let path = Self.databasePath(workspace: workspace, id: id) + "/status"
    let answer = try await send(.GET, path: path)
    return try decode(ReplicaStatus.self, from: answer.body, method: "GET", path: path)
  }

  public func connection(workspace: String, id: String) async throws -> ConnectionInfo {
    let path = Self.databasePath(workspace: workspace, id: id) + "/connection"
    let answer = try await send(.GET, path: path)
    return try decode(ConnectionInfo.self, from: answer.body, method: "GET", path: path)
  }

  public func createDatabase(workspace: String, _ request: CreateDatabaseRequest) async throws
    -> RemoteDatabase
  {
    let path = Self.collectionPath(workspace: workspace)
    let body = try JSONEncoder().encode(request)
    let answer = try await send(.POST, path: path, body: body)
    return try decode(RemoteDatabase.self, from: answer.body, method: "POST", path: path)
  }

  public func updateDatabase(workspace: String, id: String, _ request: UpdateDatabaseRequest)
    async throws -> RemoteDatabase
  {
    let path = Self.databasePath(workspace: workspace, id: id)
    let body = try JSONEncoder().encode(request)
    let answer = try await send(.PATCH, path: path, body: body)
    return try decode(RemoteDatabase.self, from: answer.body, method: "PATCH", path: path)
  }

  public func deleteDatabase(workspace: String, id: String) async throws {
    _ = try await send(.DELETE, path: Self.databasePath(workspace: workspace, id: id))
  }

  // MARK: Sending

  struct Answer {
    var status: Int
    var body: ByteBuffer
    var attempts: Int
  }

  private enum TryOutcome: Sendable {
    case answered(status: Int, headers: HTTPHeaders, body: ByteBuffer)
    case failed(any Error)
  }

  /// Sends one request, retrying what is safe to retry; returns a 2xx answer or throws
  /// `APIError`.
  func send(_ method: HTTPMethod, path: String, body: Data? = nil) async throws -> Answer {
    let policy = configuration.retryPolicy
    let isCreate = method == .POST
    var attempt = 0
    var earlierTryMayHaveTakenEffect = false
    while true {
      attempt += 1
      do {
        try Task.checkCancellation()
        try await gate.waitUntilOpen()
      } catch {
        throw APIError(
          kind: .cancelled, method: method.rawValue, path: path, message: "cancelled",
          mayHaveTakenEffect: earlierTryMayHaveTakenEffect)
      }
      let started = configuration.clock.now()
      let outcome = await tryOnce(method, path: path, body: body)
      let elapsed = configuration.clock.now() - started
      let canRetry = attempt < policy.maxAttempts

      switch outcome {
      case .answered(let status, _, let responseBody) where (200..<300).contains(status):
        log(method, path, status, elapsed, attempt, note: nil)
        return Answer(status: status, body: responseBody, attempts: attempt)

      case .answered(let status, let headers, let responseBody):
        let retryAfter = headers.first(name: "Retry-After").flatMap(Self.parseRetryAfter)
        if status == 429 && canRetry {
          // Refused before any work was done, so even a create is simply retried; the gate
          // holds back every other request of this client for the same time.
          let delay = policy.delay(
            afterAttempt: attempt, retryAfter: retryAfter, unitRandom: configuration.unitRandom())
          log(
            method, path, status, elapsed, attempt,
            note: "rate limited, pausing all requests for \(DurationText.format(delay))")
          await gate.close(for: delay)
          continue
        }
        if [502, 503, 504].contains(status) && canRetry && !isCreate {
          earlierTryMayHaveTakenEffect = true
          try await backOff(
            method, path, status, elapsed, attempt, retryAfter: retryAfter,
            mayHaveTakenEffect: earlierTryMayHaveTakenEffect)
          continue
        }
        log(method, path, status, elapsed, attempt, note: nil)
        if method == .DELETE && status == 404 && earlierTryMayHaveTakenEffect {
          // An earlier try of this delete was carried out although its answer was lost.
          return Answer(status: 204, body: ByteBuffer(), attempts: attempt)
        }
        throw httpError(
          method, path, status: status, body: responseBody,
          mayHaveTakenEffect: status >= 500 && (isCreate || earlierTryMayHaveTakenEffect))

      case .failed(let error):
        let failure = Self.classify(error)
        if failure.neverSent && !failure.isPermanent && canRetry
          && attempt < policy.maxConnectAttempts
        {
          try await backOff(
            method, path, nil, elapsed, attempt, retryAfter: nil,
            mayHaveTakenEffect: earlierTryMayHaveTakenEffect, failure.text)
          continue
        }
        if !failure.neverSent && !isCreate && canRetry {
          earlierTryMayHaveTakenEffect = true
          try await backOff(
            method, path, nil, elapsed, attempt, retryAfter: nil,
            mayHaveTakenEffect: earlierTryMayHaveTakenEffect, failure.text)
          continue
        }
        log(method, path, nil, elapsed, attempt, note: failure.text)
        let mayHaveTakenEffect = !failure.neverSent || earlierTryMayHaveTakenEffect
        throw APIError(
          kind: failure.kind, method: method.rawValue, path: path,
          message: redact(failure.text),
          hint: isCreate && mayHaveTakenEffect
            ? APIErrorHints.mayHaveTakenEffect
            : failure.hint
              ?? (failure.kind == .timeout ? APIErrorHints.timeout : APIErrorHints.transport),
          mayHaveTakenEffect: mayHaveTakenEffect && method != .GET)
      }
    }
  }

  private func tryOnce(_ method: HTTPMethod, path: String, body: Data?) async -> TryOutcome {
    var request = HTTPClientRequest(url: baseURL + path)
    request.method = method
    request.headers.add(name: "Authorization", value: "Bearer \(configuration.apiKey)")
    request.headers.add(name: "Accept", value: "application/json")
    request.headers.add(name: "User-Agent", value: "dooordb")
    if let body {
      request.headers.add(name: "Content-Type", value: "application/json")
      request.body = .bytes(ByteBuffer(bytes: body))
    }
    sentRequests.withLock { $0 += 1 }
    let client = client
    let prepared = request
    let timeout = configuration.requestTimeout
    do {
      // The client's own timeout ends when the headers arrive; a server that then sends the
      // body slowly, or never, would hold the request forever. The whole exchange races one
      // timer instead, on the same real-time clock the client's timeout uses.
      return try await withThrowingTaskGroup(of: TryOutcome?.self) { group in
        group.addTask {
          let response = try await client.execute(prepared, timeout: TimeAmount(timeout))
          let responseBody = try await response.body.collect(upTo: 64 * 1024 * 1024)
          return .answered(
            status: Int(response.status.code), headers: response.headers, body: responseBody)
        }
        group.addTask {
          try await Task.sleep(for: timeout)
          return nil
        }
        // The first to finish decides; cancelling the other ends the request on the wire.
        let first = try await group.next() ?? nil
        group.cancelAll()
        return first ?? .failed(HTTPClientError.deadlineExceeded)
      }
    } catch {
      return .failed(error)
    }
  }

  private func backOff(
    _ method: HTTPMethod, _ path: String, _ status: Int?, _ elapsed: Duration, _ attempt: Int,
    retryAfter: Duration?, mayHaveTakenEffect: Bool, _ failure: String? = nil
  ) async throws {
    let delay = configuration.retryPolicy.delay(
      afterAttempt: attempt, retryAfter: retryAfter, unitRandom: configuration.unitRandom())
    let reason = failure.map { "\($0); " } ?? ""
    log(
      method, path, status, elapsed, attempt,
      note: "\(reason)retrying in \(DurationText.format(delay))")
    do {
      try await configuration.clock.sleep(for: delay)
    } catch {
      throw APIError(
        kind: .cancelled, method: method.rawValue, path: path, message: "cancelled",
        mayHaveTakenEffect: mayHaveTakenEffect && method != .GET)
    }
  }

  private func log(
    _ method: HTTPMethod, _ path: String, _ status: Int?, _ elapsed: Duration, _ attempt: Int,
    note: String?
  ) {
    configuration.log?(
      HTTPRequestLogEntry(
        method: method.rawValue, path: path, status: status, duration: elapsed, attempt: attempt,
        note: note.map(redact)))
  }

  // MARK: Errors

  private func httpError(
    _ method: HTTPMethod, _ path: String, status: Int, body: ByteBuffer, mayHaveTakenEffect: Bool
  ) -> APIError {
    let bytes = Data(body.readableBytesView)
    var code: String?
    var message: String
    if let wire = try? JSONDecoder().decode(WireErrorBody.self, from: bytes) {
      code = wire.error.code
      message = wire.error.message ?? wire.error.code ?? "no message"
    } else if bytes.isEmpty {
      message = "empty answer"
    } else {
      // Not the API's error shape (a proxy's HTML page, say): do not echo it whole.
      message = "an answer that is not the API's error format (\(bytes.count) bytes)"
    }
    var hint = APIErrorHints.hint(forStatus: status)
    if mayHaveTakenEffect && method == .POST { hint = APIErrorHints.mayHaveTakenEffect }
    return APIError(
      kind: .http(status: status, code: code), method: method.rawValue, path: path,
      // The server's words reach a terminal: its escape sequences are shown, not obeyed.
      message: redact(DisplayText.visible(message)), hint: hint,
      mayHaveTakenEffect: mayHaveTakenEffect)
  }

  func decode<Value: Decodable>(
    _ type: Value.Type, from body: ByteBuffer, method: String, path: String
  ) throws -> Value {
    do {
      return try JSONDecoder().decode(type, from: Data(body.readableBytesView))
    } catch let error as DecodingError {
      throw APIError(
        kind: .decoding, method: method, path: path, message: Self.describe(error),
        hint: APIErrorHints.decoding)
    }
  }

  /// Whatever the server or the network layer says never carries the key out, escaped or not.
  private func redact(_ text: String) -> String {
    keyRedaction.redact(text)
  }

  // MARK: Paths

  static func collectionPath(workspace: String) -> String {
    "/workspaces/\(encodeSegment(workspace))/databases"
  }

  static func databasePath(workspace: String, id: String) -> String {
    collectionPath(workspace: workspace) + "/\(encodeSegment(id))"
  }

  private static let unreserved = CharacterSet(
    charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

  static func encodeSegment(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
  }

  static func queryString(_ items: [(String, String)]) -> String {
    "?" + items.map { "\(encodeSegment($0.0))=\(encodeSegment($0.1))" }.joined(separator: "&")
  }

  /// `Retry-After` in seconds (the HTTP-date form is rare for APIs and falls back to backoff).
  static func parseRetryAfter(_ text: String) -> Duration? {
    guard let seconds = Double(text.trimmingCharacters(in: .whitespaces)), seconds >= 0,
      seconds.isFinite
    else { return nil }
    return .milliseconds(Int64(seconds * 1000))
  }
}

extension TimeAmount {
  fileprivate init(_ duration: Duration) {
    let (seconds, attoseconds) = duration.components
    self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
  }
}
