/// A request as the local API sees it, independent of the HTTP server that carried it, so the
/// whole API can be exercised in-process as well as over sockets.
public struct LocalAPIRequest: Sendable {
  public var method: String
  /// The path without the query, still percent-encoded.
  public var path: String
  public var query: String?
  public var authorization: String?
  public var body: [UInt8]

  public init(
    method: String, path: String, query: String? = nil, authorization: String? = nil,
    body: [UInt8] = []
  ) {
    self.method = method
    self.path = path
    self.query = query
    self.authorization = authorization
    self.body = body
  }
}

/// The local API's answer.
public struct LocalAPIResponse: Sendable {
  public var status: Int
  public var headers: [String: String]
  public var body: [UInt8]
  /// Fault injection: send part of the answer, then drop the connection.
  public var closesConnectionMidway: Bool

  public init(
    status: Int, headers: [String: String] = [:], body: [UInt8] = [],
    closesConnectionMidway: Bool = false
  ) {
    self.status = status
    self.headers = headers
    self.body = body
    self.closesConnectionMidway = closesConnectionMidway
  }
}
