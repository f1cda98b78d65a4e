import ArgumentParser
import DooorLocalAPI
import Foundation

extension Dooordb.Local {
  struct Reset: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "reset",
      abstract: "Stop every local database server, then delete all their data and the local state.",
      discussion: """
        Asks for "yes" on a terminal; without one it refuses unless --yes.

        EXAMPLES:
          dooordb local reset
          dooordb local reset --yes
        """)

    @Option(help: "The state file of the local API.")
    var state: String = APIOptions.localStatePath

    @Flag(help: "Delete without asking.")
    var yes = false

    func run() async throws {
      let stateFile = URL(fileURLWithPath: state)
      let folder = stateFile.deletingLastPathComponent().relativePathForDisplay
      if !yes {
        guard isatty(STDIN_FILENO) == 1 else {
          throw CommandFailure(
            "local reset deletes every local database and its data; pass --yes to do it without a terminal"
          )
        }
        CommandOutput.standardError(
          "Delete every local database, its data in \(folder)/engines and the state \(state)? Type yes: "
        )
        guard readLine()?.trimmingCharacters(in: .whitespaces) == "yes" else {
          throw CommandFailure("nothing was deleted")
        }
      }
      let lock = try LocalStateOwnership.take(stateFile, doing: "reset")
      defer { lock.release() }
      let forgotten = try await LocalEngineAdministration.reset(stateFile: stateFile)
      CommandOutput.standardOutput(
        "Deleted \(forgotten) local database\(forgotten == 1 ? "" : "s") and their data.\n")
    }
  }
}
