/// Reads policy files (CONTRACT §8) as the manifest loader reads manifests: pure, every
/// problem of every file at once, each at FILE:LINE:COL, before any API call.
public enum PolicyLoader {
  public static func load(_ sources: [ManifestSource], environment: [String: String])
    -> PolicyLoadResult
  {
    var policies: [Policy] = []
    var diagnostics: [Diagnostic] = []
    var names: [(name: String, location: SourceLocation)] = []
    for source in sources {
      let yaml = YAMLDocuments.compose(source)
      var decoder = PolicyDecoder(
        file: source.path, environment: environment, shadowedKeys: yaml.shadowedKeys)
      for root in yaml.roots { policies += decoder.decodeDocument(root) }
      diagnostics += yaml.diagnostics + decoder.diagnostics
      names += decoder.names
    }
    var firstPlace: [String: SourceLocation] = [:]
    for (name, location) in names {
      if let first = firstPlace[name] {
        diagnostics.append(
          .error(at: location, "policy name \"\(name)\" is used twice; first at \(first)"))
      } else {
        firstPlace[name] = location
      }
    }
    return PolicyLoadResult(policies: policies, diagnostics: diagnostics.map { $0.abbreviated() })
  }
}
