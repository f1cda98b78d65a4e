import Yams

/// Turns the composed YAML documents of one file into `ManifestDocument`s, collecting every
/// problem it finds (unknown keys, wrong types, missing keys, bad values) instead of stopping.
struct ManifestDecoder {
  let file: String
  let environment: [String: String]
  let shadowedKeys: Set<YAMLDocuments.Position>
  private(set) var diagnostics: [Diagnostic] = []
  /// Every error found, those beyond `ManifestLoader.maximumDiagnosticsPerFile` included: they
  /// are counted, not kept, so a file with a million unknown keys costs no million messages.
  private(set) var errorCount = 0
  private var isFull: Bool { diagnostics.count >= ManifestLoader.maximumDiagnosticsPerFile }
  /// A file usually repeats a few cpu and memory values on every database: parse each once.
  private var parsedQuantities: [String: Quantity] = [:]

  init(file: String, environment: [String: String], shadowedKeys: Set<YAMLDocuments.Position>) {
    self.file = file
    self.environment = environment
    self.shadowedKeys = shadowedKeys
  }

  /// Nil for an empty document (nothing but comments, or a bare `---`), which is ignored.
  mutating func decodeDocument(_ root: Node) -> ManifestDocument? {
    let rootValue = value(of: root)
    if case .null = rootValue.kind { return nil }
    guard let fields = mapping(rootValue, what: "a manifest document") else { return nil }
    var document = ManifestDocument(
      workspace: nil, workspaceLocation: rootValue.location, prune: nil, entries: [])
    let keys = checkKeys(
      fields, allowed: ManifestSchema.documentKeys, required: ["workspace"],
      at: rootValue.location, what: "manifest document")
    if let node = keys["workspace"]?.value, let workspace = requiredString(node, key: "workspace") {
      document.workspaceLocation = workspace.location
      if let problem = WorkspaceName.problem(with: workspace.text) {
        error(at: workspace.location, "workspace \"\(workspace.text)\" \(problem)")
      } else {
        document.workspace = workspace.text
      }
    }
    if let node = keys["prune"]?.value, let prune = bool(node, key: "prune") {
      document.prune = prune
    }
    if let node = keys["databases"]?.value {
      let list = value(of: node)
      switch list.kind {
      case .null, .unexpandable: break
      case .sequence(let items):
        document.entries = items.compactMap { decodeEntry($0, workspace: document.workspace) }
      default:
        error(at: list.location, "databases must be a list of databases, found \(list.found)")
      }
    }
    return document
  }

