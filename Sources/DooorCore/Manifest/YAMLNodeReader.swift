import Yams

/// Reads typed values out of composed YAML nodes for the manifest and policy decoders, and
/// collects every problem it meets (with its position) instead of stopping at the first.
struct YAMLNodeReader {
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

  mutating func quantity(_ node: Node, key: String) -> Quantity? {
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

  /// The node's value with `${VAR}` expanded (errors reported at the scalar).
  mutating func value(of node: Node) -> YAMLValue {
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

  mutating func mapping(_ value: YAMLValue, what: String) -> Node.Mapping? {
    guard case .mapping(let pairs) = value.kind else {
      error(at: value.location, "\(what) must be a mapping, found \(value.found)")
      return nil
    }
    return pairs
  }

  /// The mapping's keys by name, with where each key was written. Reports non-string keys,
  /// unknown keys (with a suggestion) and missing required keys. `<<` merge keys are applied,
  /// keys written in the mapping itself winning over merged ones.
  mutating func checkKeys(
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
  mutating func requiredString(_ node: Node, key: String) -> YAMLValue? {
    string(value(of: node), key: key)
  }

  mutating func string(_ scalar: YAMLValue, key: String) -> YAMLValue? {
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
  mutating func optionalString(_ node: Node, key: String) -> YAMLValue? {
    let scalar = value(of: node)
    if case .null = scalar.kind { return nil }
    return string(scalar, key: key)
  }

  mutating func bool(_ node: Node, key: String) -> (value: Bool, location: SourceLocation)? {
    let scalar = value(of: node)
    switch scalar.kind {
    case .bool(let flag): return (flag, scalar.location)
    case .null, .unexpandable: return nil
    default:
      error(at: scalar.location, "\(key) must be true or false, found \(scalar.found)")
      return nil
    }
  }

  mutating func stringList(_ node: Node, key: String, what: String)
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

  mutating func error(at location: SourceLocation, _ message: String) {
    errorCount += 1
    guard !isFull else { return }
    diagnostics.append(.error(at: location, message))
  }
}
