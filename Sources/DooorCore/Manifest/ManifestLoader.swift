/// Reads manifests into the desired state: the first stage of the pipeline.
///
/// Pure: the texts and the environment come in as values, the state and every problem in every
/// file come out (sorted by position), so one run reports all there is to fix.
public enum ManifestLoader {
  public static func load(_ sources: [ManifestSource], environment: [String: String])
    -> ManifestLoadResult
  {
    // One file after another: the command line reads them side by side (ManifestFiles), with
    // the one bounded-concurrency helper, through `read` and `combine`.
    combine(sources.map { read($0, environment: environment) })
  }

  /// The files' declarations checked together, in the order of `files`: `load` in two steps, for
  /// a caller that reads the files itself (and acts on each as it is read).
  public static func combine(_ files: [FileDeclarations]) -> ManifestLoadResult {
    var diagnostics = files.flatMap(\.diagnostics)
    let documents = files.flatMap(\.documents)
    let everyFileRead = files.allSatisfy(\.isComplete)

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
    diagnostics = DiagnosticLimit.capped(
      diagnostics, found: diagnostics.count, limit: maximumDiagnosticsInAll, where: "in all")
    return ManifestLoadResult(
      desired: DesiredState(workspaces: declared), diagnostics: diagnostics.map { $0.abbreviated() }
    )
  }

  /// What one file declares, checked on its own.
  public struct FileDeclarations: Sendable {
    var documents: [ManifestDocument]
    var diagnostics: [Diagnostic]
    var isComplete: Bool

    /// The valid workspace names the file declares.
    public var workspaceNames: [String] { Array(Set(documents.compactMap(\.workspace))).sorted() }
  }

  public static func read(_ source: ManifestSource, environment: [String: String])
    -> FileDeclarations
  {
    let yaml = YAMLDocuments.compose(source)
    var decoder = ManifestDecoder(
      file: source.path, environment: environment, shadowedKeys: yaml.shadowedKeys)
    let documents = yaml.roots.compactMap { decoder.decodeDocument($0) }
    let found = yaml.diagnostics.count + decoder.errorCount
    return FileDeclarations(
      documents: documents,
      diagnostics: DiagnosticLimit.capped(
        yaml.diagnostics + decoder.diagnostics, found: found,
        limit: maximumDiagnosticsPerFile, where: "in \(source.path)"),
      isComplete: yaml.isComplete)
  }

  /// The most problems reported for one file, and for one run: enough to fix a file by, while
  /// a file with a million unknown keys neither floods the terminal nor fills memory.
  public static let maximumDiagnosticsPerFile = 100
  public static let maximumDiagnosticsInAll = 1_000
}
