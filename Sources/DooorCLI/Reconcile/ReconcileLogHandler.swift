import Foundation
import Logging

/// reconcile's log, one line per event on stderr through `CommandOutput` like every other
/// output: readable logfmt-style text (`TIME LEVEL LABEL: MESSAGE key=value ...`, a value with
/// spaces or quotes quoted) or, for log collectors, one JSON object (time, level, message,
/// logger and the event's metadata, a nested field as an object and a number as a number).
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
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    let time = formatter.string(from: Date())
    switch format {
    case .text:
      let fields = Self.flattened(merged).map { "\($0.key)=\(Self.logfmt($0.value))" }
      CommandOutput.standardErrorLine(
        ([time, event.level.rawValue, "\(label): \(event.message)"] + fields)
          .joined(separator: " "))
    case .json:
      var object: [String: Any] = merged.mapValues(Self.json)
      object["time"] = time
      object["level"] = event.level.rawValue
      object["message"] = event.message.description
      object["logger"] = label
      guard
        let data = try? JSONSerialization.data(
          withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
      else { return }
      CommandOutput.standardErrorLine(String(decoding: data, as: UTF8.self))
    }
  }

  /// Nested fields as `error.file`, `error.line`..., sorted by key.
  static func flattened(_ metadata: Logger.Metadata, prefix: String = "") -> [(
    key: String, value: String
  )] {
    metadata.keys.sorted().flatMap { key -> [(key: String, value: String)] in
      switch metadata[key]! {
      case .dictionary(let nested): flattened(nested, prefix: prefix + key + ".")
      case let value: [(prefix + key, value.description)]
      }
    }
  }

  /// A value as logfmt writes it: bare when it is one plain word, else quoted and escaped.
  static func logfmt(_ value: String) -> String {
    let plain =
      !value.isEmpty
      && !value.contains { $0 == " " || $0 == "\"" || $0 == "=" || $0 == "\\" || $0.isNewline }
    guard !plain else { return value }
    let escaped =
      value
      .replacingOccurrences(of: "\\", with: "\\\\")
      .replacingOccurrences(of: "\"", with: "\\\"")
      .replacingOccurrences(of: "\n", with: "\\n")
    return "\"\(escaped)\""
  }

  private static func json(_ value: Logger.Metadata.Value) -> Any {
    switch value {
    case .string(let text): text
    case .stringConvertible(let number as Int): number
    case .stringConvertible(let other): other.description
    case .dictionary(let nested): nested.mapValues(json)
    case .array(let values): values.map(json)
    }
  }
}
