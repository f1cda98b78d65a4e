import DooorCore
import Foundation

/// The local Dooor API itself (CONTRACT §6): routing, validation, lifecycle, persistence and
/// fault injection, behind one `handle` function that any HTTP server can call.
public actor LocalAPIService {
  private var state: LocalAPIState
  private var indexByID: [String: Int] = [:]
  /// When the earliest delete in progress completes; nil when none is.
  private var nextPurgeAt: Date?
  private let options: LocalAPIOptions
  private var faultRandom: SeededRandom
  private var apiRequests = 0
  private var rateLimitedLeft = 0
  private let encoder = JSONEncoder()
  private var listItems = LocalListItemCache()
  private let writer: LocalStateWriter?
  /// Set when a request changed the state; `handle` writes it before answering.
  private var hasUnsavedChanges = false

  /// Loads the state file when there is one.
  public init(options: LocalAPIOptions) throws {
    self.options = options
    state = try options.stateFile.map(LocalStateFile.load) ?? LocalAPIState()
    faultRandom = SeededRandom(seed: options.faults.seed)
    indexByID = Self.index(state.databases)
    nextPurgeAt = Self.nextPurge(state.databases)
    writer = options.stateFile.map(LocalStateWriter.init(url:))
  }

  /// A copy of everything held, for tests and tools.
  public func snapshot() -> LocalAPIState { state }

  public func handle(_ request: LocalAPIRequest) async -> LocalAPIResponse {
    let prefix = "/api/v1"
    guard request.path == prefix || request.path.hasPrefix(prefix + "/") else {
      return failure(404, "not_found", "no such endpoint: \(request.path)")
    }
    guard isAuthorized(request.authorization) else {
      return failure(
        401, "unauthorized", "missing or invalid API key; send Authorization: Bearer dor_sk_...")
    }
    let segments = request.path.dropFirst(prefix.count).split(
      separator: "/", omittingEmptySubsequences: true
    ).map { Self.percentDecoded(String($0)) ?? String($0) }
    let endpoint = LocalAPIEndpoint.of(method: request.method, segments: segments)
    var cutsAnswer = false
    if options.faults.endpoints == nil || endpoint.map(options.faults.targets) == true {
      apiRequests += 1
      if let fault = injectedFault() { return fault }
      cutsAnswer = chance(options.faults.closeConnectionShare)
    }
    var response = route(request, segments: segments)
    if hasUnsavedChanges, let writer {
      hasUnsavedChanges = false
      do {
        try await writer.save(state)
      } catch {
        return failure(500, "internal_error", "the local API could not save its state: \(error)")
      }
    }
    // The request was carried out; only its answer is lost, as when a connection drops
    // on the way back: the case where a client must not blindly repeat a create.
    response.closesConnectionMidway = cutsAnswer
    return response
  }

  private func route(_ request: LocalAPIRequest, segments: [String]) -> LocalAPIResponse {
    let now = options.clock.now()
    purgeGone(at: now)
    guard segments.count >= 3, segments[0] == "workspaces", segments[2] == "databases" else {
      return failure(404, "not_found", "no such endpoint: \(request.path)")
    }
    let workspace = segments[1]
    switch (segments.count, segments.dropFirst(3).dropFirst().first) {
    case (3, _):
      switch request.method {
      case "GET": return list(workspace: workspace, query: request.query, now: now)
      case "POST": return create(workspace: workspace, body: request.body, now: now)
      default: return methodNotAllowed(["GET", "POST"])
      }
    case (4, _):
      let id = segments[3]
      switch request.method {
      case "GET": return get(workspace: workspace, id: id, now: now)
      case "PATCH": return update(workspace: workspace, id: id, body: request.body, now: now)
      case "DELETE": return delete(workspace: workspace, id: id, now: now)
      default: return methodNotAllowed(["GET", "PATCH", "DELETE"])
      }
    case (5, "status"):
      guard request.method == "GET" else { return methodNotAllowed(["GET"]) }
      return replicaStatus(workspace: workspace, id: segments[3], now: now)
    case (5, "connection"):
      guard request.method == "GET" else { return methodNotAllowed(["GET"]) }
      return connection(workspace: workspace, id: segments[3], now: now)
    default:
      return failure(404, "not_found", "no such endpoint: \(request.path)")
    }
  }

  // MARK: Endpoints

  private func list(workspace: String, query: String?, now: Date) -> LocalAPIResponse {
    let parameters: [String: String]
    switch parseQuery(query) {
    case .success(let parsed): parameters = parsed
    case .failure(let error): return error.response
    }
    var page = 1
    var limit = LocalAPIRules.defaultPageSize
    if let text = parameters["page"] {
      guard let value = Int(text), (1...LocalAPIRules.maxPage).contains(value) else {
        return failure(400, "bad_request", "page must be an integer from 1 to 1000000")
      }
      page = value
    }
    if let text = parameters["limit"] {
      guard let value = Int(text), (1...LocalAPIRules.maxPageSize).contains(value) else {
        return failure(400, "bad_request", "limit must be an integer from 1 to 100")
      }
      limit = value
    }
    let engine = parameters["engine"]
    if let engine, !LocalAPIRules.engines.contains(engine) {
      return failure(400, "bad_request", "engine must be one of postgresql, mysql, redis")
    }
    let status = parameters["status"]
    if let status, !LocalAPIRules.statuses.contains(status) {
      return failure(
        400, "bad_request", "status must be one of provisioning, ready, updating, error, deleting")
    }
    let search = parameters["search"]?.lowercased()

    // One pass that counts every match but builds answers only for the requested page:
    // a 10,000-database workspace is listed 100 times in a row by a full listing.
    let start = (page - 1) * limit
    let end = start + limit
    var total = 0
    var items: [[UInt8]] = []
    items.reserveCapacity(limit)
    for record in state.databases where record.workspace == workspace {
      guard let current = record.status(at: now) else { continue }
      if let engine, record.engine != engine { continue }
      if let status, current != status { continue }
      if let search, !search.isEmpty, !record.name.lowercased().contains(search),
        !record.slug.contains(search)
      {
        continue
      }
      if total >= start && total < end {
        items.append(listItems.json(for: record, status: current, encoder: encoder))
      }
      total += 1
    }
    let meta = LocalListMeta(
      total: total, page: page, limit: limit, totalPages: (total + limit - 1) / limit)
    // `{"data":[ITEM,...],"meta":META}`, from JSON the encoder wrote.
    var body = Array(#"{"data":["#.utf8)
    for (index, item) in items.enumerated() {
      if index > 0 { body.append(UInt8(ascii: ",")) }
      body += item
    }
    body += Array(#"],"meta":"#.utf8)
    body += Array((try? encoder.encode(meta)) ?? Data("{}".utf8))
    body.append(UInt8(ascii: "}"))
    return LocalAPIResponse(
      status: 200, headers: ["Content-Type": "application/json"], body: body)
  }

  private func create(workspace: String, body: [UInt8], now: Date) -> LocalAPIResponse {
    let fields: [String: JSONValue]
    switch parseObject(body) {
    case .success(let parsed): fields = parsed
    case .failure(let error): return error.response
    }
    var problems: [String] = []
    var typeProblems: [String] = []
    func text(_ key: String, required: Bool) -> String? {
      switch fields[key] {
      case .string(let value): return value
      case nil:
        if required { problems.append("\(key) is required") }
        return nil
      case let other?:
        typeProblems.append("\(key) must be a string, not \(other.typeName)")
        return nil
      }
    }
    let name = text("name", required: true)
    let slug = text("slug", required: true)
    let engine = text("engine", required: true)
    let version = text("version", required: false)
    let cpu = text("cpu", required: false)
    let memory = text("memory", required: false)
    let storageClass = text("storageClass", required: false)
    let storageGb = integer(fields["storageGb"], key: "storageGb", typeProblems: &typeProblems)
    guard typeProblems.isEmpty else {
      return failure(400, "bad_request", typeProblems.joined(separator: "; "))
    }
    if let name, name.trimmingCharacters(in: .whitespaces).isEmpty {
      problems.append("name must not be empty")
    }
    if let slug, !DNSLabel.isValid(slug) {
      problems.append(
        "slug \"\(slug)\" is not a DNS-1123 label (lower-case letters, digits and '-', "
          + "starting and ending with a letter or digit, at most 63 characters)")
    }
    if let engine, !LocalAPIRules.engines.contains(engine) {
      problems.append("engine \"\(engine)\" is not one of postgresql, mysql, redis")
    }
    if let engine, let version, LocalAPIRules.engines.contains(engine),
      !LocalAPIRules.isSupported(version: version, engine: engine)
    {
      let offered = LocalAPIRules.supportedMajors[engine, default: []].joined(separator: ", ")
      problems.append("version \"\(version)\" of \(engine) is not offered (offered: \(offered))")
    }
    if let cpu, let problem = LocalAPIRules.quantityProblem(cpu, field: "cpu") {
      problems.append(problem)
    }
    if let memory, let problem = LocalAPIRules.quantityProblem(memory, field: "memory") {
      problems.append(problem)
    }
    if let storageGb, !LocalAPIRules.storageRange.contains(storageGb) {
      problems.append("storageGb must be from 1 to 1024, not \(storageGb)")
    }
    if let storageClass, !DNSSubdomain.isValid(storageClass) {
      problems.append("storageClass \"\(storageClass)\" is not a valid StorageClass name")
    }
    guard problems.isEmpty, let name, let slug, let engine else {
      return failure(422, "validation_error", problems.joined(separator: "; "))
    }
    if let existing = state.databases.first(where: {
      $0.workspace == workspace && $0.slug == slug && $0.status(at: now) != nil
    }) {
      return failure(
        409, "conflict",
        "a database with slug \(slug) already exists in workspace \(workspace) (\(existing.id))")
    }

    let record = LocalDatabaseRecord(
      id: nextID(), workspace: workspace, slug: slug, name: name, engine: engine,
      version: version ?? LocalAPIRules.defaultVersions[engine]!,
      cpu: cpu ?? LocalAPIRules.defaultCPU, memory: memory ?? LocalAPIRules.defaultMemory,
      storageGb: storageGb ?? LocalAPIRules.defaultStorageGb,
      storageClass: storageClass ?? LocalAPIRules.defaultStorageClass, createdAt: now,
      updatedAt: now, transition: .init(kind: .provisioning, until: after(now)),
      failing: shouldFail(slug: slug), username: Self.username(engine: engine, slug: slug),
      password: Self.password(), databaseName: Self.databaseName(engine: engine, slug: slug))
    state.databases.append(record)
    indexByID[record.id] = state.databases.count - 1
    markChanged()
    return json(201, LocalDatabaseBody(record, status: record.status(at: now)!, shape: .created))
  }

  private func get(workspace: String, id: String, now: Date) -> LocalAPIResponse {
    guard let (record, status) = find(workspace: workspace, id: id, now: now) else {
      return notFound(workspace: workspace, id: id)
    }
    return json(200, LocalDatabaseBody(record, status: status, shape: .full))
  }

  private func update(workspace: String, id: String, body: [UInt8], now: Date)
    -> LocalAPIResponse
  {
    guard let (record, status) = find(workspace: workspace, id: id, now: now),
      let index = indexByID[record.id]
    else { return notFound(workspace: workspace, id: id) }
    let fields: [String: JSONValue]
    switch parseObject(body) {
    case .success(let parsed): fields = parsed
    case .failure(let error): return error.response
    }
    var typeProblems: [String] = []
    var problems: [String] = []
    func text(_ key: String) -> String? {
      switch fields[key] {
      case .string(let value): return value
      case nil: return nil
      case let other?:
        typeProblems.append("\(key) must be a string, not \(other.typeName)")
        return nil
      }
    }
    let name = text("name")
    let cpu = text("cpu")
    let memory = text("memory")
    let storageGb = integer(fields["storageGb"], key: "storageGb", typeProblems: &typeProblems)
    let immutable = [
      ("slug", record.slug), ("engine", record.engine), ("version", record.version),
      ("storageClass", record.storageClass),
    ]
    for (key, current) in immutable {
      if let value = fields[key], value != .null, value != .string(current) {
        problems.append("\(key) cannot be changed; delete the database and create it again")
      }
    }
    guard typeProblems.isEmpty else {
      return failure(400, "bad_request", typeProblems.joined(separator: "; "))
    }
    if let name, name.trimmingCharacters(in: .whitespaces).isEmpty {
      problems.append("name must not be empty")
    }
    if let cpu, let problem = LocalAPIRules.quantityProblem(cpu, field: "cpu") {
      problems.append(problem)
    }
    if let memory, let problem = LocalAPIRules.quantityProblem(memory, field: "memory") {
      problems.append(problem)
    }
    if let storageGb {
      if !LocalAPIRules.storageRange.contains(storageGb) {
        problems.append("storageGb must be from 1 to 1024, not \(storageGb)")
      } else if storageGb < record.storageGb {
        problems.append(
          "storageGb can only grow: \(record.storageGb) cannot become \(storageGb)")
      }
    }
    guard problems.isEmpty else {
      return failure(422, "validation_error", problems.joined(separator: "; "))
    }
    guard status == "ready" || status == "error" else {
      return failure(
        409, "conflict", "database \(record.slug) is \(status); wait until it is ready")
    }
    var changed = record
    if let name { changed.name = name }
    if let cpu { changed.cpu = cpu }
    if let memory { changed.memory = memory }
    if let storageGb { changed.storageGb = storageGb }
    if changed != record {
      changed.updatedAt = now
      changed.transition = .init(kind: .updating, until: after(now))
      state.databases[index] = changed
      markChanged()
    }
    return json(
      200, LocalDatabaseBody(changed, status: changed.status(at: now) ?? status, shape: .updated))
  }

  private func delete(workspace: String, id: String, now: Date) -> LocalAPIResponse {
    guard let (record, status) = find(workspace: workspace, id: id, now: now),
      let index = indexByID[record.id]
    else { return notFound(workspace: workspace, id: id) }
    if status != "deleting" {
      let until = after(now)
      state.databases[index].transition = .init(kind: .deleting, until: until)
      state.databases[index].updatedAt = now
      nextPurgeAt = min(nextPurgeAt ?? until, until)
      purgeGone(at: now)
      markChanged()
    }
    return LocalAPIResponse(status: 204)
  }

  private func replicaStatus(workspace: String, id: String, now: Date) -> LocalAPIResponse {
    guard let (_, status) = find(workspace: workspace, id: id, now: now) else {
      return notFound(workspace: workspace, id: id)
    }
    let body: LocalStatusBody
    switch status {
    case "ready": body = LocalStatusBody(ready: 1, desired: 1)
    // Being torn down: the replica still runs, none is wanted.
    case "deleting": body = LocalStatusBody(ready: 1, desired: 0)
    default: body = LocalStatusBody(ready: 0, desired: 1)
    }
    return json(200, body)
  }

  private func connection(workspace: String, id: String, now: Date) -> LocalAPIResponse {
    guard let (record, _) = find(workspace: workspace, id: id, now: now) else {
      return notFound(workspace: workspace, id: id)
    }
    let host = "\(record.slug).\(Self.hostLabel(workspace)).db.dooor.local"
    let port = LocalAPIRules.ports[record.engine] ?? 5432
    let scheme = record.engine == "postgresql" ? "postgresql" : record.engine
    let uri =
      "\(scheme)://\(record.username):\(record.password)@\(host):\(port)/\(record.databaseName)"
    return json(
      200,
      LocalConnectionBody(
        uri: uri, username: record.username, password: record.password, host: host, port: port))
  }

  // MARK: Faults

  private func injectedFault() -> LocalAPIResponse? {
    let faults = options.faults
    let retryAfter = ["Retry-After": String(faults.retryAfterSeconds)]
    if let every = faults.rateLimitEvery, every > 0, apiRequests % every == 0 {
      rateLimitedLeft = max(faults.rateLimitBurst, 1)
    }
    if rateLimitedLeft > 0 {
      rateLimitedLeft -= 1
      return failure(429, "rate_limited", "too many requests; retry later", headers: retryAfter)
    }
    if chance(faults.unavailableShare) {
      return failure(
        503, "unavailable", "the service is unavailable; retry later", headers: retryAfter)
    }
    if chance(faults.internalErrorShare) {
      return failure(500, "internal_error", "injected internal error")
    }
    if chance(faults.badGatewayShare) {
      let page = "<html><head><title>502 Bad Gateway</title></head><body>bad gateway</body></html>"
      return LocalAPIResponse(
        status: 502, headers: ["Content-Type": "text/html"], body: Array(page.utf8))
    }
    return nil
  }

  private func chance(_ share: Double) -> Bool {
    share > 0 && faultRandom.unit() < share
  }

  private func shouldFail(slug: String) -> Bool {
    if let pattern = options.faults.errorSlugPattern, let regex = try? Regex(pattern),
      slug.firstMatch(of: regex) != nil
    {
      return true
    }
    return chance(options.faults.errorDatabaseShare)
  }

  // MARK: Helpers

  private func isAuthorized(_ header: String?) -> Bool {
    guard let header, header.hasPrefix("Bearer ") else { return false }
    let key = header.dropFirst("Bearer ".count).trimmingCharacters(in: .whitespaces)
    if let expected = options.apiKey { return key == expected }
    return key.hasPrefix("dor_sk_") && key.count > "dor_sk_".count
  }

  private func find(workspace: String, id: String, now: Date) -> (LocalDatabaseRecord, String)? {
    guard let index = indexByID[id] else { return nil }
    let record = state.databases[index]
    guard record.workspace == workspace, let status = record.status(at: now) else { return nil }
    return (record, status)
  }

  private func purgeGone(at now: Date) {
    // Most requests have nothing to purge; skip the pass over every database then.
    guard let nextPurgeAt, nextPurgeAt <= now else { return }
    state.databases.removeAll { $0.status(at: now) == nil }
    listItems.keep(only: state.databases.map(\.id))
    self.nextPurgeAt = Self.nextPurge(state.databases)
    rebuildIndex()
    markChanged()
  }

  /// When the earliest delete in progress completes.
  private static func nextPurge(_ databases: [LocalDatabaseRecord]) -> Date? {
    databases.lazy.compactMap { $0.transition?.kind == .deleting ? $0.transition?.until : nil }
      .min()
  }

  private func rebuildIndex() {
    indexByID = Self.index(state.databases)
  }

  private static func index(_ databases: [LocalDatabaseRecord]) -> [String: Int] {
    Dictionary(databases.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
  }

  private func after(_ now: Date) -> Date {
    let delay = options.provisionDelay.components
    return now.addingTimeInterval(Double(delay.seconds) + Double(delay.attoseconds) / 1e18)
  }

  /// Marks the state for writing before the answer goes out; `handle` writes it and answers
  /// a failed write with a 500.
  private func markChanged() {
    hasUnsavedChanges = true
  }

  private func nextID() -> String {
    let sequence = state.nextSequence
    state.nextSequence += 1
    let counter = String(sequence, radix: 36)
    let padded = String(repeating: "0", count: max(0, 8 - counter.count)) + counter
    let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")
    let suffix = String((0..<6).map { _ in alphabet.randomElement()! })
    return "db_\(padded)\(suffix)"
  }

  private func integer(_ value: JSONValue?, key: String, typeProblems: inout [String]) -> Int? {
    switch value {
    case nil: return nil
    case .number(let number)?:
      guard number.rounded() == number, abs(number) < 1e15 else {
        typeProblems.append("\(key) must be an integer")
        return nil
      }
      return Int(number)
    case let other?:
      typeProblems.append("\(key) must be an integer, not \(other.typeName)")
      return nil
    }
  }

  private func parseObject(_ body: [UInt8]) -> Result<[String: JSONValue], ErrorResponse> {
    guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(body)) else {
      return .failure(ErrorResponse(failure(400, "bad_request", "the body is not valid JSON")))
    }
    guard case .object(let fields) = value else {
      return .failure(
        ErrorResponse(failure(400, "bad_request", "the body must be a JSON object")))
    }
    return .success(fields)
  }

  private func parseQuery(_ query: String?) -> Result<[String: String], ErrorResponse> {
    var parameters: [String: String] = [:]
    for pair in (query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let rawKey = String(parts[0]).replacingOccurrences(of: "+", with: " ")
      let rawValue =
        parts.count > 1 ? String(parts[1]).replacingOccurrences(of: "+", with: " ") : ""
      guard let key = Self.percentDecoded(rawKey), let value = Self.percentDecoded(rawValue)
      else {
        return .failure(
          ErrorResponse(failure(400, "bad_request", "the query string is not valid")))
      }
      parameters[key] = value
    }
    return .success(parameters)
  }

  /// Foundation's percent-decoding is slow on Linux, and most path segments and query values
  /// have nothing to decode.
  private static func percentDecoded(_ text: String) -> String? {
    text.utf8.contains(UInt8(ascii: "%")) ? text.removingPercentEncoding : text
  }

  private func json(_ status: Int, _ body: some Encodable) -> LocalAPIResponse {
    let data = (try? encoder.encode(body)) ?? Data()
    return LocalAPIResponse(
      status: status, headers: ["Content-Type": "application/json"], body: Array(data))
  }

  private func failure(
    _ status: Int, _ code: String, _ message: String, headers: [String: String] = [:]
  ) -> LocalAPIResponse {
    var response = json(status, LocalErrorBody(error: .init(code: code, message: message)))
    response.headers.merge(headers) { _, new in new }
    return response
  }

  private func notFound(workspace: String, id: String) -> LocalAPIResponse {
    failure(404, "not_found", "no database \(id) in workspace \(workspace)")
  }

  private func methodNotAllowed(_ allowed: [String]) -> LocalAPIResponse {
    failure(
      405, "method_not_allowed", "allowed methods: \(allowed.joined(separator: ", "))",
      headers: ["Allow": allowed.joined(separator: ", ")])
  }

  // MARK: Credentials

  private static func username(engine: String, slug: String) -> String {
    engine == "redis"
      ? "default" : "u_" + String(slug.replacingOccurrences(of: "-", with: "_").prefix(28))
  }

  private static func databaseName(engine: String, slug: String) -> String {
    engine == "redis" ? "0" : slug.replacingOccurrences(of: "-", with: "_")
  }

  private static func password() -> String {
    let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
    return String((0..<24).map { _ in alphabet.randomElement()! })
  }

  private static func hostLabel(_ workspace: String) -> String {
    let label = workspace.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }
    return String(label.prefix(63))
  }
}

/// An error answer carried through `Result`.
struct ErrorResponse: Error {
  var response: LocalAPIResponse
  init(_ response: LocalAPIResponse) { self.response = response }
}
