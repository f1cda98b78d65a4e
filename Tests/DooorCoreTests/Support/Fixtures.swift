import DooorCore
import Foundation
import Testing

/// Reads manifest fixtures into `ManifestSource`s the way the command line would, naming each
/// file by its path relative to `base` so expected messages stay short and machine-independent.
enum Fixtures {
  static let manifests = TestPaths.fixtures.appendingPathComponent("manifests")

  static func sources(_ relativePath: String, under base: URL = manifests) -> [ManifestSource] {
    let root = base.appendingPathComponent(relativePath)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
      Issue.record("missing fixture \(root.path)")
      return []
    }
    let files: [String]
    if isDirectory.boolValue {
      let enumerator = FileManager.default.enumerator(atPath: root.path)
      let all = (enumerator?.allObjects as? [String]) ?? []
      // Hidden entries and policy files are skipped, as the CLI skips them (examples/ci/.github
      // holds workflows, examples/policies a policy file).
      files = all.filter { path in
        (path.hasSuffix(".yaml") || path.hasSuffix(".yml"))
          && !path.hasSuffix(".policy.yaml") && !path.hasSuffix(".policy.yml")
          && !path.split(separator: "/").contains { $0.hasPrefix(".") }
      }.sorted()
        .map { relativePath + "/" + $0 }
    } else {
      files = [relativePath]
    }
    return files.map { path in
      let text = (try? String(contentsOf: base.appendingPathComponent(path), encoding: .utf8)) ?? ""
      return ManifestSource(path: path, text: text)
    }
  }

  static func load(_ relativePath: String, environment: [String: String] = [:])
    -> ManifestLoadResult
  {
    ManifestLoader.load(sources(relativePath), environment: environment)
  }
}
