/// How a declared value compares with the remote one, field by field (CONTRACT §2).
enum FieldComparison {
  /// The outcome of comparing one managed field.
  enum Outcome: Equatable {
    case equal
    /// Differs; `before` is the remote text, `after` the declared one.
    case differs(before: String, after: String)
    /// The remote answer does not carry the field: nothing can be decided.
    case unknownRemotely
  }

  /// Whether the manifest manages `field` of an existing database: declared (not nil) and not
  /// in `ignoreChanges`. The engine is always managed: it is the database's kind.
  static func manages(_ field: DatabaseField, _ declared: DeclaredDatabase) -> Bool {
    switch field {
    case .engine: return true
    case .name: break
    case .version: if declared.version == nil { return false }
    case .cpu: if declared.cpu == nil { return false }
    case .memory: if declared.memory == nil { return false }
    case .storageGb: if declared.storageGb == nil { return false }
    case .storageClass: if declared.storageClass == nil { return false }
    }
    return declared.ignoreChanges.isEmpty || !declared.ignoreChanges.contains(field)
  }

  /// Whether the remote answer carries `field` (the list endpoint has no `storageClass`).
  static func carries(_ field: DatabaseField, _ remote: RemoteDatabase) -> Bool {
    switch field {
    case .name, .engine: true
    case .version: remote.version != nil
    case .cpu: remote.cpu != nil
    case .memory: remote.memory != nil
    case .storageGb: remote.storageGb != nil
    case .storageClass: remote.storageClass != nil
    }
  }

  /// Managed fields the remote answer left out (the list endpoint has no `storageClass`).
  static func missesManagedField(declared: DeclaredDatabase, remote: RemoteDatabase) -> Bool {
    DatabaseField.allCases.contains { manages($0, declared) && !carries($0, remote) }
  }

  /// The declared value of `field` as text, nil when omitted.
  static func declaredText(of field: DatabaseField, in declared: DeclaredDatabase) -> String? {
    switch field {
    case .name: declared.name
    case .engine: declared.engine.rawValue
    case .version: declared.version
    case .cpu: declared.cpu?.text
    case .memory: declared.memory?.text
    case .storageGb: declared.storageGb.map(String.init)
    case .storageClass: declared.storageClass
    }
  }

  /// The remote value of `field` as the API wrote it, nil when the answer left it out.
  static func remoteText(of field: DatabaseField, in remote: RemoteDatabase) -> String? {
    switch field {
    case .name: remote.name
    case .engine: remote.engine.rawValue
    case .version: remote.version
    case .cpu: remote.cpu
    case .memory: remote.memory
    case .storageGb: remote.storageGb.map(String.init)
    case .storageClass: remote.storageClass
    }
  }

  /// A declared version names a release line: `16` matches `16` and `16.4` but not `160`.
  static func versionMatches(declared: String, remote: String) -> Bool {
    let (wanted, actual) = (declared.utf8, remote.utf8)
    guard actual.starts(with: wanted) else { return false }
    let rest = actual.dropFirst(wanted.count)
    return rest.isEmpty || rest.first == UInt8(ascii: ".")
  }
}

extension FieldComparison {
  /// Compares one managed field of a database with its remote, as plan and drift both do.
  /// Typed values are compared first and texts built only for a field that differs: most
  /// databases of a large workspace are unchanged, and this runs for every one of them.
  /// A remote cpu or memory that is not a quantity differs from any declared value.
  static func compare(
    _ field: DatabaseField, declared: DeclaredDatabase, remote: RemoteDatabase,
    quantities: inout QuantityCache
  ) -> Outcome {
    let equal: Bool
    switch field {
    case .name: equal = remote.name == declared.name
    case .engine: equal = remote.engine == declared.engine
    case .version:
      guard let actual = remote.version else { return .unknownRemotely }
      equal = versionMatches(declared: declared.version ?? "", remote: actual)
    case .cpu, .memory:
      guard let actual = field == .cpu ? remote.cpu : remote.memory else {
        return .unknownRemotely
      }
      let wanted = field == .cpu ? declared.cpu : declared.memory
      if actual == wanted?.text {
        equal = true  // the same text is the same value; spares parsing
      } else if let quantity = quantities.quantity(actual) {
        equal = quantity == wanted
      } else {
        equal = false
      }
    case .storageGb:
      guard let actual = remote.storageGb else { return .unknownRemotely }
      equal = actual == declared.storageGb
    case .storageClass:
      guard let actual = remote.storageClass else { return .unknownRemotely }
      equal = actual == declared.storageClass
    }
    if equal { return .equal }
    return .differs(
      before: remoteText(of: field, in: remote) ?? "",
      after: declaredText(of: field, in: declared) ?? "")
  }
}

/// Parses the remote quantity texts of a run once each: a listing repeats the same few
/// values (`250m`, `512Mi`) thousands of times.
struct QuantityCache {
  private var parsed: [String: Quantity?] = [:]

  /// The quantity `text` denotes, nil when it is not a Kubernetes quantity.
  mutating func quantity(_ text: String) -> Quantity? {
    if let known = parsed[text] { return known }
    let value = try? Quantity(parsing: text)
    parsed[text] = value
    return value
  }
}
