import Foundation

/// Reads an engine's own words for a status message: the last line of its log.
enum EngineLog {
  /// The last line that reports a failure (PostgreSQL's FATAL/PANIC/ERROR, MariaDB's
  /// [ERROR], Redis' `#`), else the last line: a shutdown's closing words say nothing of why.
  /// MariaDB closes every failed start with "[ERROR] Aborting"; the reason is the error
  /// before it.
  static func lastLine(of text: String) -> String {
    let lines = text.split(whereSeparator: \.isNewline)
    let failure = lines.last { line in
      ["FATAL:", "PANIC:", "ERROR:", "[ERROR]", " # "].contains { line.contains($0) }
        && !line.trimmingCharacters(in: .whitespaces).hasSuffix("[ERROR] Aborting")
    }
    var line = (failure ?? lines.last).map(String.init) ?? ""
    // PostgreSQL puts the particulars on the line after: "DETAIL: ... version 99 ...".
    if let failure, let index = lines.lastIndex(of: failure), index + 1 < lines.count,
      lines[index + 1].contains("DETAIL:")
    {
      line += " " + lines[index + 1].trimmingCharacters(in: .whitespaces)
    }
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
