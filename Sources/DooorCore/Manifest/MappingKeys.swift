import Yams

/// The keys of one mapping, with where each was written. A mapping has a handful of keys, so
/// they are found by scanning their names, which costs less than hashing them into a dictionary.
struct MappingKeys {
  private var names: [String] = []
  private var keyLocations: [SourceLocation] = []
  private var values: [Node] = []

  subscript(key: String) -> (keyLocation: SourceLocation, value: Node)? {
    guard let index = names.firstIndex(of: key) else { return nil }
    return (keyLocations[index], values[index])
  }

  mutating func set(_ key: String, at keyLocation: SourceLocation, to value: Node) {
    if let index = names.firstIndex(of: key) {
      keyLocations[index] = keyLocation
      values[index] = value
    } else {
      names.append(key)
      keyLocations.append(keyLocation)
      values.append(value)
    }
  }

  var locations: [String: SourceLocation] {
    Dictionary(zip(names, keyLocations), uniquingKeysWith: { _, last in last })
  }
}
