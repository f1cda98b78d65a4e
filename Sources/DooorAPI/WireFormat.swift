import DooorCore

/// A database object as the API writes it. Decoding is tolerant on purpose: fields the API
/// adds are ignored, optional fields may be missing, and an engine or status this build does
/// not know is kept as text (the caller reports it) instead of failing the whole answer.
struct WireDatabase: Decodable {
  var id: String
  var slug: String
  var name: String
  var engine: String
  var version: String?
  var status: String
  var cpu: String?
  var memory: String?
  var storageGb: Int?
  var storageClass: String?
  var createdAt: String?
  var updatedAt: String?

  private enum CodingKeys: String, CodingKey {
    case id, slug, name, engine, version, status, cpu, memory, storageGb, storageClass
    case createdAt, updatedAt
  }

  init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    id = try container.decode(String.self, forKey: .id)
    slug = try container.decode(String.self, forKey: .slug)
    name = try container.decodeIfPresent(String.self, forKey: .name) ?? slug
    engine = try container.decode(String.self, forKey: .engine)
    status = try container.decodeIfPresent(String.self, forKey: .status) ?? "unknown"
    version = try container.decodeLenientText(forKey: .version)
    cpu = try container.decodeLenientText(forKey: .cpu)
    memory = try container.decodeLenientText(forKey: .memory)
    storageGb = try container.decodeIfPresent(Int.self, forKey: .storageGb)
    storageClass = try container.decodeIfPresent(String.self, forKey: .storageClass)
    createdAt = try container.decodeIfPresent(String.self, forKey: .createdAt)
    updatedAt = try container.decodeIfPresent(String.self, forKey: .updatedAt)
  }

  var remote: RemoteDatabase {
    RemoteDatabase(
      id: id, slug: slug, name: name, engine: Engine(rawValue: engine), version: version,
      status: DatabaseStatus(rawValue: status), cpu: cpu, memory: memory, storageGb: storageGb,
      storageClass: storageClass, createdAt: createdAt, updatedAt: updatedAt)
  }

  /// What a user should hear about values this build does not understand.
  var warnings: [String] {
    var warnings: [String] = []
    if !Engine(rawValue: engine).isKnown {
      warnings.append(
        "database \(slug) (\(id)) has an engine this dooordb does not know: \(engine)")
    }
    if !DatabaseStatus(rawValue: status).isKnown {
      warnings.append("database \(slug) (\(id)) has a status this dooordb does not know: \(status)")
    }
    return warnings
  }
}

/// One page of `GET /workspaces/{ws}/databases`.
struct WireDatabasePage: Decodable {
  struct Meta: Decodable {
    var total: Int?
    var page: Int?
    var limit: Int?
    var totalPages: Int?
  }

  var data: [WireDatabase]
  var meta: Meta?
}

/// `GET .../status`.
struct WireReplicaStatus: Decodable {
  var ready: Int
  var desired: Int
}

/// `GET .../connection`.
struct WireConnection: Decodable {
  var uri: String
  var username: String
  var password: String
  var host: String
  var port: Int
}

/// The error body every failing answer should carry: `{"error": {"code", "message"}}`.
struct WireErrorBody: Decodable {
  struct Detail: Decodable {
    var code: String?
    var message: String?
  }

  var error: Detail
}

/// The body of a create; nil fields are left out so the API's defaults apply.
struct WireCreateRequest: Encodable {
  var name: String
  var slug: String
  var engine: String
  var version: String?
  var cpu: String?
  var memory: String?
  var storageGb: Int?
  var storageClass: String?

  init(_ request: CreateDatabaseRequest) {
    name = request.name
    slug = request.slug
    engine = request.engine.rawValue
    version = request.version
    cpu = request.cpu
    memory = request.memory
    storageGb = request.storageGb
    storageClass = request.storageClass
  }
}

/// The body of an update: only the fields that change.
struct WireUpdateRequest: Encodable {
  var name: String?
  var cpu: String?
  var memory: String?
  var storageGb: Int?

  init(_ request: UpdateDatabaseRequest) {
    name = request.name
    cpu = request.cpu
    memory = request.memory
    storageGb = request.storageGb
  }
}

extension KeyedDecodingContainer {
  /// A text field an API might also write as a number (`"version": 16`, `"cpu": 1`).
  fileprivate func decodeLenientText(forKey key: Key) throws -> String? {
    if let text = try? decodeIfPresent(String.self, forKey: key) { return text }
    if let whole = try? decodeIfPresent(Int.self, forKey: key) { return String(whole) }
    if let number = try? decodeIfPresent(Double.self, forKey: key) { return String(number) }
    return nil
  }
}
