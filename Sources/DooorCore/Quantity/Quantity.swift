/// A Kubernetes resource quantity (`250m`, `1Gi`, `1e3`): compared by value, never by text.
///
/// Parsing follows Kubernetes' `ParseQuantity`: an optional sign, a decimal number, and a
/// decimal (`m`, `k`, `G`, ...), binary (`Ki`, `Mi`, ...) or exponent (`e3`) suffix. Values are
/// rounded up to whole nano units, away from zero; binary-suffixed values are capped at 2^63-1
/// while decimal ones are not. The value is held exactly, so `1` equals `1000m` and `1Gi`
/// equals `1024Mi`, but `1G` does not equal `1Gi`.
public struct Quantity: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The text as written.
  public let text: String
  let isNegative: Bool
  let magnitude: DecimalMagnitude
  let format: QuantityFormat

  public init(parsing text: String) throws(QuantityError) {
    guard let parsed = QuantityParser.parse(text) else { throw QuantityError(text: text) }
    self.text = text
    self.isNegative = parsed.isNegative && !parsed.magnitude.isZero
    self.magnitude = parsed.magnitude
    self.format = parsed.format
  }

  /// The form Kubernetes prints (`String()`): `1.5Gi` → `1536Mi`, `0.5` → `500m`, `1000M` → `1G`.
  public var canonical: String { QuantityFormatter.canonical(of: self) }

  public var isPositive: Bool { !isNegative && !magnitude.isZero }

  /// The exact value in thousandths (`250m` → 250), when that is an integer that fits an Int64.
  public var milliValue: Int64? {
    guard let value = magnitude.int64(scaledBy: 3) else { return nil }
    return isNegative ? -value : value
  }

  public var description: String { text }

  public static func == (lhs: Quantity, rhs: Quantity) -> Bool {
    lhs.isNegative == rhs.isNegative && lhs.magnitude == rhs.magnitude
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(isNegative)
    hasher.combine(magnitude)
  }

  public static func < (lhs: Quantity, rhs: Quantity) -> Bool {
    switch (lhs.isNegative, rhs.isNegative) {
    case (true, false): return true
    case (false, true): return false
    case (false, false): return lhs.magnitude < rhs.magnitude
    case (true, true): return rhs.magnitude < lhs.magnitude
    }
  }
}

/// Why a text is not a Kubernetes quantity.
public struct QuantityError: Error, Sendable, Hashable, CustomStringConvertible {
  public let text: String
  public var description: String { "\"\(text)\" is not a Kubernetes quantity" }
}

/// The three ways Kubernetes writes a quantity; it decides the suffix of the canonical form.
enum QuantityFormat: Sendable, Hashable {
  case decimalSI
  case binarySI
  case decimalExponent
}
