/// A non-negative decimal number held exactly as `digits × 10^exponent`, with arbitrarily
/// many digits, so quantities never lose precision to floating point or overflow an Int64.
///
/// Normal form: no leading and no trailing zero digits; zero is no digits and exponent 0.
/// With that form, equal values have equal fields, which makes `==` and hashing by value free.
struct DecimalMagnitude: Sendable, Hashable, Comparable {
  /// Most significant first, each 0...9.
  private(set) var digits: [UInt8]
  private(set) var exponent: Int

  static let zero = DecimalMagnitude(digits: [], exponent: 0)
  /// 2^63-1, the cap Kubernetes puts on binary-suffixed quantities.
  static let int64Max = DecimalMagnitude(
    digits: Array("9223372036854775807".utf8).map { $0 - 48 }, exponent: 0)

  init(digits: some Collection<UInt8>, exponent: Int) {
    var normalized = Array(digits.drop { $0 == 0 })
    var exponent = exponent
    while let last = normalized.last, last == 0 {
      normalized.removeLast()
      exponent += 1
    }
    self.digits = normalized
    self.exponent = normalized.isEmpty ? 0 : exponent
  }

  var isZero: Bool { digits.isEmpty }

  /// The power of ten just above the most significant digit: orders magnitudes of unequal size.
  private var order: Int { digits.count + exponent }

  /// `self × 2^power`, exactly.
  func multiplied(byPowerOfTwo power: Int) -> DecimalMagnitude {
    var result = digits
    var remaining = power
    while remaining > 0 {
      let step = min(remaining, 20)
      let factor = UInt64(1) << UInt64(step)
      var carry: UInt64 = 0
      for index in result.indices.reversed() {
        let product = UInt64(result[index]) * factor + carry
        result[index] = UInt8(product % 10)
        carry = product / 10
      }
      var prefix: [UInt8] = []
      while carry > 0 {
        prefix.append(UInt8(carry % 10))
        carry /= 10
      }
      result.insert(contentsOf: prefix.reversed(), at: 0)
      remaining -= step
    }
    return DecimalMagnitude(digits: result, exponent: exponent)
  }

  /// Rounds up (away from zero) to a multiple of `10^minimumExponent`, as Kubernetes rounds
  /// to nano units so that asking for a tiny amount still gets some.
  func roundedUp(toExponent minimumExponent: Int) -> DecimalMagnitude {
    guard !isZero, exponent < minimumExponent else { return self }
    let dropped = minimumExponent - exponent
    guard dropped < digits.count else {
      return DecimalMagnitude(digits: [1], exponent: minimumExponent)
    }
    // In normal form the last digit is not zero, so dropping digits always loses something.
    var kept = Array(digits[..<(digits.count - dropped)])
    var index = kept.count - 1
    while index >= 0 {
      if kept[index] == 9 {
        kept[index] = 0
        index -= 1
      } else {
        kept[index] += 1
        break
      }
    }
    if index < 0 { kept.insert(1, at: 0) }
    return DecimalMagnitude(digits: kept, exponent: minimumExponent)
  }

  /// The digits of `self × 10^-exponent` as an integer, or nil when that is not an integer.
  func integerDigits(scaledBy power: Int = 0) -> [UInt8]? {
    let shifted = exponent + power
    if isZero { return [0] }
    guard shifted >= 0 else { return nil }
    return digits + [UInt8](repeating: 0, count: shifted)
  }

  /// The value times `10^power` when it is an integer that fits an Int64.
  func int64(scaledBy power: Int = 0) -> Int64? {
    guard exponent + power <= 19 || isZero, let all = integerDigits(scaledBy: power),
      all.count <= 19
    else { return nil }
    var value: Int64 = 0
    for digit in all {
      let (times, overflowA) = value.multipliedReportingOverflow(by: 10)
      let (sum, overflowB) = times.addingReportingOverflow(Int64(digit))
      if overflowA || overflowB { return nil }
      value = sum
    }
    return value
  }

  static func < (lhs: DecimalMagnitude, rhs: DecimalMagnitude) -> Bool {
    if lhs.isZero || rhs.isZero { return lhs.isZero && !rhs.isZero }
    if lhs.order != rhs.order { return lhs.order < rhs.order }
    for index in 0..<max(lhs.digits.count, rhs.digits.count) {
      let left = index < lhs.digits.count ? lhs.digits[index] : 0
      let right = index < rhs.digits.count ? rhs.digits[index] : 0
      if left != right { return left < right }
    }
    return false
  }
}
