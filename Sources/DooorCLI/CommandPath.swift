import ArgumentParser
import DooorCore

/// The commands a command line names, as far as they are known, and the first word that should
/// have named a subcommand but does not.
struct CommandPath {
  /// `["dooordb", "local", "serve"]`.
  var names: [String]
  /// `unknown command 'plna' for 'dooordb'; did you mean 'plan'?`, when a word is not one.
  var unknownSubcommand: String?

  init(_ arguments: [String]) {
    (names, unknownSubcommand) = Self.walk(arguments)
  }

  private static func walk(_ arguments: [String]) -> ([String], String?) {
    var command: any ParsableCommand.Type = Dooordb.self
    var names = ["dooordb"]
    // A group (dooordb, local) takes no positional arguments: the word right after it names
    // a subcommand. A flag there (`--generate-completion-script bash`, `--stat x`) ends the
    // walk: what follows may be its value, and the parser's own message says what is wrong.
    for argument in arguments {
      let subcommands = command.configuration.subcommands
      if subcommands.isEmpty || argument == "help" || argument.hasPrefix("-") { break }
      if let next = subcommands.first(where: { $0._commandName == argument }) {
        command = next
        names.append(argument)
        continue
      }
      let known = subcommands.map { $0._commandName }
      var message = "unknown command '\(argument)' for '\(names.joined(separator: " "))'"
      if let match = Suggestion.closest(to: argument, among: known) {
        message += "; did you mean '\(match)'?"
      } else {
        message += " (commands: \(known.joined(separator: ", ")))"
      }
      return (names, message)
    }
    return (names, nil)
  }
}
