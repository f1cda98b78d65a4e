import DooorCore
import Foundation
import HTTPTypes
import Hummingbird

/// The endpoints of `/workspaces/:workspace/databases` (CONTRACT §6), on a route group: each
/// handler reads its parameters, asks the store and answers with a body.
struct DatabasesController: Sendable {
  let store: LocalDatabaseStore

  static let defaultPageSize = 20
  static let maxPageSize = 100
  /// Bounds `page` so page × limit cannot overflow.
  static let maxPage = 1_000_000

  func addRoutes(to group: RouterGroup<LocalAPIRequestContext>) {
    group
      .get(use: list)
      .post(use: create)
      .get(":id", use: get)
      .patch(":id", use: update)
      .delete(":id", use: delete)
      .get(":id/status", use: replicaStatus)
      .get(":id/connection", use: connection)
    Self.refuseOtherMethods(on: "", allowed: [.get, .post], group: group)
    Self.refuseOtherMethods(on: ":id", allowed: [.get, .patch, .delete], group: group)
    Self.refuseOtherMethods(on: ":id/status", allowed: [.get], group: group)
    Self.refuseOtherMethods(on: ":id/connection", allowed: [.get], group: group)
  }

  @Sendable func list(_ request: Request, context: LocalAPIRequestContext) async throws
    -> DatabasePage
  {
    let query = request.uri.queryParameters
    let page = try Self.integer(query["page"], name: "page", range: 1...Self.maxPage) ?? 1
    let limit =
      try Self.integer(query["limit"], name: "limit", range: 1...Self.maxPageSize)
      ?? Self.defaultPageSize
    var engine: Engine?
    if let text = query["engine"] {
      engine = Engine(rawValue: String(text))
      guard engine?.isKnown == true else {
        throw LocalAPIError.badRequest("engine must be one of postgresql, mysql, redis")
      }
    }
    var status: DatabaseStatus?
    if let text = query["status"] {
      status = DatabaseStatus(rawValue: String(text))
      guard status?.isKnown == true else {
        throw LocalAPIError.badRequest(
          "status must be one of provisioning, ready, updating, error, deleting")
      }
    }
    let found = await store.list(
      workspace: try context.workspace, engine: engine, status: status,
      search: query["search"].map(String.init), page: page, limit: limit)
    return DatabasePage(
      data: found.items.map { DatabaseBody($0.0, status: $0.1, shape: .listItem) },
      meta: .init(
        total: found.total, page: page, limit: limit,
        totalPages: (found.total + limit - 1) / limit))
  }

  @Sendable func create(_ request: Request, context: LocalAPIRequestContext) async throws
    -> EditedResponse<DatabaseBody>
  {
    let fields = try await Self.object(request, context: context)
    let wanted = try DatabaseFieldRules.create(fields)
    let (record, status) = try await store.create(workspace: try context.workspace, wanted)
    return EditedResponse(
      status: .created, response: DatabaseBody(record, status: status, shape: .created))
  }

  @Sendable func get(_ request: Request, context: LocalAPIRequestContext) async throws
    -> DatabaseBody
  {
    let (record, status) = try await store.find(
      workspace: try context.workspace, id: try context.databaseID)
    return DatabaseBody(record, status: status, shape: .full)
  }

  @Sendable func update(_ request: Request, context: LocalAPIRequestContext) async throws
    -> DatabaseBody
  {
    let workspace = try context.workspace
    let id = try context.databaseID
    // A missing database is a 404 whatever the body says.
    _ = try await store.find(workspace: workspace, id: id)
    let fields = try await Self.object(request, context: context)
    let (record, status) = try await store.update(workspace: workspace, id: id, fields: fields)
    return DatabaseBody(record, status: status, shape: .updated)
  }

  @Sendable func delete(_ request: Request, context: LocalAPIRequestContext) async throws
    -> HTTPResponse.Status
  {
    try await store.delete(workspace: try context.workspace, id: try context.databaseID)
    return .noContent
  }

  @Sendable func replicaStatus(_ request: Request, context: LocalAPIRequestContext) async throws
    -> ReplicaStatusBody
  {
    let (_, status) = try await store.find(
      workspace: try context.workspace, id: try context.databaseID)
    return ReplicaStatusBody(status)
  }

  @Sendable func connection(_ request: Request, context: LocalAPIRequestContext) async throws
    -> ConnectionBody
  {
    let (record, _) = try await store.find(
      workspace: try context.workspace, id: try context.databaseID)
    return ConnectionBody(record)
  }

  // MARK: Helpers

  /// The body as a JSON object, field by field, so each field gets its own message.
  private static func object(_ request: Request, context: LocalAPIRequestContext) async throws
    -> [String: JSONValue]
  {
    var request = request
    let buffer = try await request.collectBody(upTo: context.maxUploadSize)
    guard
      let value = try? JSONDecoder().decode(JSONValue.self, from: Data(buffer.readableBytesView))
    else {
      throw LocalAPIError.badRequest("the body is not valid JSON")
    }
    guard case .object(let fields) = value else {
      throw LocalAPIError.badRequest("the body must be a JSON object")
    }
    return fields
  }

  private static func integer(_ text: Substring?, name: String, range: ClosedRange<Int>) throws
    -> Int?
  {
    guard let text else { return nil }
    guard let value = Int(text), range.contains(value) else {
      throw LocalAPIError.badRequest(
        "\(name) must be an integer from \(range.lowerBound) to \(range.upperBound)")
    }
    return value
  }

  private static func refuseOtherMethods(
    on path: RouterPath, allowed: [HTTPRequest.Method], group: RouterGroup<LocalAPIRequestContext>
  ) {
    let names = allowed.map(\.rawValue).joined(separator: ", ")
    for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete]
    where !allowed.contains(method) {
      group.on(path, method: method) { _, _ -> Response in
        throw LocalAPIError(
          .methodNotAllowed, "method_not_allowed", "allowed methods: \(names)",
          headers: [.allow: names])
      }
    }
  }
}

extension LocalAPIRequestContext {
  /// The `:workspace` of the path, percent-decoded.
  var workspace: String {
    get throws { try parameter("workspace") }
  }

  /// The `:id` of the path, percent-decoded.
  var databaseID: String {
    get throws { try parameter("id") }
  }

  private func parameter(_ name: String) throws -> String {
    let raw = try parameters.require(name)
    return raw.contains("%") ? (raw.removingPercentEncoding ?? raw) : raw
  }
}
