/// The body of `POST /workspaces/{ws}/databases`; nil fields are left out so the API's
/// defaults apply. The client encodes it; the local API's field rules produce it.
public struct CreateDatabaseRequest: Sendable, Hashable, Encodable {
  public var name: String
  public var slug: String
  public var engine: Engine
  public var version: String?
  public var cpu: String?
  public var memory: String?
  public var storageGb: Int?
  public var storageClass: String?

  public init(
    name: String, slug: String, engine: Engine, version: String? = nil, cpu: String? = nil,
    memory: String? = nil, storageGb: Int? = nil, storageClass: String? = nil
  ) {
    self.name = name
    self.slug = slug
    self.engine = engine
    self.version = version
    self.cpu = cpu
    self.memory = memory
    self.storageGb = storageGb
    self.storageClass = storageClass
  }
}

/// The body of `PATCH /workspaces/{ws}/databases/{id}`: only the fields that change (nil is
/// "not changed").
public struct UpdateDatabaseRequest: Sendable, Hashable, Encodable {
  public var name: String?
  public var cpu: String?
  public var memory: String?
  public var storageGb: Int?

  public init(
    name: String? = nil, cpu: String? = nil, memory: String? = nil, storageGb: Int? = nil
  ) {
    self.name = name
    self.cpu = cpu
    self.memory = memory
    self.storageGb = storageGb
  }

  public var isEmpty: Bool { name == nil && cpu == nil && memory == nil && storageGb == nil }
}
