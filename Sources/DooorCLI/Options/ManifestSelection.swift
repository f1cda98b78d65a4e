import ArgumentParser
import DooorCore
import Foundation

/// The manifests a plan, apply, drift or graph run looks at: paths, and `--workspace` limits.
struct ManifestSelection: ParsableArguments {
  @Argument(
    help: "Manifest files or directories (default: the current directory).",
    completion: .file(extensions: ["yaml", "yml"]))
  var paths: [String] = []

  @Option(
    name: .customLong("workspace"),
    help: ArgumentHelp("Only this workspace (repeatable).", valueName: "WS"))
  var workspaces: [String] = []

  /// Loads and validates the manifests, keeping only the selected workspaces. A selected
  /// workspace that no manifest declares is an error: a typo must not look like "no changes".
  func load() async -> ManifestLoadResult {
    await load(workspacesNamed: { _ in })
  }

  /// `load`, telling `workspacesNamed` the workspaces each file declares as soon as it is read.
  func load(workspacesNamed: @escaping @Sendable ([String]) -> Void) async -> ManifestLoadResult {
    selected(
      await ManifestFiles.load(
        paths, environment: ProcessInfo.processInfo.environment, workspacesNamed: workspacesNamed))
  }

  private func selected(_ result: ManifestLoadResult) -> ManifestLoadResult {
    guard !workspaces.isEmpty else { return result }
    let selected = Set(workspaces)
    let missing = selected.subtracting(result.desired.workspaces.map(\.name)).sorted()
    let problems = missing.map {
      Diagnostic.error(at: nil, "--workspace \($0): no manifest declares this workspace")
    }
    return ManifestLoadResult(
      desired: result.desired.limited(to: selected), diagnostics: result.diagnostics + problems)
  }
}
