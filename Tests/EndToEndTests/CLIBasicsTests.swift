import Foundation
import Testing

@Suite struct CLIBasicsTests {
  @Test func versionPrintsAndExitsZero() throws {
    let result = try DooordbProcess.run(["--version"])
    #expect(result.exitCode == 0)
    #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
  }
}
