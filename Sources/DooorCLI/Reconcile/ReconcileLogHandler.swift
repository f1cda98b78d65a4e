import Foundation
import Logging

/// reconcile's log, one line per event on stderr through `CommandOutput` like every other
/// output: readable text (`TIME LEVEL LABEL: MESSAGE key=value ...`) or, for log collectors,
/// one JSON object (time, level, message, logger and the event's metadata).
struct ReconcileLogHandler: LogHandler {
  var metadata: Logger.Metadata = [:]
  var logLevel: Logger.Level = .info
  let label: String
  let format: Dooordb.Reconcile.LogFormat

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    let merged = metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 })
    let time = ISO8601DateFormatter().string(from: Date())
    switch format {
    case .text:
      let fields = merged.keys.sorted().map { "\($0)=\(merged[$0]!)" }
      CommandOutput.standardErrorLine(
        ([time, event.level.rawValue, "\(label): \(event.message)"] + fields)
          .joined(separator: " "))
    case .json:
      var fields: [String: String] = [
        "time": time, "level": event.level.rawValue, "message": event.message.description,
        "logger": label,
      ]
      for (key, value) in merged { fields[key] = value.description }
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      guard let data = try? encoder.encode(fields) else { return }
      CommandOutput.standardErrorLine(String(decoding: data, as: UTF8.self))
    }
  }
}
