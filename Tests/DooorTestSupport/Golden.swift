public import Foundation
public import Testing

/// Outputs compared with committed golden files, the one way every test target does it.
///
/// `RECORD_GOLDEN=1 swift test --filter NAME` rewrites the files that differ and still fails
/// each test it rewrote (as swift-argument-parser's snapshots do), so a recording run never
/// passes unnoticed: review the diff with git, then run again without the variable.
public enum Golden {
  public static var isRecording: Bool {
    ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1"
  }

  /// Compares `actual` with the file `name` in `directory`; on a mismatch the issue shows a
  /// line diff (`-` the golden's lines, `+` the actual ones).
  public static func check(
    _ actual: String, at directory: URL, against name: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let url = directory.appendingPathComponent(name)
    let expected = try? String(contentsOf: url, encoding: .utf8)
    if isRecording, actual != expected {
      do {
        try FileManager.default.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        let message =
          "recorded a new golden \(name); review it with git diff, then run again without"
          + " RECORD_GOLDEN to check it"
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
      } catch {
        Issue.record("cannot record \(url.path): \(error)", sourceLocation: sourceLocation)
      }
      return
    }
    guard let expected else {
      Issue.record(
        "missing golden file \(url.path); run with RECORD_GOLDEN=1 to create it",
        sourceLocation: sourceLocation)
      return
    }
    guard actual != expected else { return }
    let message =
      "differs from the golden \(name) (RECORD_GOLDEN=1 rewrites it):\n"
      + LineDiff.render(expected: expected, actual: actual)
    Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
  }
}

/// A line diff for failure messages: the lines only the golden has (`-`) and only the actual
/// output has (`+`), with two lines of context around each change.
public enum LineDiff {
  public static func render(expected: String, actual: String, context: Int = 2) -> String {
    let old = lines(expected)
    let new = lines(actual)
    let edits = script(old, new)
    var shown = Array(repeating: false, count: edits.count)
    for (index, edit) in edits.enumerated() where edit.mark != " " {
      for near in max(0, index - context)...min(edits.count - 1, index + context) {
        shown[near] = true
      }
    }
    var out: [String] = []
    var skipped = false
    for (index, edit) in edits.enumerated() {
      if shown[index] {
        out.append("\(edit.mark)\(edit.line)")
        skipped = false
      } else if !skipped {
        out.append("…")
        skipped = true
      }
    }
    return out.joined(separator: "\n")
  }

  /// Lines, with a last line that lacks its line break marked so that difference shows too.
  private static func lines(_ text: String) -> [String] {
    var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if parts.last == "" {
      parts.removeLast()
    } else if !parts.isEmpty {
      parts[parts.count - 1] += "⏎ (no line break at the end)"
    }
    return parts
  }

  /// The edit script of a longest common subsequence of lines.
  private static func script(_ old: [String], _ new: [String]) -> [(mark: Character, line: String)]
  {
    var common = Array(
      repeating: Array(repeating: 0, count: new.count + 1), count: old.count + 1)
    for i in stride(from: old.count - 1, through: 0, by: -1) {
      for j in stride(from: new.count - 1, through: 0, by: -1) {
        common[i][j] =
          old[i] == new[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
      }
    }
    var edits: [(mark: Character, line: String)] = []
    var i = 0
    var j = 0
    while i < old.count || j < new.count {
      if i < old.count, j < new.count, old[i] == new[j] {
        edits.append((" ", old[i]))
        i += 1
        j += 1
      } else if i < old.count, j == new.count || common[i + 1][j] >= common[i][j + 1] {
        edits.append(("-", old[i]))
        i += 1
      } else {
        edits.append(("+", new[j]))
        j += 1
      }
    }
    return edits
  }
}
