import Foundation
import Testing

/// apply's live progress on a real (pseudo-)terminal 50 columns wide: every live row fits, so
/// none wraps and the redraw never miscounts lines; done is green on a terminal, never with
/// NO_COLOR.
@Suite(.timeLimit(.minutes(3))) struct NarrowTerminalEndToEndTests {
  static let manifest = """
    workspace: production-shop
    databases:
      - slug: orders-primary-database-for-the-eu-region
        name: Orders
        engine: postgresql
      - slug: sessions-cache-for-the-eu-region
        name: Sessions
        engine: redis

    """

  static func apply(environment: [String: String] = [:]) async throws -> PseudoTerminal.Result {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write("shop.yaml", manifest)
    return try await PseudoTerminal.run(
      ["apply", "--local", "--auto-approve", "shop.yaml"], in: scratch.url, columns: 50,
      environment: environment)
  }

  /// The text of each terminal line as it was written, escapes removed.
  static func writtenLines(_ screen: String) -> [String] {
    let plain = screen.replacing(/\u{1B}\[[0-9;]*[A-Za-z]/, with: "")
    return plain.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
      .map(String.init)
  }

  @Test func everyLiveRowFitsInFiftyColumnsAndDoneIsGreen() async throws {
    let result = try await Self.apply()
    #expect(result.exitCode == 0, "\(result.stderr)")
    // Live rows are the indented "  create  WS/SLUG  STATE  TIME" lines.
    let liveRows = Self.writtenLines(result.screen).filter { $0.hasPrefix("  create  ") }
    #expect(!liveRows.isEmpty, "no live progress was drawn: \(result.screen)")
    for row in liveRows {
      #expect(row.count <= 49, "a live row wider than the terminal wraps: \(row)")
    }
    // A green span holding "done" (the plan's green "+ create" lines do not count).
    #expect(result.screen.contains(/\x{1B}\[32m[^\x{1B}]*done/), "done is not green")
  }

  @Test func noColourWithNoColor() async throws {
    let result = try await Self.apply(environment: ["NO_COLOR": "1"])
    #expect(result.exitCode == 0, "\(result.stderr)")
    #expect(!result.screen.contains("\u{1B}[32m"))
    #expect(!result.screen.contains("\u{1B}[31m"))
  }
}

/// Ctrl-C during a live apply leaves the screen clean: the notice is written between an erase
/// and a redraw of the live block, so when apply ends no live row is left on the screen.
@Suite(.timeLimit(.minutes(3))) struct InterruptedLiveProgressEndToEndTests {
  @Test func noLiveRowIsLeftOnTheScreenAfterCtrlC() async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    // Databases stay provisioning for a minute: Ctrl-C comes while their rows are drawn.
    let server = try LocalServerProcess(
      stateFile: scratch.file("state.json"), provisionDelay: "60s")
    defer { server.stop() }
    try scratch.write("shop.yaml", NarrowTerminalEndToEndTests.manifest)
    let terminal = try PseudoTerminal(
      ["apply", "--auto-approve", "shop.yaml"], in: scratch.url, columns: 80,
      environment: server.environment, stderrOnTerminal: true)
    #expect(
      await terminal.waitForScreen { $0.contains("provision") }, "\(terminal.screenSoFar)")
    terminal.send(SIGINT)
    let result = await terminal.wait()
    #expect(result.exitCode == 130, "\(result.screen)")
    var screen = VirtualScreen(width: 80)
    screen.feed(result.screen)
    let shown = screen.text
    #expect(shown.contains { $0.hasPrefix("Interrupt received") }, "\(shown)")
    #expect(!shown.contains { $0.hasPrefix("  create  ") }, "stale live rows: \(shown)")
  }
}
