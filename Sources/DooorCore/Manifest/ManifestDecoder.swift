import Yams

/// Turns the composed YAML documents of one file into `ManifestDocument`s, collecting every
/// problem it finds (unknown keys, wrong types, missing keys, bad values) instead of stopping.
struct ManifestDecoder {
  /// The generic YAML readers, shared with the policy decoder; it holds every problem found.
  private var reader: YAMLNodeReader

  var diagnostics: [Diagnostic] { reader.diagnostics }
  var errorCount: Int { reader.errorCount }

  init(file: String, environment: [String: String], shadowedKeys: Set<YAMLDocuments.Position>) {
    reader = YAMLNodeReader(file: file, environment: environment, shadowedKeys: shadowedKeys)
  }

  /// Nil for an empty document (nothing but comments, or a bare `---`), which is ignored.
  mutating func decodeDocument(_ root: Node) -> ManifestDocument? {
    let rootValue = reader.value(of: root)
    if case .null = rootValue.kind { return nil }
    guard let fields = reader.mapping(rootValue, what: "a manifest document") else { return nil }
    var document = ManifestDocument(
      workspace: nil, workspaceLocation: rootValue.location, prune: nil, entries: [])
    let keys = reader.checkKeys(
      fields, allowed: ManifestSchema.documentKeys, required: ["workspace"],
      at: rootValue.location, what: "manifest document")
    if let node = keys["workspace"]?.value,
      let workspace = reader.requiredString(node, key: "workspace")
    {
      document.workspaceLocation = workspace.location
      if let problem = WorkspaceName.problem(with: workspace.text) {
        reader.error(at: workspace.location, "workspace \"\(workspace.text)\" \(problem)")
      } else {
        document.workspace = workspace.text
      }
    }
    if let node = keys["prune"]?.value, let prune = reader.bool(node, key: "prune") {
      document.prune = prune
    }
    if let node = keys["databases"]?.value {
      let list = reader.value(of: node)
      switch list.kind {
      case .null, .unexpandable: break
      case .sequence(let items):
        document.entries = items.compactMap { decodeEntry($0, workspace: document.workspace) }
      default:
        reader.error(
          at: list.location, "databases must be a list of databases, found \(list.found)")
      }
    }
    return document
  }

  private mutating func decodeEntry(_ node: Node, workspace: String?) -> DatabaseEntry? {
    let entryValue = reader.value(of: node)
    guard let fields = reader.mapping(entryValue, what: "each entry of databases") else {
      return nil
    }
    let errorsBefore = errorCount
    let keys = reader.checkKeys(
      fields, allowed: ManifestSchema.databaseKeys, required: ManifestSchema.requiredDatabaseKeys,
      at: entryValue.location, what: "database")
    var entry = DatabaseEntry(
      slug: nil, location: entryValue.location, slugLocation: entryValue.location, isAbsent: false,
      dependsOn: [], dependsOnLocation: nil, declared: nil)

    var slug: String?
    if let node = keys["slug"]?.value, let text = reader.requiredString(node, key: "slug") {
      entry.slugLocation = text.location
      if let problem = DNSLabel.problem(with: text.text) {
        reader.error(at: text.location, "slug \"\(text.text)\" \(problem)")
      } else {
        slug = text.text
        entry.slug = text.text
      }
    }
    let name = keys["name"].flatMap {
      bounded(
        reader.requiredString($0.value, key: "name"), key: "name",
        maximum: ManifestSchema.maximumNameLength)
    }
    let engine = keys["engine"].flatMap { decodeEngine($0.value) }
    let version = keys["version"].flatMap {
      bounded(
        reader.optionalString($0.value, key: "version"), key: "version",
        maximum: ManifestSchema.maximumVersionLength)
    }
    let cpu = keys["cpu"].flatMap { reader.quantity($0.value, key: "cpu") }
    let memory = keys["memory"].flatMap { reader.quantity($0.value, key: "memory") }
    let storage = keys["storageGb"].flatMap { storageGb($0.value) }
    let storageClass = keys["storageClass"].flatMap { decodeStorageClass($0.value) }
    if let dependsOn = keys["dependsOn"] {
      entry.dependsOnLocation = dependsOn.keyLocation
      entry.dependsOn = reader.stringList(dependsOn.value, key: "dependsOn", what: "slugs")
    }
    let protect = keys["protect"].flatMap { reader.bool($0.value, key: "protect")?.value } ?? false
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

  /// `text`, or nil with an error at it when it is longer than `maximum` characters.
  private mutating func bounded(_ text: YAMLValue?, key: String, maximum: Int) -> String? {
    guard let text else { return nil }
    guard text.text.count <= maximum else {
      reader.error(
        at: text.location,
        "\(key) is \(text.text.count) characters long; at most \(maximum) are allowed")
      return nil
    }
    return text.text
  }

  private mutating func decodeEngine(_ node: Node) -> Engine? {
    guard let text = reader.requiredString(node, key: "engine") else { return nil }
    let engine = Engine(rawValue: text.text)
    guard engine.isKnown else {
      let names = Engine.declarable.map(\.rawValue)
      reader.error(
        at: text.location,
        "unknown engine \"\(text.text)\"; expected one of \(names.joined(separator: ", "))"
          + Suggestion.hint(for: text.text, among: names))
      return nil
    }
    return engine
  }

  /// The API refuses a StorageClass name Kubernetes would refuse: say so before any apply.
  private mutating func decodeStorageClass(_ node: Node) -> String? {
    guard let text = reader.optionalString(node, key: "storageClass") else { return nil }
    if let problem = DNSSubdomain.problem(with: text.text) {
      reader.error(at: text.location, "storageClass \"\(text.text)\" \(problem)")
      return nil
    }
    return text.text
  }

  private mutating func decodeState(_ node: Node) -> DeclaredDatabase.Presence? {
    guard let text = reader.optionalString(node, key: "state") else { return nil }
    guard let state = DeclaredDatabase.Presence(rawValue: text.text) else {
      reader.error(at: text.location, "state must be present or absent, found \"\(text.text)\"")
      return nil
    }
    return state
  }

  private mutating func storageGb(_ node: Node) -> Int? {
    let scalar = reader.value(of: node)
    switch scalar.kind {
    case .null, .unexpandable: return nil
    case .integer:
      let range = ManifestSchema.storageRange
      guard let size = Int(scalar.text.drop { $0 == "+" }), range.contains(size) else {
        reader.error(
          at: scalar.location,
          "storageGb must be an integer in \(range.lowerBound)..\(range.upperBound), found \(scalar.text)"
        )
        return nil
      }
      return size
    default:
      reader.error(
        at: scalar.location, "storageGb must be an integer (gigabytes), found \(scalar.found)")
      return nil
    }
  }

  private mutating func ignoreChanges(_ node: Node) -> [DatabaseField] {
    var fields: [DatabaseField] = []
    for (name, location) in reader.stringList(node, key: "ignoreChanges", what: "field names") {
      let allowed = ManifestSchema.ignorableFields.map(\.rawValue)
      if name == DatabaseField.engine.rawValue {
        reader.error(
          at: location, "engine cannot be in ignoreChanges: an engine change always replaces")
      } else if let field = DatabaseField(rawValue: name) {
        fields.append(field)
      } else {
        reader.error(
          at: location,
          "unknown field \"\(name)\" in ignoreChanges; expected one of \(allowed.joined(separator: ", "))"
            + Suggestion.hint(for: name, among: allowed))
      }
    }
    return fields
  }

}
