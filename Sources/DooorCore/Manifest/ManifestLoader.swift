/// Reads manifests into the desired state: the first stage of the pipeline.
///
/// Pure: the texts and the environment come in as values, the state and every problem in every
/// file come out (sorted by position), so one run reports all there is to fix.
public enum ManifestLoader {
  public static func load(_ sources: [ManifestSource], environment: [String: String])
    -> ManifestLoadResult
  {
    var diagnostics: [Diagnostic] = []
    var documents: [ManifestDocument] = []
    var everyFileRead = true
    for source in sources {
      let yaml = YAMLDocuments.compose(source)
      diagnostics += yaml.diagnostics
      everyFileRead = everyFileRead && yaml.isComplete
      var decoder = ManifestDecoder(
        file: source.path, environment: environment, shadowedKeys: yaml.shadowedKeys)
      for root in yaml.roots {
        if let document = decoder.decodeDocument(root) { documents.append(document) }
      }
      diagnostics += decoder.diagnostics
    }

    var workspaces: [String: WorkspaceDeclarations] = [:]
    for document in documents {
      guard let name = document.workspace else { continue }
      workspaces[name, default: WorkspaceDeclarations(name: name)].add(document)
    }
    var declared: [DeclaredWorkspace] = []
    for name in workspaces.keys.sorted() {
      let workspace = workspaces[name]!
      // A file that could not be read may declare the slugs others depend on: say nothing
      // about unknown slugs rather than something false.
      diagnostics += workspace.check(reportUnknownDependencies: everyFileRead)
      declared.append(workspace.declared)
    }
    return ManifestLoadResult(
      desired: DesiredState(workspaces: declared), diagnostics: diagnostics.map { $0.abbreviated() }
    )
  }
}
