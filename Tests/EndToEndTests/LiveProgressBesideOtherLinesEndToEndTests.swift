import Foundation
import Testing

/// Lines that other parts of dooordb print while live progress is drawn (`--verbose`'s request
/// log, the local API's notices) go between an erase and a redraw of the live block: none is
/// erased by the next redraw, and no stale live row is left when apply ends.
@Suite(.timeLimit(.minutes(3))) struct LiveProgressBesideOtherLinesEndToEndTests {
  @Test func verboseLinesDuringLiveProgressLeaveNoStaleRows() async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    // Databases provision for a while, so requests are logged while their rows are drawn.
    let server = try LocalServerProcess(
      stateFile: scratch.file("state.json"), provisionDelay: "2s")
    defer { server.stop() }
    try scratch.write("shop.yaml", NarrowTerminalEndToEndTests.manifest)
    let terminal = try PseudoTerminal(
      ["apply", "--auto-approve", "--verbose", "shop.yaml"], in: scratch.url, columns: 120,
      environment: server.environment, stderrOnTerminal: true)
    let result = await terminal.wait()
    #expect(result.exitCode == 0, "\(result.screen)")
    var screen = VirtualScreen(width: 120)
    screen.feed(result.screen)
    let shown = screen.text
    #expect(!shown.contains { $0.hasPrefix("  create  ") }, "stale live rows: \(shown)")
    // Every request logged is still on the screen: none was drawn over.
    let logged = result.screen.components(separatedBy: "http: ").count - 1
    #expect(logged > 3)
    #expect(shown.count { $0.hasPrefix("http: ") } == logged, "\(shown)")
  }
}
