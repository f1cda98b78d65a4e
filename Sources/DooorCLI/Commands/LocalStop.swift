import ArgumentParser
import DooorLocalAPI
import Foundation

extension Dooordb.Local {
  struct Stop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "stop",
      abstract:
        "Stop every local database server and keep its data (the next --local run restarts them).",
      discussion: """
        EXAMPLES:
          dooordb local stop
        """)

    @Option(help: "The state file of the local API.")
    var state: String = APIOptions.localStatePath

    func run() async throws {
      let stateFile = URL(fileURLWithPath: state)
      let lock = try LocalStateOwnership.take(stateFile, doing: "stop its servers")
      defer { lock.release() }
      let stopped: Int
      do {
        stopped = try await LocalEngineAdministration.stopAll(stateFile: stateFile)
      } catch let error as LocalStateUnreadable {
        throw CommandFailure(error.description)
      }
      CommandOutput.standardOutput(
        "Stopped \(stopped) database server\(stopped == 1 ? "" : "s"); the data is kept in "
          + "\(stateFile.deletingLastPathComponent().relativePathForDisplay)/engines.\n")
    }
  }
}
