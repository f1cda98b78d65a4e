import Foundation

/// Reads an engine's own words for a status message: the last line of its log.
enum EngineLog {
  static func lastLine(of text: String) -> String {
    let line = text.split(whereSeparator: \.isNewline).last.map(String.init) ?? ""
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    return trimmed.isEmpty ? "(the engine printed nothing)" : String(trimmed.prefix(300))
  }

  /// The last line of the log file at `url` (reads at most its last 8 KiB).
  static func lastLine(ofFile url: URL) -> String {
    guard let handle = try? FileHandle(forReadingFrom: url) else { return "(no engine log)" }
    defer { try? handle.close() }
    let size = (try? handle.seekToEnd()) ?? 0
    try? handle.seek(toOffset: size > 8192 ? size - 8192 : 0)
    let data = (try? handle.readToEnd()) ?? Data()
    return lastLine(of: String(decoding: data, as: UTF8.self))
  }
}
