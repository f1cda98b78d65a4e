import Yams

/// Turns the composed YAML documents of one policy file into `Policy` values, reporting every
/// problem (unknown keys with a suggestion, wrong types, bad globs, quantities, versions and
/// regular expressions) through the same reader the manifest decoder uses.
struct PolicyDecoder {
  private var reader: YAMLNodeReader

  var diagnostics: [Diagnostic] { reader.diagnostics }
  var errorCount: Int { reader.errorCount }
  /// Every policy name written, valid policy or not, for the check that names are unique.
  private(set) var names: [(name: String, location: SourceLocation)] = []

  init(file: String, environment: [String: String], shadowedKeys: Set<YAMLDocuments.Position>) {
    reader = YAMLNodeReader(file: file, environment: environment, shadowedKeys: shadowedKeys)
  }

  /// The valid policies of one document; an empty document declares none.
  mutating func decodeDocument(_ root: Node) -> [Policy] {
    let rootValue = reader.value(of: root)
    if case .null = rootValue.kind { return [] }
    guard let fields = reader.mapping(rootValue, what: "a policy file") else { return [] }
    let keys = reader.checkKeys(
      fields, allowed: PolicySchema.documentKeys, required: ["policies"],
      at: rootValue.location, what: "policy file")
    guard let node = keys["policies"]?.value else { return [] }
    let list = reader.value(of: node)
    switch list.kind {
    case .null, .unexpandable: return []
    case .sequence(let items): return items.compactMap { decodePolicy($0) }
    default:
      reader.error(at: list.location, "policies must be a list of policies, found \(list.found)")
      return []
    }
  }

  private mutating func decodePolicy(_ node: Node) -> Policy? {
    let entry = reader.value(of: node)
    guard let fields = reader.mapping(entry, what: "each entry of policies") else { return nil }
    let errorsBefore = errorCount
    let keys = reader.checkKeys(
      fields, allowed: PolicySchema.policyKeys, required: ["name"], at: entry.location,
      what: "policy")
    let name = keys["name"].flatMap { reader.requiredString($0.value, key: "name") }
    _ = keys["description"].flatMap { reader.optionalString($0.value, key: "description") }
    if let name { names.append((name.text, name.location)) }
    var policy = Policy(name: name?.text ?? "", location: name?.location ?? entry.location)
    if let node = keys["workspaces"]?.value {
      rejectEmptyList(
        node,
        "workspaces is an empty list, so the policy covers no workspace; omit the key to cover"
          + " every workspace")
      policy.workspaces = globs(node)
    }
    if let node = keys["enforcement"]?.value,
      let text = reader.optionalString(node, key: "enforcement")
    {
      if let enforcement = Policy.Enforcement(rawValue: text.text) {
        policy.enforcement = enforcement
      } else {
        let names = Policy.Enforcement.allCases.map(\.rawValue)
        reader.error(
          at: text.location,
          "enforcement must be mandatory or advisory, found \"\(text.text)\""
            + Suggestion.hint(for: text.text, among: names))
      }
    }
    if let node = keys["engines"]?.value {
      rejectEmptyList(
        node,
        "engines is an empty list, so every database would break the policy; list the allowed"
          + " engines, or omit the key to allow any")
      policy.engines = reader.stringList(node, key: "engines", what: "engines").compactMap {
        engine($0.slug, at: $0.location)
      }
    }
    if let node = keys["versions"]?.value { policy.versions = versions(node) }
    if let node = keys["max"]?.value { policy.max = limits(node, key: "max") }
    if let node = keys["totals"]?.value { policy.totals = limits(node, key: "totals") }
    if let node = keys["require"]?.value {
      policy.require = names(
        node, key: "require", what: "manifest keys", among: Policy.RequiredKey.allCases)
    }
    if let node = keys["forbid"]?.value {
      policy.forbid = names(node, key: "forbid", what: "plan actions", among: ChangeAction.allCases)
    }
    if let node = keys["maxDestroy"]?.value { policy.maxDestroy = count(node, key: "maxDestroy") }
    if let node = keys["slugPattern"]?.value,
      let text = reader.requiredString(node, key: "slugPattern")
    {
      if (try? Regex(text.text)) == nil {
        reader.error(
          at: text.location,
          "slugPattern \(DisplayText.quoted(text.text)) is not a valid regular expression")
      } else {
        policy.slugPattern = text.text
      }
    }
    guard errorCount == errorsBefore, name != nil else { return nil }
    return policy
  }

  // MARK: - Rule values

  private mutating func globs(_ node: Node) -> [WorkspaceGlob] {
    reader.stringList(node, key: "workspaces", what: "workspace globs").compactMap { item in
      switch WorkspaceGlob.parse(item.slug) {
      case .success(let glob): return glob
      case .failure(let problem):
        reader.error(at: item.location, "workspace glob \"\(item.slug)\" \(problem.message)")
        return nil
      }
    }
  }

