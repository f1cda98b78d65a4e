/// Reads the Kubernetes quantity grammar the way `ParseQuantity` does, including its leniencies
/// (`1.` and `.5` are numbers; a lone sign or suffix reads as zero).
enum QuantityParser {
  struct Parsed {
    var isNegative: Bool
    var magnitude: DecimalMagnitude
    var format: QuantityFormat
  }

  /// Kubernetes rounds every value up to a whole number of nano units.
  static let smallestExponent = -9

  private static let decimalSuffixes: [String: Int] = [
    "n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18,
  ]
  private static let binarySuffixes: [String: Int] = [
    "Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60,
  ]
  private static let suffixLetters = Set("eEinumkKMGTP".utf8)

  static func parse(_ text: String) -> Parsed? {
    let bytes = Array(text.utf8)
    guard !bytes.isEmpty else { return nil }
    var position = 0
    var isNegative = false
    if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
      isNegative = bytes[0] == UInt8(ascii: "-")
      position = 1
    }
    while position < bytes.count, bytes[position] == UInt8(ascii: "0") { position += 1 }
    let integerPart = digitRun(bytes, from: &position)
    var fractionPart: ArraySlice<UInt8> = []
    if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
      position += 1
      fractionPart = digitRun(bytes, from: &position)
    }
    let suffixStart = position
    while position < bytes.count, suffixLetters.contains(bytes[position]) { position += 1 }
    if position < bytes.count,
      bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "+")
    {
      position += 1
    }
    _ = digitRun(bytes, from: &position)
    guard position == bytes.count else { return nil }
    let suffix = String(decoding: bytes[suffixStart...], as: UTF8.self)

    let digits = (integerPart + fractionPart).map { $0 - UInt8(ascii: "0") }
    let written = DecimalMagnitude(digits: digits, exponent: -fractionPart.count)
    var magnitude: DecimalMagnitude
    var format: QuantityFormat
    if let power = decimalSuffixes[suffix] {
      magnitude = DecimalMagnitude(digits: digits, exponent: power - fractionPart.count)
      format = .decimalSI
    } else if let power = binarySuffixes[suffix] {
      magnitude = written.multiplied(byPowerOfTwo: power)
      format = .binarySI
    } else if let power = exponentSuffix(suffix) {
      magnitude = DecimalMagnitude(digits: digits, exponent: power - fractionPart.count)
      format = .decimalExponent
    } else {
      return nil
    }
    magnitude = magnitude.roundedUp(toExponent: smallestExponent)
    if format == .binarySI, DecimalMagnitude.int64Max < magnitude {
      magnitude = DecimalMagnitude.int64Max
    }
    return Parsed(isNegative: isNegative, magnitude: magnitude, format: format)
  }

  private static func digitRun(_ bytes: [UInt8], from position: inout Int) -> ArraySlice<UInt8> {
    let start = position
    while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position])
    {
      position += 1
    }
    return bytes[start..<position]
  }

  /// `e3`, `E-6`, `e+2`: the power of ten. Kubernetes keeps it as an Int32 (wrapping larger
  /// ones silently); we reject exponents outside that range instead.
  private static func exponentSuffix(_ suffix: String) -> Int? {
    guard suffix.count > 1, suffix.first == "e" || suffix.first == "E" else { return nil }
    var rest = Substring(suffix.dropFirst())
    var sign = 1
    if rest.first == "-" || rest.first == "+" {
      sign = rest.first == "-" ? -1 : 1
      rest = rest.dropFirst()
    }
    guard !rest.isEmpty, rest.allSatisfy({ $0.isASCII && $0.isNumber }),
      let value = Int32(rest)
    else { return nil }
    return sign * Int(value)
  }
}
