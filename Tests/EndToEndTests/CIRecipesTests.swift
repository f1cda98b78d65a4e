import Foundation
import Testing
import Yams

/// The CI recipes in examples/ci cannot drift from the CLI: every `dooordb` command line in
/// their `run:` and `script:` blocks runs, with its flags, against a local API.
@Suite(.timeLimit(.minutes(5))) struct CIRecipesTests {
  static let recipesDirectory = DooordbProcess.repositoryRoot.appendingPathComponent("examples/ci")

  /// Every workflow file under examples/ci, hidden ones (.gitlab-ci.yml) included.
  static func workflowFiles() throws -> [URL] {
    let enumerator = FileManager.default.enumerator(
      at: recipesDirectory, includingPropertiesForKeys: nil)
    var files: [URL] = []
    while let url = enumerator?.nextObject() as? URL {
      if ["yml", "yaml"].contains(url.pathExtension) { files.append(url) }
    }
    return files.sorted { $0.path < $1.path }
  }

  /// The shell text of every `run:` (GitHub) and `script:`/`before_script:` (GitLab) block.
  static func shellBlocks(in node: Node) -> [String] {
    switch node {
    case .mapping(let mapping):
      return mapping.flatMap { key, value -> [String] in
        if ["run", "script", "before_script", "after_script"].contains(key.string ?? "") {
          if let text = value.string { return [text] }
          if let items = value.sequence { return items.compactMap(\.string) }
        }
        return shellBlocks(in: value)
      }
    case .sequence(let sequence):
      return sequence.flatMap(shellBlocks)
    default:
      return []
    }
  }

  /// The `dooordb` commands of a shell block as argument lists, without the shell's
  /// redirections, pipes and what follows them.
  /// Blocks that build dooordb (`swift build ... --product dooordb`) run no dooordb command;
  /// `"${policy[@]}"` is the policy folder the recipes pass when one exists.
  static func dooordbCommands(in block: String) -> [[String]] {
    guard !block.contains("swift build") else { return [] }
    let joined = block.replacingOccurrences(of: "\\\n", with: " ")
    return joined.split(separator: "\n").compactMap { line -> [String]? in
      let words = shellWords(String(line))
      guard let start = words.firstIndex(of: "dooordb") else { return nil }
      let stops: Set<String> = [">", ">>", "2>", "2>&1", "|", "||", "&&", ";", ";;", "<"]
      let command = words[(start + 1)...].prefix { !stops.contains($0) && !$0.hasPrefix(">") }
      return command.flatMap { $0 == "${policy[@]}" ? ["--policy", "policies"] : [$0] }
    }
  }

  /// Splits a line into words the way a shell would for plain commands: quotes group,
  /// a `#` at the start of a word begins a comment.
  static func shellWords(_ line: String) -> [String] {
    var words: [String] = []
    var current = ""
    var inWord = false
    var quote: Character?
    for character in line {
      if let open = quote {
        if character == open { quote = nil } else { current.append(character) }
        continue
      }
      switch character {
      case "'", "\"":
        quote = character
        inWord = true
      case " ", "\t":
        if inWord { words.append(current) }
        current = ""
        inWord = false
      case "#" where !inWord:
        return words
      default:
        current.append(character)
        inWord = true
      }
    }
    if inWord { words.append(current) }
    return words
  }

  @Test func recipesAreFoundAndParsed() throws {
    let files = try Self.workflowFiles()
    #expect(files.map(\.lastPathComponent).contains(".gitlab-ci.yml"))
    #expect(files.count >= 3)
    for file in files {
      let node = try Yams.compose(yaml: String(contentsOf: file, encoding: .utf8))
      let commands = Self.shellBlocks(in: try #require(node)).flatMap(Self.dooordbCommands)
      #expect(!commands.isEmpty, "\(file.lastPathComponent) runs no dooordb command")
    }
  }

  @Test func everyRecipePinsThisDooordbsVersion() async throws {
    // `dooordb 0.1.0 (commit …, built …)`: the recipes build the tag of that version.
    let printed = try await DooordbProcess.run(["--version"]).stdout
    let version = try #require(printed.split(separator: " ").dropFirst().first)
    for file in try Self.workflowFiles() {
      let node = try #require(try Yams.compose(yaml: String(contentsOf: file, encoding: .utf8)))
      let pinned =
        node["env"]?["DOOORDB_VERSION"]?.string ?? node["variables"]?["DOOORDB_VERSION"]?.string
      #expect(pinned == "v\(version)", "\(file.lastPathComponent) pins \(pinned ?? "no version")")
    }
  }

  @Test func everyDooordbCommandInTheRecipesRuns() async throws {
    let server = try await DriftTestServer.start()
    let directory = try DooordbProcess.temporaryDirectory("ci-recipes")
    defer { try? FileManager.default.removeItem(at: directory) }
    try FileManager.default.copyItem(
      at: DooordbProcess.repositoryRoot.appendingPathComponent("examples/basic"),
      to: directory.appendingPathComponent("manifests"))
    try FileManager.default.copyItem(
      at: DooordbProcess.repositoryRoot.appendingPathComponent("examples/policies"),
      to: directory.appendingPathComponent("policies"))
    var ran: [String] = []
    do {
      for file in try Self.workflowFiles() {
        let node = try Yams.compose(yaml: String(contentsOf: file, encoding: .utf8))
        for arguments in Self.shellBlocks(in: try #require(node)).flatMap(Self.dooordbCommands) {
          let result = try await DooordbProcess.runDetached(
            arguments, in: directory, environment: server.environment)
          let shown = "\(file.lastPathComponent): dooordb \(arguments.joined(separator: " "))"
          #expect(
            [0, 2].contains(result.exitCode),
            "\(shown) exited \(result.exitCode): \(result.stderr)")
          ran.append(shown)
        }
      }
    } catch {
      await server.stop()
      throw error
    }
    await server.stop()
    // Nothing declared exists on the fresh server: at least drift must have found that.
    #expect(ran.contains { $0.contains("dooordb drift") })
    #expect(ran.contains { $0.contains("dooordb plan") })
    #expect(server.mutatingRequests == 0, "the recipes only read: \(ran)")
  }

  @Test func commandExtractionDropsRedirectionsAndKeepsFlags() {
    #expect(
      Self.dooordbCommands(in: "set +e\ndooordb drift manifests --format markdown > drift.md\n")
        == [["drift", "manifests", "--format", "markdown"]])
    #expect(
      Self.dooordbCommands(in: "dooordb plan a \\\n  --format 'json' | tee x # note")
        == [["plan", "a", "--format", "json"]])
    #expect(Self.dooordbCommands(in: "echo hi\n# dooordb drift in a comment").isEmpty)
    #expect(
      Self.dooordbCommands(in: #"dooordb plan m "${policy[@]}" --no-color"#)
        == [["plan", "m", "--policy", "policies", "--no-color"]])
    #expect(Self.dooordbCommands(in: "swift build --product dooordb").isEmpty)
  }
}
