import Foundation
public import HTTPTypes
public import Hummingbird

/// An answer of the local API that is not a success, in the API's error format
/// `{"error": {"code": "...", "message": "..."}}`. Thrown by the controller, the store and the
/// middleware; Hummingbird turns it into the response.
public struct LocalAPIError: Error, HTTPResponseError, Sendable {
  public var status: HTTPResponse.Status
  public var code: String
  public var message: String
  public var headers: HTTPFields

  public init(
    _ status: HTTPResponse.Status, _ code: String, _ message: String, headers: HTTPFields = [:]
  ) {
    self.status = status
    self.code = code
    self.message = message
    self.headers = headers
  }

  public func response(from request: Request, context: some RequestContext) throws -> Response {
    var fields = headers
    fields[.contentType] = "application/json"
    let body = try JSONEncoder().encode(Body(error: .init(code: code, message: message)))
    return Response(
      status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body)))
  }

  private struct Body: Encodable {
    struct Detail: Encodable {
      var code: String
      var message: String
    }
    var error: Detail
  }

  static func badRequest(_ message: String) -> LocalAPIError {
    LocalAPIError(.badRequest, "bad_request", message)
  }

  static func validation(_ problems: [String]) -> LocalAPIError {
    LocalAPIError(.unprocessableContent, "validation_error", problems.joined(separator: "; "))
  }

  static func notFound(workspace: String, id: String) -> LocalAPIError {
    LocalAPIError(.notFound, "not_found", "no database \(id) in workspace \(workspace)")
  }

  static func conflict(_ message: String) -> LocalAPIError {
    LocalAPIError(.conflict, "conflict", message)
  }

  static func stateNotSaved(_ error: any Error) -> LocalAPIError {
    LocalAPIError(
      .internalServerError, "internal_error",
      "the local API could not save its state, so nothing was changed: \(error)")
  }
}
