import Foundation
import Testing

/// `apply --allow-destroy` on a terminal restates, right above its question, what the plan
/// destroys (slug, engine, size), and answering anything but `yes` changes nothing.
@Suite(.timeLimit(.minutes(3))) struct DestroyConfirmationEndToEndTests {
  @Test func theQuestionRestatesWhatIsDestroyed() async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write(
      "shop.yaml",
      "workspace: shop\ndatabases:\n  - {slug: orders, name: Orders, engine: postgresql, storageGb: 20}\n"
    )
    let created = try await DooordbProcess.run(
      ["apply", "--local", "--auto-approve", "shop.yaml"], in: scratch.url)
    try #require(created.exitCode == 0, "\(created.stderr)")
    try scratch.write(
      "shop.yaml",
      "workspace: shop\ndatabases:\n  - {slug: orders, name: Orders, engine: postgresql, state: absent}\n"
    )
    let terminal = try PseudoTerminal(
      ["apply", "--local", "--allow-destroy", "shop.yaml"], in: scratch.url, columns: 100,
      environment: ["NO_COLOR": "1"], stderrOnTerminal: true, stdinOnTerminal: true)
    #expect(await terminal.waitForScreen { $0.contains("Only 'yes' will be accepted") })
    terminal.type("no\n")
    let result = await terminal.wait()
    #expect(result.exitCode == 1)
    var screen = VirtualScreen(width: 100)
    screen.feed(result.screen)
    let shown = screen.text
    let question = try #require(shown.firstIndex { $0.hasPrefix("Do you want to apply") })
    #expect(
      Array(shown[(question - 3)..<question])
        == [
          "This destroys 1 database and all their data:",
          "  - delete shop/orders (postgresql 16, 20 GB)", "",
        ], "\(shown)")
    #expect(result.screen.contains("apply cancelled; nothing was changed"))
  }
}
