import Foundation
import Testing

@Suite(.timeLimit(.minutes(5))) struct CLIBasicsTests {
  @Test func versionPrintsAndExitsZero() async throws {
    let result = try await DooordbProcess.run(["--version"])
    #expect(result.exitCode == 0)
    #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
  }
}
