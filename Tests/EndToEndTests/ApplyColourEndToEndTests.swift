import Foundation
import Testing

/// `apply --format json` shows its plan on stderr, so colour is decided by stderr being a
/// terminal, not stdout: a json report piped to a file keeps a coloured plan on the terminal,
/// and a terminal on stdout does not colour a plan going to a log file.
@Suite(.timeLimit(.minutes(2))) struct ApplyColourEndToEndTests {
  @Test func theJsonReportsPlanOnATerminalStderrIsColoured() async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write("acme.yaml", TestManifests.acmeOrders)
    // stderr on a pseudo-terminal (the screen), stdout on a pipe.
    let result = try await PseudoTerminal(
      ["apply", "--local", "--auto-approve", "--format", "json", "acme.yaml"], in: scratch.url,
      columns: 100, stderrOnTerminal: true, stdoutOnTerminal: false
    ).wait()
    #expect(result.exitCode == 0, "\(result.screen)")
    #expect(result.screen.contains("\u{1B}[32m+ create\u{1B}[0m"), "\(result.screen)")
    #expect(!result.stdout.contains("\u{1B}"), "the json report is never coloured")
    #expect(result.stdout.contains("\"formatVersion\""))
  }
}
