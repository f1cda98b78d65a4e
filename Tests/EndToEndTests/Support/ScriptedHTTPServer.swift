import Foundation
import Synchronization

/// A small HTTP/1.1 server on loopback whose every answer the test scripts, including answers
/// no well-behaved server gives: headers followed by silence, listings that never end.
/// Plain POSIX sockets and one thread per connection, so a stalled answer stalls only itself.
final class ScriptedHTTPServer: Sendable {
  struct Request: Sendable {
    var method: String
    var path: String
    var headers: [String: String]
    var body: Data
  }

  enum Reply: Sendable {
    case json(status: Int, body: String)
    /// The status line and headers announcing `contentLength` bytes, then nothing until the
    /// client gives up.
    case stallAfterHeaders(status: Int, contentLength: Int)
    /// No answer: the connection is closed.
    case hangUp
    /// No answer at all, the connection held open until the client gives up: a hung API.
    case silence
  }

  struct StartError: Error, CustomStringConvertible {
    var description: String
  }

  let port: Int
  private let listener: Int32
  private let handler: @Sendable (Request) -> Reply
  /// Open connections, and whether the server was stopped. A descriptor is closed only by the
  /// thread that owns it, under this lock, so `stop()` never touches a number the process has
  /// since reused for another test's socket.
  private let sockets = Mutex(Sockets())
  private let received = Mutex<[Request]>([])

  /// The API root to give `dooordb`.
  var url: String { "http://127.0.0.1:\(port)/api/v1" }

  /// Every request so far, in the order they arrived.
  var requests: [Request] { received.withLock { $0 } }

  init(_ handler: @escaping @Sendable (Request) -> Reply) throws {
    let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socketFD >= 0 else { throw StartError(description: "socket() failed") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, listen(socketFD, 64) == 0 else {
      close(socketFD)
      throw StartError(description: "bind() or listen() failed")
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        getsockname(socketFD, $0, &length)
      }
    }
    listener = socketFD
    port = Int(UInt16(bigEndian: address.sin_port))
    self.handler = handler
    let server = self
    Thread.detachNewThread { server.acceptLoop() }
  }

  private struct Sockets {
    var open: Set<Int32> = []
    var stopped = false
    var listenerClosed = false
    /// Connections whose thread has finished, and who waits for a number of them.
    var ended = 0
    var endWaiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
  }

  /// Returns once `count` connections have ended (their thread finished and closed them).
  func waitForEndedConnections(_ count: Int) async {
    await withCheckedContinuation { continuation in
      sockets.withLock { sockets in
        if sockets.ended >= count {
          continuation.resume()
        } else {
          sockets.endWaiters.append((count, continuation))
        }
      }
    }
  }

  /// Stops accepting and ends every connection, stalled ones included; the threads that own
  /// the descriptors close them. Idempotent.
  func stop() {
    sockets.withLock { sockets in
      guard !sockets.stopped else { return }
      sockets.stopped = true
      if !sockets.listenerClosed { shutdown(listener, Int32(SHUT_RDWR)) }
      for socket in sockets.open { shutdown(socket, Int32(SHUT_RDWR)) }
    }
  }

  private func acceptLoop() {
    while true {
      let connection = accept(listener, nil, nil)
      // SIGCHLD from the test's own child processes can interrupt a wait.
      if connection < 0 && errno == EINTR && !sockets.withLock({ $0.stopped }) { continue }
      let accepted = sockets.withLock { sockets in
        guard connection >= 0, !sockets.stopped else {
          if connection >= 0 { close(connection) }
          sockets.listenerClosed = true
          close(listener)
          return false
        }
        sockets.open.insert(connection)
        return true
      }
      guard accepted else { return }
      #if !os(Linux)
        var one: Int32 = 1
        setsockopt(connection, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
      #endif
      let server = self
      Thread.detachNewThread { server.serve(connection) }
    }
  }

  private func serve(_ connection: Int32) {
    defer {
      sockets.withLock { sockets in
        sockets.open.remove(connection)
        close(connection)
        sockets.ended += 1
        let ended = sockets.ended
        for waiter in sockets.endWaiters where waiter.count <= ended {
          waiter.continuation.resume()
        }
        sockets.endWaiters.removeAll { $0.count <= ended }
      }
    }
    var buffer = Data()
    while let request = Self.readRequest(from: connection, buffer: &buffer) {
      received.withLock { $0.append(request) }
      switch handler(request) {
      case .json(let status, let body):
        let bytes = Data(body.utf8)
        guard Self.send(Self.head(status: status, contentLength: bytes.count) + bytes, connection)
        else { return }
      case .stallAfterHeaders(let status, let contentLength):
        guard Self.send(Self.head(status: status, contentLength: contentLength), connection)
        else { return }
        Self.waitForHangUp(connection)
        return
      case .silence:
        Self.waitForHangUp(connection)
        return
      case .hangUp:
        return
      }
    }
  }

  /// Silence: waits for the client to hang up (or the test to stop the server).
  private static func waitForHangUp(_ connection: Int32) {
    var scratch = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = read(connection, &scratch, scratch.count)
      if count == 0 || (count < 0 && errno != EINTR) { return }
    }
  }

