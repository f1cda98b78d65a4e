/// A workspace pattern of a policy's `workspaces`: `*` any run of characters, `?` one
/// character, everything else itself. Workspace names need no escaping, so neither do globs.
public struct WorkspaceGlob: Sendable, Hashable, CustomStringConvertible {
  public let pattern: String

  /// The glob, or why `pattern` is not one a workspace name could match.
  public static func parse(_ pattern: String) -> Result<WorkspaceGlob, GlobProblem> {
    if pattern.isEmpty { return .failure(GlobProblem(message: "must not be empty")) }
    let allowed = pattern.unicodeScalars.allSatisfy {
      $0.isASCII
        && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
          || "-_.*?".unicodeScalars.contains($0))
    }
    guard allowed else {
      return .failure(
        GlobProblem(
          message: "may only hold letters, digits, '-', '_', '.' and the wildcards '*' and '?'"))
    }
    return .success(WorkspaceGlob(pattern: pattern))
  }

  private init(pattern: String) {
    self.pattern = pattern
  }

  public struct GlobProblem: Error, Sendable, Hashable {
    public var message: String
  }

  public var description: String { pattern }

  /// Whether `name` matches the whole pattern. Backtracks over the last `*` only, which is
  /// enough for `*` to match any run (the classic linear wildcard match).
  public func matches(_ name: String) -> Bool {
    let text = Array(name.utf8)
    let glob = Array(pattern.utf8)
    var (t, g) = (0, 0)
    var star: Int?
    var resume = 0
    while t < text.count {
      if g < glob.count, glob[g] == UInt8(ascii: "?") || glob[g] == text[t] {
        t += 1
        g += 1
      } else if g < glob.count, glob[g] == UInt8(ascii: "*") {
        star = g
        resume = t
        g += 1
      } else if let star {
        g = star + 1
        resume += 1
        t = resume
      } else {
        return false
      }
    }
    while g < glob.count, glob[g] == UInt8(ascii: "*") { g += 1 }
    return g == glob.count
  }
}
