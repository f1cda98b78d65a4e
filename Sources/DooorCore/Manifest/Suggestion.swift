/// "Did you mean" suggestions: the closest candidate by edit distance, if it is close enough
/// to be a likely typo rather than a different word.
enum Suggestion {
  static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
    let lowered = Array(word.lowercased())
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
      let distance = editDistance(lowered, Array(candidate.lowercased()))
      let allowed = max(1, min(3, candidate.count / 3))
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

  /// Levenshtein distance, one row at a time.
  static func editDistance(_ left: [Character], _ right: [Character]) -> Int {
    if left.isEmpty { return right.count }
    if right.isEmpty { return left.count }
    var previous = Array(0...right.count)
    var current = [Int](repeating: 0, count: right.count + 1)
    for (i, leftCharacter) in left.enumerated() {
      current[0] = i + 1
      for (j, rightCharacter) in right.enumerated() {
        let substitution = previous[j] + (leftCharacter == rightCharacter ? 0 : 1)
        current[j + 1] = min(substitution, previous[j + 1] + 1, current[j] + 1)
      }
      swap(&previous, &current)
    }
    return previous[right.count]
  }
}
