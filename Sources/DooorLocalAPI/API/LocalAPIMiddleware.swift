import DooorCore
import Foundation
import HTTPTypes
public import Hummingbird
import NIOCore
import Synchronization

/// The per-request context: Hummingbird's basics, with the API's body limit.
public struct LocalAPIRequestContext: RequestContext {
  public var coreContext: CoreRequestContextStorage

  public init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
  }

  /// Bodies over 1 MiB are answered 413.
  public var maxUploadSize: Int { 1024 * 1024 }
}

/// Answers every failure in the API's error format, including Hummingbird's own (no route,
/// a body over the limit) and anything unexpected.
struct APIErrorMiddleware: RouterMiddleware {
  func handle(
    _ request: Request, context: LocalAPIRequestContext,
    next: (Request, LocalAPIRequestContext) async throws -> Response
  ) async throws -> Response {
    do {
      return try await next(request, context)
    } catch let error as LocalAPIError {
      throw error
    } catch is NIOTooManyBytesError {
      throw LocalAPIError(
        .contentTooLarge, "payload_too_large",
        "the body is larger than \(context.maxUploadSize) bytes")
    } catch let error as HTTPError {
      switch error.status {
      case .notFound:
        throw LocalAPIError(.notFound, "not_found", "no such endpoint: \(request.uri.path)")
      case .contentTooLarge:
        throw LocalAPIError(
          .contentTooLarge, "payload_too_large",
          "the body is larger than \(context.maxUploadSize) bytes")
      default:
        throw LocalAPIError(
          error.status, "bad_request", error.body ?? error.status.reasonPhrase)
      }
    } catch {
      throw LocalAPIError(.internalServerError, "internal_error", "\(error)")
    }
  }
}

/// Requires `Authorization: Bearer dor_sk_...` (the configured key, when there is one).
struct BearerKeyMiddleware: RouterMiddleware {
  let expectedKey: String?

  func handle(
    _ request: Request, context: LocalAPIRequestContext,
    next: (Request, LocalAPIRequestContext) async throws -> Response
  ) async throws -> Response {
    guard isAuthorized(request.headers[.authorization]) else {
      throw LocalAPIError(
        .unauthorized, "unauthorized",
        "missing or invalid API key; send Authorization: Bearer dor_sk_...")
    }
    return try await next(request, context)
  }

  private func isAuthorized(_ header: String?) -> Bool {
    guard let header, header.hasPrefix("Bearer ") else { return false }
    let key = header.dropFirst("Bearer ".count).trimmingCharacters(in: .whitespaces)
    if let expectedKey { return key == expectedKey }
    return key.hasPrefix("dor_sk_") && key.count > "dor_sk_".count
  }
}

/// Counts requests and answers for `/_local/stats`.
struct StatisticsMiddleware: RouterMiddleware {
  let statistics: LocalAPIStatistics

  func handle(
    _ request: Request, context: LocalAPIRequestContext,
    next: (Request, LocalAPIRequestContext) async throws -> Response
  ) async throws -> Response {
    statistics.countRequest(method: request.method.rawValue)
    let endpoint = LocalAPIEndpoint(method: request.method.rawValue, route: context.endpointPath)
    var request = request
    do {
      var createdSlug: String?
      if endpoint == .create {
        // Read once here and kept on the request: a body can be iterated only once.
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        if let object = try? JSONDecoder().decode(
          [String: JSONValue].self, from: Data(body.readableBytesView)),
          case .string(let slug)? = object["slug"], let workspace = try? context.workspace
        {
          createdSlug = "\(workspace)/\(slug)"
        }
      }
      do {
        let response = try await next(request, context)
        statistics.countAnswer(
          endpoint: endpoint, status: response.status.code, createdSlug: createdSlug)
        return response
      } catch let error as any HTTPResponseError {
        statistics.countAnswer(
          endpoint: endpoint, status: error.status.code, createdSlug: createdSlug)
        throw error
      }
    }
  }
}

/// Lets a test answer a request instead of the API, to play a server that adds fields,
/// sends unknown values or misbehaves in ways the faults do not cover.
struct InterceptorMiddleware: RouterMiddleware {
  let interceptor: @Sendable (LocalAPIRequest) async -> LocalAPIResponse?

  func handle(
    _ request: Request, context: LocalAPIRequestContext,
    next: (Request, LocalAPIRequestContext) async throws -> Response
  ) async throws -> Response {
    var request = request
    let body = try await request.collectBody(upTo: context.maxUploadSize)
    let seen = LocalAPIRequest(
      method: request.method.rawValue, path: request.uri.path, query: request.uri.query,
      authorization: request.headers[.authorization], body: Array(buffer: body))
    guard let answer = await interceptor(seen) else { return try await next(request, context) }
    var headers = HTTPFields()
    for (name, value) in answer.headers.sorted(by: { $0.key < $1.key }) {
      if let fieldName = HTTPField.Name(name) { headers[fieldName] = value }
    }
    return Response(
      status: .init(code: answer.status), headers: headers,
      body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
  }
}