  private static func head(status: Int, contentLength: Int) -> Data {
    Data(
      ("HTTP/1.1 \(status) Scripted\r\nContent-Type: application/json\r\n"
        + "Content-Length: \(contentLength)\r\n\r\n").utf8)
  }

  /// Writes with `MSG_NOSIGNAL`: a client that hangs up while a long answer is being written
  /// (a listing `dooordb` abandons, a command killed by a test) must cost this write an EPIPE,
  /// not raise SIGPIPE, which would end the whole test process (it does not ignore the signal).
  private static func send(_ data: Data, _ connection: Int32) -> Bool {
    data.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let written = Foundation.send(
          connection, raw.baseAddress! + offset, raw.count - offset, noSignal)
        if written < 0 && errno == EINTR { continue }
        if written <= 0 { return false }
        offset += written
      }
      return true
    }
  }

  #if os(Linux)
    private static let noSignal = Int32(MSG_NOSIGNAL)
  #else
    // Darwin has no MSG_NOSIGNAL on every supported version; SO_NOSIGPIPE is set on accept.
    private static let noSignal: Int32 = 0
  #endif

  /// One request off the connection; nil when the client closed it.
  private static func readRequest(from connection: Int32, buffer: inout Data) -> Request? {
    let separator = Data("\r\n\r\n".utf8)
    while buffer.range(of: separator) == nil {
      guard readMore(connection, into: &buffer) else { return nil }
    }
    let headEnd = buffer.range(of: separator)!
    let head = String(decoding: buffer[buffer.startIndex..<headEnd.lowerBound], as: UTF8.self)
    buffer = Data(buffer[headEnd.upperBound...])
    let lines = head.components(separatedBy: "\r\n")
    let requestLine = lines[0].split(separator: " ")
    guard requestLine.count >= 2 else { return nil }
    var headers: [String: String] = [:]
    for line in lines.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
        .trimmingCharacters(in: .whitespaces)
    }
    let length = Int(headers["content-length"] ?? "0") ?? 0
    while buffer.count < length {
      guard readMore(connection, into: &buffer) else { return nil }
    }
    let body = Data(buffer.prefix(length))
    buffer = Data(buffer.dropFirst(length))
    return Request(
      method: String(requestLine[0]), path: String(requestLine[1]), headers: headers, body: body)
  }

  private static func readMore(_ connection: Int32, into buffer: inout Data) -> Bool {
    var chunk = [UInt8](repeating: 0, count: 16 * 1024)
    var count = read(connection, &chunk, chunk.count)
    while count < 0 && errno == EINTR { count = read(connection, &chunk, chunk.count) }
    guard count > 0 else { return false }
    buffer.append(contentsOf: chunk[0..<count])
    return true
  }
}

/// JSON texts in the API's wire format, for scripted answers.
enum ScriptedWire {
  static func database(
    id: String, slug: String, name: String? = nil, engine: String = "postgresql",
    status: String = "ready"
  ) -> String {
    let object: [String: Any] = [
      "id": id, "slug": slug, "name": name ?? slug, "engine": engine, "status": status,
    ]
    return json(object)
  }

  static func page(_ databases: [String], page: Int, totalPages: Int, total: Int) -> String {
    "{\"data\":[\(databases.joined(separator: ","))],\"meta\":{\"total\":\(total),"
      + "\"page\":\(page),\"limit\":100,\"totalPages\":\(totalPages)}}"
  }

  static func json(_ object: [String: Any]) -> String {
    let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    return String(decoding: data, as: UTF8.self)
  }
}

/// A value a scripted server's handler and the test share across threads.
final class SharedValue<Value: Sendable>: Sendable {
  private let storage: Mutex<Value>

  init(_ value: Value) { storage = Mutex(value) }

  var value: Value { storage.withLock { $0 } }

  func update<Result>(_ body: (inout Value) -> Result) -> Result {
    storage.withLock { body(&$0) }
  }
}
