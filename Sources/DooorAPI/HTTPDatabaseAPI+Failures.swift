import AsyncHTTPClient
import NIOCore
import NIOSSL

/// What went wrong with a request, in words a user can act on and that quote no secret: the
/// network layer's failures classified, and decoding failures placed without their values.
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

  static func classify(_ error: any Error) -> FailureDescription {
    if let tlsError = error as? NIOSSLError {
      // The handshake comes before the request: nothing was sent, the key included.
      let text =
        "\(tlsError)".contains("CERTIFICATE_VERIFY_FAILED")
        ? "the TLS handshake failed: the server's certificate is not trusted (self-signed, "
          + "expired, or issued for another name)"
        : "the TLS handshake failed (\(tlsError.kindName))"
      return FailureDescription(
        kind: .transport, neverSent: true, text: text, isPermanent: true, hint: APIErrorHints.tls)
    }
    if let clientError = error as? HTTPClientError {
      switch clientError {
      case .connectTimeout, .tlsHandshakeTimeout, .httpProxyHandshakeTimeout,
        .socksHandshakeTimeout, .getConnectionFromPoolTimeout:
        return FailureDescription(
          kind: .transport, neverSent: true, text: "could not connect (\(clientError))")
      case .deadlineExceeded, .readTimeout, .writeTimeout:
        return FailureDescription(kind: .timeout, neverSent: false, text: "no answer in time")
      case .remoteConnectionClosed:
        return FailureDescription(
          kind: .transport, neverSent: false,
          text: "the connection was closed before the answer was complete")
      default:
        return FailureDescription(kind: .transport, neverSent: false, text: "\(clientError)")
      }
    }
    if let channelError = error as? ChannelError, case .connectTimeout = channelError {
      return FailureDescription(
        kind: .transport, neverSent: true, text: "could not connect (timeout)")
    }
    let text = String(describing: error)
    let typeName = String(describing: type(of: error))
    if typeName.contains("NIOConnectionError") || typeName.contains("ConnectionFailed")
      || text.contains("Connection refused") || text.contains("connection refused")
    {
      return FailureDescription(
        kind: .transport, neverSent: true, text: "could not connect (\(typeName))")
    }
    return FailureDescription(kind: .transport, neverSent: false, text: "\(typeName): \(text)")
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
