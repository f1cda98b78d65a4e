import Foundation

/// A Kubernetes resource quantity (`250m`, `1Gi`, `1e3`): compared by value, never by text.
/// PROVISIONAL implementation; the manifests issue replaces it with the full Kubernetes rules,
/// keeping this public surface.
public struct Quantity: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The text as written.
  public let text: String
  let value: Decimal

  public init(parsing text: String) throws(QuantityError) {
    let suffixes: [(String, Decimal)] = [
      ("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824),
      ("Ti", Decimal(1_099_511_627_776)), ("n", Decimal(string: "0.000000001")!),
      ("u", Decimal(string: "0.000001")!), ("m", Decimal(string: "0.001")!), ("k", 1000),
      ("M", 1_000_000), ("G", 1_000_000_000), ("T", Decimal(1_000_000_000_000)),
    ]
    var number = Substring(text)
    var factor: Decimal = 1
    for (suffix, scale) in suffixes where number.hasSuffix(suffix) {
      number = number.dropLast(suffix.count)
      factor = scale
      break
    }
    guard !number.isEmpty, number.allSatisfy({ $0.isNumber || $0 == "." }),
      let parsed = Decimal(string: String(number))
    else { throw QuantityError(text: text) }
    self.text = text
    self.value = parsed * factor
  }

  public var canonical: String { text }
  public var isPositive: Bool { value > 0 }
  public var description: String { text }

  public static func == (lhs: Quantity, rhs: Quantity) -> Bool { lhs.value == rhs.value }
  public func hash(into hasher: inout Hasher) { hasher.combine(value) }
  public static func < (lhs: Quantity, rhs: Quantity) -> Bool { lhs.value < rhs.value }
}

/// Why a text is not a Kubernetes quantity.
public struct QuantityError: Error, Sendable, Hashable, CustomStringConvertible {
  public let text: String
  public var description: String { "\"\(text)\" is not a Kubernetes quantity" }
}
