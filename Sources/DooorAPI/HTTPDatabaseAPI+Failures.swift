import AsyncHTTPClient
import DooorCore
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What went wrong with a request, in words a user can act on and that quote no secret: error
/// answers and the network layer's failures, classified by their types and codes, and decoding
/// failures placed without their values.
extension HTTPDatabaseAPI {
  struct FailureDescription {
    var kind: APIError.Kind
    /// The request never left: retrying cannot duplicate anything.
    var neverSent: Bool
    var text: String
    /// Trying again cannot help (a certificate that is not trusted stays so).
    var isPermanent = false
    var hint: String?
  }

  func classify(_ error: any Error) -> FailureDescription {
    Self.classify(error, server: serverName)
  }

  /// `server` names the host and port in the words, as `127.0.0.1:1`.
  static func classify(_ error: any Error, server: String = "the API") -> FailureDescription {
    func notConnected(_ reason: String) -> FailureDescription {
      FailureDescription(
        kind: .transport, neverSent: true, text: "cannot connect to \(server) (\(reason))")
    }
    switch error {
    case let tlsError as NIOSSLError:
      // The handshake comes before the request: nothing was sent, the key included.
      let text =
        "\(tlsError)".contains("CERTIFICATE_VERIFY_FAILED")
        ? "the TLS handshake failed: the server's certificate is not trusted (self-signed, "
          + "expired, or issued for another name)"
        : "the TLS handshake failed (\(tlsError.kindName))"
      return FailureDescription(
        kind: .transport, neverSent: true, text: text, isPermanent: true, hint: APIErrorHints.tls)
    case let clientError as HTTPClientError:
      switch clientError {
      case .connectTimeout, .tlsHandshakeTimeout, .httpProxyHandshakeTimeout,
        .socksHandshakeTimeout, .getConnectionFromPoolTimeout:
        return notConnected("no answer in time")
      case .deadlineExceeded, .readTimeout, .writeTimeout:
        return FailureDescription(kind: .timeout, neverSent: false, text: "no answer in time")
      case .remoteConnectionClosed:
        return FailureDescription(
          kind: .transport, neverSent: false,
          text: "the connection was closed before the answer was complete")
      default:
        return FailureDescription(kind: .transport, neverSent: false, text: "\(clientError)")
      }
    case ChannelError.connectTimeout:
      return notConnected("no answer in time")
    case let connectionError as NIOConnectionError:
      // Every address the name resolved to was tried; the first failure says why.
      if let first = connectionError.connectionErrors.first {
        return classify(first.error, server: server)
      }
      return notConnected("its name could not be resolved")
    case let ioError as IOError:
      if let reason = connectFailureReason(errno: ioError.errnoCode) {
        return notConnected(reason)
      }
      return FailureDescription(
        kind: .transport, neverSent: false,
        text: "the connection failed (\(String(cString: strerror(ioError.errnoCode))))")
    default:
      let typeName = String(describing: type(of: error))
      return FailureDescription(
        kind: .transport, neverSent: false, text: "\(typeName): \(String(describing: error))")
    }
  }

  /// Why a connection could not be made, for the codes only `connect` gives (nothing was sent);
  /// nil for codes that may come after the request left.
  private static func connectFailureReason(errno code: CInt) -> String? {
    switch code {
    case ECONNREFUSED: "connection refused"
    case ENETUNREACH: "network unreachable"
    case EHOSTUNREACH: "host unreachable"
    case EADDRNOTAVAIL: "address not available"
    case ETIMEDOUT: "no answer in time"
    default: nil
    }
  }

  /// The host and port requests go to, as failures name them.
  var serverName: String {
    guard let url = URL(string: baseURL), let host = url.host else { return "the API" }
    let port = url.port ?? (url.scheme == "https" ? 443 : 80)
    return "\(host):\(port)"
  }

  func transportError(
    _ method: HTTPMethod, _ path: String, _ failure: FailureDescription,
    earlierTryMayHaveTakenEffect: Bool
  ) -> APIError {
    let mayHaveTakenEffect = !failure.neverSent || earlierTryMayHaveTakenEffect
    let hint =
      method == .POST && mayHaveTakenEffect
      ? APIErrorHints.mayHaveTakenEffect
      : failure.hint
        ?? (failure.kind == .timeout ? APIErrorHints.timeout : APIErrorHints.transport)
    return APIError(
      kind: failure.kind, method: method.rawValue, path: path, message: redact(failure.text),
      hint: hint, mayHaveTakenEffect: mayHaveTakenEffect && method != .GET)
  }

  func httpError(
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
      message =
        "an answer that is not the API's error format (\(Plural.count(bytes.count, "byte")))"
    }
    var hint = APIErrorHints.hint(forStatus: status)
    if status == 404 && method == .GET && Self.isListing(path) {
      hint = APIErrorHints.listRouteNotFound(baseURL: baseURL)
    }
    if mayHaveTakenEffect && method == .POST { hint = APIErrorHints.mayHaveTakenEffect }
    return APIError(
      kind: .http(status: status, code: code), method: method.rawValue, path: path,
      // The server's words reach a terminal: its escape sequences are shown, not obeyed.
      message: redact(DisplayText.visible(message)), hint: hint,
      mayHaveTakenEffect: mayHaveTakenEffect)
  }

  /// Whether `path` is the list route (`…/databases`, with or without a query).
  static func isListing(_ path: String) -> Bool {
    path.split(separator: "?", maxSplits: 1).first?.hasSuffix("/databases") ?? false
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
  func redact(_ text: String) -> String {
    keyRedaction.redact(text)
  }

  /// Where decoding failed, without quoting any value (a value could be a password).
  static func describe(_ error: DecodingError) -> String {
    func place(_ path: [any CodingKey]) -> String {
      path.isEmpty
        ? "the answer"
        : path.map { $0.intValue.map(String.init) ?? $0.stringValue }
          .joined(separator: ".")
    }
    switch error {
    case .keyNotFound(let key, let context):
      return "missing field \(place(context.codingPath + [key]))"
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      return "unexpected type at \(place(context.codingPath))"
    case .dataCorrupted(let context):
      return "not valid JSON at \(place(context.codingPath))"
    @unknown default:
      return "unreadable answer"
    }
  }
}

extension NIOSSLError {
  /// The case's name alone: the full description carries BoringSSL's source paths.
  fileprivate var kindName: String {
    String(describing: self).prefix { $0 != "(" }.description
  }
}
