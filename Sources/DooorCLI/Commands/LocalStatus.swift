import ArgumentParser
import DooorCore
import DooorLocalAPI
import Foundation

extension Dooordb.Local {
  struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "status",
      abstract: "Show each local database: engine, version, mode, pid, port and health.",
      discussion: """
        EXAMPLES:
          dooordb local status
          dooordb local status --format json
        """)

    @Option(help: "The state file of the local API.")
    var state: String = APIOptions.localStatePath

    @Option(help: "text or json.")
    var format: TextOrJSONFormat = .text

    func run() async throws {
      let stateFile = URL(fileURLWithPath: state)
      let rows: [LocalEngineAdministration.Row]
      do {
        rows = try await LocalEngineAdministration.status(stateFile: stateFile)
      } catch let error as LocalStateUnreadable {
        throw CommandFailure(error.description)
      }
      switch format {
      case .json: CommandOutput.standardOutput(try Self.json(rows))
      case .text: CommandOutput.standardOutput(Self.table(rows, state: state))
      }
    }

    static func json(_ rows: [LocalEngineAdministration.Row]) throws -> String {
      struct Document: Encodable {
        var formatVersion = 1
        var databases: [LocalEngineAdministration.Row]
      }
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      return String(decoding: try encoder.encode(Document(databases: rows)), as: UTF8.self) + "\n"
    }

    static func table(_ rows: [LocalEngineAdministration.Row], state: String) -> String {
      guard !rows.isEmpty else { return "No local databases in \(state).\n" }
      let header = ["DATABASE", "ENGINE", "VERSION", "MODE", "STATUS", "PID", "PORT", "HEALTH"]
      let lines = rows.map { row in
        [
          DisplayText.visible("\(row.workspace)/\(row.slug)"), row.engine.rawValue,
          DisplayText.visible(row.version), row.mode.rawValue,
          DisplayText.visible(row.status),
          row.pid.map(String.init) ?? "-", row.port.map(String.init) ?? "-",
          row.health + (row.statusMessage.map { ": " + DisplayText.visible($0) } ?? ""),
        ]
      }
      let widths = header.indices.map { column in
        ([header] + lines).map { $0[column].count }.max() ?? 0
      }
      return ([header] + lines).map { cells in
        cells.enumerated().map { column, cell in
          column == cells.count - 1
            ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
        }.joined(separator: "  ")
      }.joined(separator: "\n") + "\n"
    }
  }
}