  private mutating func decodeEntry(_ node: Node, workspace: String?) -> DatabaseEntry? {
    let entryValue = value(of: node)
    guard let fields = mapping(entryValue, what: "each entry of databases") else { return nil }
    let errorsBefore = errorCount
    let keys = checkKeys(
      fields, allowed: ManifestSchema.databaseKeys, required: ManifestSchema.requiredDatabaseKeys,
      at: entryValue.location, what: "database")
    var entry = DatabaseEntry(
      slug: nil, location: entryValue.location, slugLocation: entryValue.location, isAbsent: false,
      dependsOn: [], dependsOnLocation: nil, declared: nil)

    var slug: String?
    if let node = keys["slug"]?.value, let text = requiredString(node, key: "slug") {
      entry.slugLocation = text.location
      if let problem = DNSLabel.problem(with: text.text) {
        error(at: text.location, "slug \"\(text.text)\" \(problem)")
      } else {
        slug = text.text
        entry.slug = text.text
      }
    }
    var name: String?
    if let node = keys["name"]?.value, let text = requiredString(node, key: "name") {
      if text.text.count > ManifestSchema.maximumNameLength {
        error(
          at: text.location,
          "name is \(text.text.count) characters long; at most"
            + " \(ManifestSchema.maximumNameLength) are allowed")
      } else {
        name = text.text
      }
    }
    let engine = keys["engine"].flatMap { decodeEngine($0.value) }
    let version = keys["version"].flatMap { optionalString($0.value, key: "version")?.text }
    let cpu = keys["cpu"].flatMap { quantity($0.value, key: "cpu") }
    let memory = keys["memory"].flatMap { quantity($0.value, key: "memory") }
    let storage = keys["storageGb"].flatMap { storageGb($0.value) }
    let storageClass = keys["storageClass"].flatMap { decodeStorageClass($0.value) }
    if let dependsOn = keys["dependsOn"] {
      entry.dependsOnLocation = dependsOn.keyLocation
      entry.dependsOn = stringList(dependsOn.value, key: "dependsOn", what: "slugs")
    }
    let protect = keys["protect"].flatMap { bool($0.value, key: "protect")?.value } ?? false
    let ignored = keys["ignoreChanges"].map { ignoreChanges($0.value) } ?? []
    if let node = keys["state"]?.value, let state = decodeState(node) {
      entry.isAbsent = state == .absent
    }

    guard errorCount == errorsBefore, let workspace, let slug, let name, let engine else {
      return entry
    }
    entry.declared = DeclaredDatabase(
      workspace: workspace, slug: slug, name: name, engine: engine, version: version,
      cpu: cpu, memory: memory, storageGb: storage, storageClass: storageClass,
      dependsOn: entry.dependsOn.map(\.slug), protect: protect, ignoreChanges: Set(ignored),
      state: entry.isAbsent ? .absent : .present, location: entryValue.location,
      keyLocations: keys.locations)
    return entry
  }

  // MARK: - Field values

  private mutating func decodeEngine(_ node: Node) -> Engine? {
    guard let text = requiredString(node, key: "engine") else { return nil }
    let engine = Engine(rawValue: text.text)
    guard engine.isKnown else {
      let names = Engine.declarable.map(\.rawValue)
      error(
        at: text.location,
        "unknown engine \"\(text.text)\"; expected one of \(names.joined(separator: ", "))"
          + Suggestion.hint(for: text.text, among: names))
      return nil
    }
    return engine
  }

  /// The API refuses a StorageClass name Kubernetes would refuse: say so before any apply.
  private mutating func decodeStorageClass(_ node: Node) -> String? {
    guard let text = optionalString(node, key: "storageClass") else { return nil }
    if let problem = DNSSubdomain.problem(with: text.text) {
      error(at: text.location, "storageClass \"\(text.text)\" \(problem)")
      return nil
    }
    return text.text
  }

  private mutating func decodeState(_ node: Node) -> DeclaredDatabase.Presence? {
    guard let text = optionalString(node, key: "state") else { return nil }
    guard let state = DeclaredDatabase.Presence(rawValue: text.text) else {
      error(at: text.location, "state must be present or absent, found \"\(text.text)\"")
      return nil
    }
    return state
  }

  private mutating func quantity(_ node: Node, key: String) -> Quantity? {
    let scalar = value(of: node)
    switch scalar.kind {
    case .null, .unexpandable: return nil
    case .string, .integer: break
    default:
      error(at: scalar.location, "\(key) must be a Kubernetes quantity, found \(scalar.found)")
      return nil
    }
    if let known = parsedQuantities[scalar.text] { return known }
    do {
      let quantity = try Quantity(parsing: scalar.text)
      guard quantity.isPositive else {
        error(at: scalar.location, "\(key) must be a positive quantity, found \"\(scalar.text)\"")
        return nil
      }
      parsedQuantities[scalar.text] = quantity
      return quantity
    } catch {
      self.error(
        at: scalar.location,
        "\(key) \"\(scalar.text)\" is not a Kubernetes quantity (examples: 500m, 2, 1Gi, 512Mi)")
      return nil
    }
  }

