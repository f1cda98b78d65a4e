import Foundation
import Testing

/// `apply --allow-destroy` on a terminal restates, right above its question, what the plan
/// destroys (slug, engine, size), and answering anything but `yes` changes nothing.
@Suite(.timeLimit(.minutes(3))) struct DestroyConfirmationEndToEndTests {
  @Test func theQuestionRestatesWhatIsDestroyed() async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try await Self.createThenDeclareAbsent(in: scratch)
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
    try #require(question >= 3, "\(shown)")
    #expect(
      Array(shown[(question - 3)..<question])
        == [
          "This destroys 1 database and its data:",
          "  - delete shop/orders (postgresql 16, 20 GB)", "",
        ], "\(shown)")
    #expect(result.screen.contains("apply cancelled; nothing was changed"))
    let listed = try await DooordbProcess.run(
      ["list", "--local", "--workspace", "shop", "--format", "json"], in: scratch.url)
    // Still there: "no" changed nothing.
    #expect(listed.exitCode == 0 && listed.stdout.contains("\"orders\""), "\(listed.stdout)")
  }

  @Test func withJSONTheQuestionIsAskedWhereThePlanIsShownNotInTheReport() async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try await Self.createThenDeclareAbsent(in: scratch)
    // stdout, holding the json report, is a file; the plan and the question go to the terminal.
    let terminal = try PseudoTerminal(
      ["apply", "--local", "--allow-destroy", "--format", "json", "shop.yaml"], in: scratch.url,
      columns: 100, environment: ["NO_COLOR": "1"], stderrOnTerminal: true,
      stdinOnTerminal: true, stdoutOnTerminal: false)
    #expect(await terminal.waitForScreen { $0.contains("Only 'yes' will be accepted") })
    terminal.type("no\n")
    let result = await terminal.wait()
    #expect(result.exitCode == 1)
    #expect(result.screen.contains("This destroys 1 database and its data:"))
    #expect(!result.stdout.contains("Do you want to apply"), "\(result.stdout)")
    #expect(!result.stdout.contains("This destroys"), "\(result.stdout)")
  }

  @Test func ctrlCAtTheQuestionCancelsAtOnce() async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write(
      "shop.yaml",
      "workspace: shop\ndatabases:\n  - {slug: orders, name: Orders, engine: postgresql}\n")
    let terminal = try PseudoTerminal(
      ["apply", "--local", "shop.yaml"], in: scratch.url, columns: 100,
      environment: ["NO_COLOR": "1"], stderrOnTerminal: true, stdinOnTerminal: true)
    #expect(await terminal.waitForScreen { $0.contains("Only 'yes' will be accepted") })
    // One Ctrl-C: nothing has started, so there is nothing to let finish.
    terminal.send(SIGINT)
    let result = await terminal.wait()
    #expect(result.exitCode == 130)
    #expect(result.screen.contains("Interrupt received: apply cancelled; nothing was changed."))
    #expect(!result.screen.contains("Press Ctrl-C again"))
  }

  /// shop/orders created, then declared `state: absent`: the next apply deletes it.
  static func createThenDeclareAbsent(in scratch: ScratchDirectory) async throws {
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
  }
}
