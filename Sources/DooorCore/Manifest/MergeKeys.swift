import Yams

/// YAML 1.1 merge keys (`<<`), as PyYAML reads them: a merged mapping brings its own keys and,
/// recursively, the keys it merges itself, so `<<: *a` inside a mapping that is merged
/// elsewhere is resolved rather than taken for a key named `<<`. With "first wins" the nearer
/// key wins, and in a list of mappings the earlier one.
enum MergeKeys {
  /// The most keys the merge keys of one mapping may bring in, nested merges included: each
  /// level may merge the same anchor many times, so the total could grow exponentially.
  static let budget = 10_000

  static func isMergeKey(_ node: Node) -> Bool {
    guard case .scalar(let scalar) = node else { return false }
    return scalar.string == "<<" && scalar.style == .plain
  }

  /// The mappings a merge key's value names: one mapping, or a list of them (other items are
  /// ignored); nil for anything else.
  static func mappings(mergedBy value: Node) -> [Node.Mapping]? {
    switch value {
    case .mapping(let base): [base]
    case .sequence(let bases):
      bases.compactMap { if case .mapping(let base) = $0 { base } else { nil } }
    default: nil
    }
  }

  /// `base`'s pairs with its own merges applied: its own keys first, then the merged ones.
  /// `budget` counts keys down (below zero: stop); nested merge keys whose value is not a
  /// mapping are added to `badMergeKeys` for the caller to report.
  static func pairs(
    of base: Node.Mapping, budget: inout Int, badMergeKeys: inout [Node]
  ) -> [(key: Node, value: Node)] {
    var own: [(key: Node, value: Node)] = []
    var inherited: [(key: Node, value: Node)] = []
    for (key, value) in base {
      budget -= 1
      guard budget >= 0 else { break }
      guard isMergeKey(key) else {
        own.append((key: key, value: value))
        continue
      }
      guard let nested = mappings(mergedBy: value) else {
        badMergeKeys.append(key)
        continue
      }
      for mapping in nested {
        inherited += pairs(of: mapping, budget: &budget, badMergeKeys: &badMergeKeys)
      }
    }
    return own + inherited
  }
}