  private mutating func storageGb(_ node: Node) -> Int? {
    let scalar = value(of: node)
    switch scalar.kind {
    case .null, .unexpandable: return nil
    case .integer:
      let range = ManifestSchema.storageRange
      guard let size = Int(scalar.text.drop { $0 == "+" }), range.contains(size) else {
        error(
          at: scalar.location,
          "storageGb must be an integer in \(range.lowerBound)..\(range.upperBound), found \(scalar.text)"
        )
        return nil
      }
      return size
    default:
      error(at: scalar.location, "storageGb must be an integer (gigabytes), found \(scalar.found)")
      return nil
    }
  }

  private mutating func ignoreChanges(_ node: Node) -> [DatabaseField] {
    var fields: [DatabaseField] = []
    for (name, location) in stringList(node, key: "ignoreChanges", what: "field names") {
      let allowed = ManifestSchema.ignorableFields.map(\.rawValue)
      if name == DatabaseField.engine.rawValue {
        error(at: location, "engine cannot be in ignoreChanges: an engine change always replaces")
      } else if let field = DatabaseField(rawValue: name) {
        fields.append(field)
      } else {
        error(
          at: location,
          "unknown field \"\(name)\" in ignoreChanges; expected one of \(allowed.joined(separator: ", "))"
            + Suggestion.hint(for: name, among: allowed))
      }
    }
    return fields
  }

  // MARK: - Generic readers

  /// The node's value with `${VAR}` expanded (errors reported at the scalar).
  private mutating func value(of node: Node) -> YAMLValue {
    let mark = node.mark
    let location = SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    guard case .scalar(let scalar) = node else {
      return YAMLValue.resolve(node, text: "", location: location)
    }
    switch Interpolation.expand(scalar.string, environment: environment) {
    case .success(let text):
      return YAMLValue.resolve(node, text: text, location: location)
    case .failure(let failure):
      error(at: location, failure.message)
      return YAMLValue(kind: .unexpandable, text: scalar.string, location: location)
    }
  }

  private mutating func mapping(_ value: YAMLValue, what: String) -> Node.Mapping? {
    guard case .mapping(let pairs) = value.kind else {
      error(at: value.location, "\(what) must be a mapping, found \(value.found)")
      return nil
    }
    return pairs
  }

