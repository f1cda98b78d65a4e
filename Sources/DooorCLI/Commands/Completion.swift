import ArgumentParser

extension Dooordb {
  struct Completion: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "completion",
      abstract: "Print the shell completion script for bash, zsh or fish.",
      discussion: """
        The same script as `dooordb --generate-completion-script SHELL`.

        EXAMPLES:
          source <(dooordb completion bash)
          dooordb completion zsh > ~/.zfunctions/_dooordb
          dooordb completion fish > ~/.config/fish/completions/dooordb.fish
        """)

    @Argument(help: "bash, zsh or fish.")
    var shell: ShellArgument

    func run() {
      CommandOutput.standardOutputLine(Dooordb.completionScript(for: shell.shell))
    }
  }
}

/// A shell ArgumentParser writes completion scripts for.
struct ShellArgument: ExpressibleByArgument {
  var shell: CompletionShell

  init?(argument: String) {
    guard let shell = CompletionShell(rawValue: argument) else { return nil }
    self.shell = shell
  }

  static var allValueStrings: [String] { ["bash", "zsh", "fish"] }
  static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}
