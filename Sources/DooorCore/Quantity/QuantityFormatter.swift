/// Writes a quantity the way Kubernetes' `Quantity.String()` computes it: no fraction digits,
/// the largest suffix that loses nothing, binary suffixes kept for binary values of 1Ki and up.
///
/// Kubernetes sometimes hands back the input verbatim when it is already in a canonical shape
/// (so `+1` stays `+1` there); we always compute the form, which gives `1`.
enum QuantityFormatter {
  private static let decimalSuffixes: [Int: String] = [
    -9: "n", -6: "u", -3: "m", 0: "", 3: "k", 6: "M", 9: "G", 12: "T", 15: "P", 18: "E",
  ]
  private static let binarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]

  static func canonical(of quantity: Quantity) -> String {
    let magnitude = quantity.magnitude
    if magnitude.isZero { return "0" }
    let sign = quantity.isNegative ? "-" : ""
    if quantity.format == .binarySI,
      !(magnitude < DecimalMagnitude(digits: [1, 0, 2, 4], exponent: 0)),
      var value = magnitude.int64()
    {
      var power = 0
      while value % 1024 == 0 {
        value /= 1024
        power += 1
      }
      return "\(sign)\(value)\(binarySuffixes[power])"
    }
    var digits = magnitude.digits
    var exponent = magnitude.exponent
    while exponent % 3 != 0 {
      digits.append(0)
      exponent -= 1
    }
    let suffix: String
    if quantity.format == .decimalExponent {
      suffix = exponent == 0 ? "" : "e\(exponent)"
    } else {
      // Past `E` there is no suffix: keep the exponent at 18 and write the extra zeros.
      if exponent > 18 {
        digits += [UInt8](repeating: 0, count: exponent - 18)
        exponent = 18
      }
      suffix = decimalSuffixes[exponent] ?? ""
    }
    return sign + String(decoding: digits.map { $0 + UInt8(ascii: "0") }, as: UTF8.self) + suffix
  }
}