  /// An explicit `[]` where a list says what a policy covers or allows: a policy that covers
  /// nothing or allows nothing is a mistake, not a rule anyone means.
  private mutating func rejectEmptyList(_ node: Node, _ message: String) {
    let value = reader.value(of: node)
    if case .sequence(let items) = value.kind, items.isEmpty {
      reader.error(at: value.location, message)
    }
  }

  private mutating func engine(_ text: String, at location: SourceLocation) -> Engine? {
    let engine = Engine(rawValue: text)
    guard engine.isKnown else {
      let names = Engine.declarable.map(\.rawValue)
      reader.error(
        at: location,
        "unknown engine \"\(text)\"; expected one of \(names.joined(separator: ", "))"
          + Suggestion.hint(for: text, among: names))
      return nil
    }
    return engine
  }

  /// `{postgresql: ">=15", redis: ["7", "7.2"]}`.
  private mutating func versions(_ node: Node) -> [Engine: VersionConstraint] {
    let map = reader.value(of: node)
    guard case .mapping(let pairs) = map.kind else {
      if case .null = map.kind { return [:] }
      reader.error(
        at: map.location, "versions must be a mapping of engine to versions, found \(map.found)")
      return [:]
    }
    let keys = reader.checkKeys(
      pairs, allowed: Engine.declarable.map(\.rawValue), required: [], at: map.location,
      what: "versions (keys are engines)")
    var result: [Engine: VersionConstraint] = [:]
    for engine in Engine.declarable {
      guard let entry = keys[engine.rawValue] else { continue }
      let value = reader.value(of: entry.value)
      if case .sequence(let items) = value.kind {
        if items.isEmpty {
          reader.error(
            at: value.location,
            "versions of \(engine) is an empty list, so every \(engine) database would break the"
              + " policy; list the allowed versions, or omit \(engine) to allow any")
        }
        var lines: [String] = []
        for item in items {
          guard let text = reader.requiredString(item, key: "each version of \(engine)") else {
            continue
          }
          if VersionConstraint.isVersion(text.text) {
            lines.append(text.text)
          } else {
            reader.error(
              at: text.location, "\(DisplayText.quoted(text.text)) is not a version (e.g. 16, 8.0)")
          }
        }
        if !lines.isEmpty { result[engine] = .oneOf(lines) }
      } else if let text = reader.requiredString(entry.value, key: "versions of \(engine)") {
        if let constraint = VersionConstraint(parsing: text.text) {
          result[engine] = constraint
        } else {
          reader.error(
            at: text.location,
            "versions of \(engine): \(DisplayText.quoted(text.text)) is not \">=N\", \"<=N\","
              + " \"N\" or a list of versions")
        }
      }
    }
    return result
  }

  /// `{cpu: "4", memory: 16Gi, storageGb: 500}`.
  private mutating func limits(_ node: Node, key: String) -> ResourceLimits {
    let map = reader.value(of: node)
    guard case .mapping(let pairs) = map.kind else {
      if case .null = map.kind { return ResourceLimits() }
      reader.error(at: map.location, "\(key) must be a mapping, found \(map.found)")
      return ResourceLimits()
    }
    let keys = reader.checkKeys(
      pairs, allowed: PolicySchema.limitKeys, required: [], at: map.location, what: key)
    var limits = ResourceLimits()
    limits.cpu = keys["cpu"].flatMap { reader.quantity($0.value, key: "\(key).cpu") }
    limits.memory = keys["memory"].flatMap { reader.quantity($0.value, key: "\(key).memory") }
    if let entry = keys["storageGb"], let size = count(entry.value, key: "\(key).storageGb") {
      if size < 1 {
        reader.error(at: entry.keyLocation, "\(key).storageGb must be at least 1, found \(size)")
      } else {
        limits.storageGb = size
      }
    }
    return limits
  }

  /// A list of known names (`require`, `forbid`), each unknown one reported with a suggestion.
  private mutating func names<Name: RawRepresentable & CaseIterable>(
    _ node: Node, key: String, what: String, among cases: Name.AllCases
  ) -> [Name] where Name.RawValue == String {
    let allowed = cases.map(\.rawValue)
    return reader.stringList(node, key: key, what: what).compactMap { item in
      if let name = Name(rawValue: item.slug) { return name }
      reader.error(
        at: item.location,
        "unknown \(key) entry \"\(item.slug)\"; expected one of \(allowed.joined(separator: ", "))"
          + Suggestion.hint(for: item.slug, among: allowed))
      return nil
    }
  }

  /// A whole number of at least 0.
  private mutating func count(_ node: Node, key: String) -> Int? {
    let scalar = reader.value(of: node)
    switch scalar.kind {
    case .null, .unexpandable: return nil
    case .integer:
      guard let number = Int(scalar.text.drop { $0 == "+" }), number >= 0 else {
        reader.error(
          at: scalar.location, "\(key) must be a whole number of at least 0, found \(scalar.text)")
        return nil
      }
      return number
    default:
      reader.error(at: scalar.location, "\(key) must be a whole number, found \(scalar.found)")
      return nil
    }
  }
}
