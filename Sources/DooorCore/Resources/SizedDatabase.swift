/// A database's kind and size as policies and the resource delta see it, before or after a
/// plan: every value known, the API's default standing in for what was not declared or not
/// reported (and recorded in `defaulted`, so the output can say so).
public struct SizedDatabase: Sendable, Hashable {
  public var reference: DatabaseReference
  public var engine: Engine
  /// Nil only for an engine this build does not know and the API did not report a version for.
  public var version: String?
  public var cpu: Quantity
  public var memory: Quantity
  public var storageGb: Int
  /// Fields whose value is the API's default rather than declared or reported.
  public var defaulted: Set<DatabaseField>
  /// The declaration when a manifest (or the saved plan's change) declares the database: where
  /// to point a violation, and what `require` checks.
  public var declared: DeclaredDatabase?
  /// Whether a manifest declares this database present: what the per-database rules look at.
  /// True with `declared` nil for an unchanged database of a saved plan, which records only
  /// the declarations of the databases it changes; such a database is checked by its live
  /// values.
  public var isManaged: Bool

  public var amounts: ResourceAmounts {
    ResourceAmounts(cpu: cpu, memory: memory, storageGb: storageGb)
  }

  /// Whether a resource figure (cpu, memory, storage) is the API's default.
  public var countsDefaults: Bool {
    defaulted.contains(.cpu) || defaulted.contains(.memory) || defaulted.contains(.storageGb)
  }

  /// A database as the API reports it; a field the answer leaves out, or that is not a
  /// quantity, counts at the API's default.
  init(remote: RemoteDatabase, reference: DatabaseReference, quantities: inout QuantityCache) {
    var defaulted: Set<DatabaseField> = []
    func quantity(_ text: String?, _ field: DatabaseField, _ fallback: Quantity) -> Quantity {
      if let text, let value = quantities.quantity(text), value.isPositive { return value }
      defaulted.insert(field)
      return fallback
    }
    self.reference = reference
    engine = remote.engine
    version = remote.version ?? APIDefaults.version(of: remote.engine)
    if remote.version == nil { defaulted.insert(.version) }
    cpu = quantity(remote.cpu, .cpu, APIDefaults.cpu)
    memory = quantity(remote.memory, .memory, APIDefaults.memory)
    storageGb = remote.storageGb ?? APIDefaults.storageGb
    if remote.storageGb == nil { defaulted.insert(.storageGb) }
    self.defaulted = defaulted
    declared = nil
    isManaged = false
  }

  /// A database as a create makes it from its declaration, defaults for what is omitted.
  init(created declared: DeclaredDatabase, reference: DatabaseReference) {
    var defaulted: Set<DatabaseField> = []
    if declared.version == nil { defaulted.insert(.version) }
    if declared.cpu == nil { defaulted.insert(.cpu) }
    if declared.memory == nil { defaulted.insert(.memory) }
    if declared.storageGb == nil { defaulted.insert(.storageGb) }
    self.reference = reference
    engine = declared.engine
    version = declared.version ?? APIDefaults.version(of: declared.engine)
    cpu = declared.cpu ?? APIDefaults.cpu
    memory = declared.memory ?? APIDefaults.memory
    storageGb = declared.storageGb ?? APIDefaults.storageGb
    self.defaulted = defaulted
    self.declared = declared
    isManaged = true
  }

  /// This database after an update sets `fields` (the declared values, as text).
  func updated(with fields: [FieldChange], declared: DeclaredDatabase?) -> SizedDatabase {
    var result = self
    for change in fields {
      guard let after = change.after else { continue }
      switch change.field {
      case .cpu:
        if let value = try? Quantity(parsing: after) {
          result.cpu = value
          result.defaulted.remove(.cpu)
        }
      case .memory:
        if let value = try? Quantity(parsing: after) {
          result.memory = value
          result.defaulted.remove(.memory)
        }
      case .storageGb:
        if let value = Int(after) {
          result.storageGb = value
          result.defaulted.remove(.storageGb)
        }
      case .name, .engine, .version, .storageClass: break
      }
    }
    if let declared {
      result.declared = declared
      result.isManaged = true
    }
    return result
  }
}
