import ArgumentParser
import DooorCore
import Foundation

/// `--policy PATH` (repeatable; env `DOOORDB_POLICY`, paths separated by `:`): the policy
/// files validate, plan, apply and drift check against (CONTRACT §8).
struct PolicySelection: ParsableArguments {
  @Option(
    name: .customLong("policy"),
    help: ArgumentHelp(
      "A policy file or folder of .yaml/.yml policy files (repeatable; default: $DOOORDB_POLICY, paths separated by ':').",
      valueName: "PATH"),
    completion: .file(extensions: ["yaml", "yml"]))
  var paths: [String] = []

  /// The flags' paths, else the variable's.
  var effectivePaths: [String] {
    if !paths.isEmpty { return paths }
    let variable = ProcessInfo.processInfo.environment["DOOORDB_POLICY"] ?? ""
    return variable.split(separator: ":").map(String.init).filter { !$0.isEmpty }
  }

  /// Reads and validates the policy files, offline; no path means no policy.
  func load() -> PolicyLoadResult {
    let paths = effectivePaths
    guard !paths.isEmpty else { return PolicyLoadResult() }
    let collected = ManifestFiles.collect(paths, skippingPolicyFiles: false)
    let result = PolicyLoader.load(
      collected.sources, environment: ProcessInfo.processInfo.environment)
    return PolicyLoadResult(
      policies: result.policies, diagnostics: result.diagnostics + collected.diagnostics)
  }
}
