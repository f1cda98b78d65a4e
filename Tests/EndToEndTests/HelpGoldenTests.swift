import DooorTestSupport
import Foundation
import Testing

/// The help of every command and the three completion scripts, compared with committed files
/// under `Golden/help/` and `Golden/completion/`. `RECORD_GOLDEN=1` rewrites them (and fails).
@Suite(.timeLimit(.minutes(5))) struct HelpGoldenTests {
  static let directory = DooordbProcess.repositoryRoot.appendingPathComponent(
    "Tests/EndToEndTests/Golden")

  /// Every command, as the words that name it.
  static let commands: [[String]] = [
    [], ["plan"], ["apply"], ["drift"], ["validate"], ["export"], ["graph"], ["list"], ["get"],
    ["connection"], ["local"], ["local", "serve"], ["local", "status"], ["local", "stop"],
    ["local", "reset"], ["reconcile"], ["completion"],
  ]

  @Test(arguments: commands)
  func helpOfEachCommand(_ command: [String]) async throws {
    let result = try await DooordbProcess.run(
      command + ["--help"], environment: ["COLUMNS": "100"])
    #expect(result.exitCode == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty, "\(result.stderr)")
    let name = (["dooordb"] + command).joined(separator: "-")
    Golden.check(result.stdout, at: Self.directory, against: "help/\(name).txt")
    if !command.isEmpty {
      #expect(result.stdout.contains("EXAMPLES:"), "\(name) has no examples")
    }
  }

  @Test func helpCommandPrintsTheSameAsTheFlag() async throws {
    let flag = try await DooordbProcess.run(["plan", "--help"], environment: ["COLUMNS": "100"])
    let command = try await DooordbProcess.run(["help", "plan"], environment: ["COLUMNS": "100"])
    #expect(command.exitCode == 0)
    #expect(command.stdout == flag.stdout)
  }

  @Test(arguments: ["bash", "zsh", "fish"])
  func completionScript(_ shell: String) async throws {
    let result = try await DooordbProcess.run(["completion", shell])
    #expect(result.exitCode == 0, "\(result.stderr)")
    let generated = try await DooordbProcess.run(["--generate-completion-script", shell])
    #expect(result.stdout == generated.stdout, "differs from --generate-completion-script")
    Golden.check(result.stdout, at: Self.directory, against: "completion/dooordb.\(shell)")
  }
}
