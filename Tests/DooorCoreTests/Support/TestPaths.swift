import DooorTestSupport
import Foundation
import Testing

/// Where the tests find their data: in the repository (fixtures, golden files) and beside it
/// (`../shared/testdata`, the Kubernetes conformance vectors), located from this file.
enum TestPaths {
  static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static let testsDirectory = repositoryRoot.appendingPathComponent("Tests/DooorCoreTests")
  static let fixtures = testsDirectory.appendingPathComponent("Fixtures")
  static let golden = testsDirectory.appendingPathComponent("Golden")
  static let sharedTestdata = repositoryRoot.deletingLastPathComponent()
    .appendingPathComponent("shared/testdata")

  /// Decodes a file of `../shared/testdata`, recording a clear issue (with the path looked at)
  /// when it is missing, so a missing checkout fails instead of passing vacuously.
  static func sharedVectors<T: Decodable>(
    _ name: String, as type: T.Type, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) -> T? {
    let url = sharedTestdata.appendingPathComponent(name)
    guard let data = FileManager.default.contents(atPath: url.path) else {
      Issue.record(
        "missing test vectors: \(url.standardizedFileURL.path) (the shared/ checkout must sit beside the repository)",
        sourceLocation: sourceLocation)
      return nil
    }
    do {
      return try JSONDecoder().decode(T.self, from: data)
    } catch {
      Issue.record("cannot read \(url.path): \(error)", sourceLocation: sourceLocation)
      return nil
    }
  }
}

/// The shared golden helper, named here so this target's files need not import it to use the
/// `check(_:against:)` below.
typealias Golden = DooorTestSupport.Golden

extension Golden {
  /// `check` against this target's `Golden/` folder, where most of its golden files live.
  static func check(
    _ actual: String, against name: String,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    check(actual, at: TestPaths.golden, against: name, sourceLocation: sourceLocation)
  }
}
