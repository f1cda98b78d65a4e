import Foundation
import Testing

/// The bash completion script is valid bash and offers what a user tabs for: the values of
/// `list --engine` and `--status`, and the shells of `completion` (types that are not
/// `CaseIterable` offer nothing unless they say so).
@Suite(.timeLimit(.minutes(2))) struct BashCompletionTests {
  @Test(arguments: [
    (["list", "--engine"], "postgresql mysql redis"),
    (["completion"], "bash zsh fish"),
  ])
  func offersTheValues(_ words: [String], _ expected: String) async throws {
    let script = try await DooordbProcess.run(["completion", "bash"])
    try #require(script.exitCode == 0)
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write("dooordb.bash", script.stdout)
    // What bash does on TAB after `dooordb WORDS `: the words so far, an empty current word.
    let line = (["dooordb"] + words + ["\"\""]).joined(separator: " ")
    let probe = """
      source dooordb.bash || exit 3
      COMP_WORDS=(\(line)); COMP_CWORD=\(words.count + 1)
      _dooordb dooordb "" \(words.last ?? "dooordb")
      echo "${COMPREPLY[*]}"
      """
    let offered = try await BashScript.run(["-c", probe], in: scratch.url)
    #expect(offered.status == 0, "\(offered.output)")
    #expect(offered.output.trimmingCharacters(in: .whitespacesAndNewlines) == expected)
  }
}