  /// The mapping's keys by name, with where each key was written. Reports non-string keys,
  /// unknown keys (with a suggestion) and missing required keys. `<<` merge keys are applied,
  /// keys written in the mapping itself winning over merged ones.
  private mutating func checkKeys(
    _ pairs: Node.Mapping, allowed: [String], required: [String],
    at location: SourceLocation, what: String
  ) -> MappingKeys {
    var found = MappingKeys()
    var merged: [(key: Node, value: Node)] = []
    var mergeBudget = MergeKeys.budget
    var badMergeKeys: [Node] = []
    for (keyNode, valueNode) in pairs {
      guard case .scalar(let keyScalar) = keyNode else {
        let keyValue = value(of: keyNode)
        error(at: keyValue.location, "keys must be strings, found \(keyValue.kindName)")
        continue
      }
      let keyMark = keyNode.mark
      let keyLocation = SourceLocation(
        file: file, line: keyMark?.line ?? 1, column: keyMark?.column ?? 1)
      if !shadowedKeys.isEmpty,
        shadowedKeys.contains(.init(line: keyLocation.line, column: keyLocation.column))
      {
        continue
      }
      let key = keyScalar.string
      if MergeKeys.isMergeKey(keyNode) {
        guard
          let bases = MergeKeys.mappings(mergedBy: valueNode)
        else {
          error(at: keyLocation, "a merge key (<<) needs a mapping or a list of mappings")
          continue
        }
        for base in bases {
          merged += MergeKeys.pairs(of: base, budget: &mergeBudget, badMergeKeys: &badMergeKeys)
        }
        for bad in badMergeKeys {
          let mark = bad.mark
          error(
            at: SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1),
            "a merge key (<<) needs a mapping or a list of mappings")
        }
        badMergeKeys = []
        if mergeBudget < 0 {
          error(
            at: keyLocation,
            "merge keys (<<) here bring in more than \(MergeKeys.budget) keys; write them out")
          return found
        }
        continue
      }
      guard allowed.contains(key) else {
        unknownKey(key, at: keyLocation, in: what, allowed: allowed)
        continue
      }
      found.set(key, at: keyLocation, to: valueNode)
    }
    for (keyNode, valueNode) in merged {
      guard case .scalar(let keyScalar) = keyNode, found[keyScalar.string] == nil else { continue }
      let key = keyScalar.string
      let mark = keyNode.mark
      let keyLocation = SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
      guard allowed.contains(key) else {
        unknownKey(key, at: keyLocation, in: what, allowed: allowed)
        continue
      }
      found.set(key, at: keyLocation, to: valueNode)
    }
    for key in required where found[key] == nil {
      error(at: location, "\(what) is missing required key \"\(key)\"")
    }
    return found
  }

  /// A scalar's text for a string field: numbers and booleans count by their literal text
  /// (`version: 16` is "16"), null is a missing value.
  private mutating func requiredString(_ node: Node, key: String) -> YAMLValue? {
    string(value(of: node), key: key)
  }

  private mutating func string(_ scalar: YAMLValue, key: String) -> YAMLValue? {
    switch scalar.kind {
    case .string, .integer, .bool:
      guard !scalar.text.isEmpty else {
        error(at: scalar.location, "\(key) must not be empty")
        return nil
      }
      return scalar
    case .null:
      error(at: scalar.location, "\(key) needs a value")
      return nil
    case .unexpandable:
      return nil
    default:
      error(at: scalar.location, "\(key) must be a string, found \(scalar.kindName)")
      return nil
    }
  }

  /// Like `requiredString`, but null means the key was left out.
  private mutating func optionalString(_ node: Node, key: String) -> YAMLValue? {
    let scalar = value(of: node)
    if case .null = scalar.kind { return nil }
    return string(scalar, key: key)
  }

  private mutating func bool(_ node: Node, key: String) -> (value: Bool, location: SourceLocation)?
  {
    let scalar = value(of: node)
    switch scalar.kind {
    case .bool(let flag): return (flag, scalar.location)
    case .null, .unexpandable: return nil
    default:
      error(at: scalar.location, "\(key) must be true or false, found \(scalar.found)")
      return nil
    }
  }

  private mutating func stringList(_ node: Node, key: String, what: String)
    -> [(slug: String, location: SourceLocation)]
  {
    let list = value(of: node)
    guard case .sequence(let items) = list.kind else {
      if case .null = list.kind { return [] }
      if case .unexpandable = list.kind { return [] }
      error(at: list.location, "\(key) must be a list of \(what), found \(list.found)")
      return []
    }
    var result: [(slug: String, location: SourceLocation)] = []
    var seen: Set<String> = []
    for item in items {
      guard let text = requiredString(item, key: "each entry of \(key)") else { continue }
      guard seen.insert(text.text).inserted else {
        error(at: text.location, "\"\(text.text)\" is listed twice in \(key)")
        continue
      }
      result.append((text.text, text.location))
    }
    return result
  }

  /// Counted only, once the file's diagnostics are full: a suggestion costs an edit distance
  /// to every allowed key.
  private mutating func unknownKey(
    _ key: String, at location: SourceLocation, in what: String, allowed: [String]
  ) {
    guard !isFull else {
      errorCount += 1
      return
    }
    error(
      at: location,
      "unknown key \"\(key)\" in \(what)" + Suggestion.hint(for: key, among: allowed))
  }

  private mutating func error(at location: SourceLocation, _ message: String) {
    errorCount += 1
    guard !isFull else { return }
    diagnostics.append(.error(at: location, message))
  }
}
