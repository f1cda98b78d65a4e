/// A database as the API reports it. Optional fields are the ones an answer may leave out
/// (the list endpoint has no `storageClass`); cpu and memory stay text as the API wrote them.
public struct RemoteDatabase: Sendable, Hashable {
  public var id: String
  public var slug: String
  public var name: String
  public var engine: Engine
  public var version: String?
  public var status: DatabaseStatus
  public var cpu: String?
  public var memory: String?
  public var storageGb: Int?
  public var storageClass: String?
  public var createdAt: String?
  public var updatedAt: String?
  /// Why the database is in its status, when the API says (the local API does for `error`:
  /// the engine's own words). Not in the API reference, so optional and not a managed field.
  public var statusMessage: String?

  public init(
    id: String, slug: String, name: String, engine: Engine, version: String? = nil,
    status: DatabaseStatus = .ready, cpu: String? = nil, memory: String? = nil,
    storageGb: Int? = nil, storageClass: String? = nil, createdAt: String? = nil,
    updatedAt: String? = nil, statusMessage: String? = nil
  ) {
    self.id = id
    self.slug = slug
    self.name = name
    self.engine = engine
    self.version = version
    self.status = status
    self.cpu = cpu
    self.memory = memory
    self.storageGb = storageGb
    self.storageClass = storageClass
    self.createdAt = createdAt
    self.updatedAt = updatedAt
    self.statusMessage = statusMessage
  }
}
