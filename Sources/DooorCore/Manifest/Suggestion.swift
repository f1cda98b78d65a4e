/// "Did you mean" suggestions: the closest candidate by edit distance, if it is close enough
/// to be a likely typo rather than a different word.
public enum Suggestion {
  public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
    let lowered = Array(word.lowercased())
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
      let distance = editDistance(lowered, Array(candidate.lowercased()))
      let allowed = max(1, min(3, (candidate.count + 1) / 3))
      guard distance <= allowed else { continue }
      if best == nil || distance < best!.distance { best = (candidate, distance) }
    }
    return best?.candidate
  }

  /// `; did you mean "x"?` or nothing, to append to a message.
  static func hint(for word: String, among candidates: some Sequence<String>) -> String {
    guard let match = closest(to: word, among: candidates) else { return "" }
    return "; did you mean \"\(match)\"?"
  }

  /// Edit distance counting insertions, deletions, substitutions and swaps of two neighbours
  /// (optimal string alignment), since `nmae` for `name` is one slip, not two.
  static func editDistance(_ left: [Character], _ right: [Character]) -> Int {
    if left.isEmpty { return right.count }
    if right.isEmpty { return left.count }
    var table = [[Int]](
      repeating: [Int](repeating: 0, count: right.count + 1), count: left.count + 1)
    for i in 0...left.count { table[i][0] = i }
    for j in 0...right.count { table[0][j] = j }
    for i in 1...left.count {
      for j in 1...right.count {
        let cost = left[i - 1] == right[j - 1] ? 0 : 1
        table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
        if i > 1, j > 1, left[i - 1] == right[j - 2], left[i - 2] == right[j - 1] {
          table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
        }
      }
    }
    return table[left.count][right.count]
  }
}
