/// The rules of §8, by the key that writes them: what a violation says it broke.
public enum PolicyRule: String, Sendable, Hashable, CaseIterable {
  case engines
  case versions
  case max
  case totals
  case require
  case forbid
  case maxDestroy
  case slugPattern
}
