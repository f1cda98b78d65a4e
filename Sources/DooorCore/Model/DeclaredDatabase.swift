/// A database as a manifest declares it, after validation: every value typed and checked,
/// every key remembered with the place it was written.
public struct DeclaredDatabase: Sendable, Hashable {
  public enum Presence: String, Sendable, Hashable {
    case present
    case absent
  }

  public var workspace: String
  public var slug: String
  public var name: String
  public var engine: Engine
  /// The scalar's literal text (`16`, `8.0`); nil means "the API's latest stable", never diffed.
  public var version: String?
  /// Nil means "not managed": never diffed, the API's default on create.
  public var cpu: Quantity?
  public var memory: Quantity?
  public var storageGb: Int?
  public var storageClass: String?
  public var dependsOn: [String]
  public var protect: Bool
  public var ignoreChanges: Set<DatabaseField>
  public var state: Presence
  /// Where the entry starts (its first key), for problems about the database as a whole.
  public var location: SourceLocation
  /// Where each key of the entry was written, by manifest key, to locate plan errors at a field.
  public var keyLocations: [String: SourceLocation]

  public init(
    workspace: String, slug: String, name: String, engine: Engine, version: String? = nil,
    cpu: Quantity? = nil, memory: Quantity? = nil, storageGb: Int? = nil,
    storageClass: String? = nil, dependsOn: [String] = [], protect: Bool = false,
    ignoreChanges: Set<DatabaseField> = [], state: Presence = .present,
    location: SourceLocation, keyLocations: [String: SourceLocation] = [:]
  ) {
    self.workspace = workspace
    self.slug = slug
    self.name = name
    self.engine = engine
    self.version = version
    self.cpu = cpu
    self.memory = memory
    self.storageGb = storageGb
    self.storageClass = storageClass
    self.dependsOn = dependsOn
    self.protect = protect
    self.ignoreChanges = ignoreChanges
    self.state = state
    self.location = location
    self.keyLocations = keyLocations
  }

  /// The place to blame for a problem with `key`: the key itself when written, else the entry.
  public func location(of key: String) -> SourceLocation {
    keyLocations[key] ?? location
  }
}
