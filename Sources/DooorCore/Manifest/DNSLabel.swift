/// The DNS-1123 label rule Kubernetes applies to names, and the API to slugs:
/// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`, at most 63 bytes.
public enum DNSLabel {
  public static let maximumLength = 63

  public static func isValid(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    guard !bytes.isEmpty, bytes.count <= maximumLength else { return false }
    func isAlphanumeric(_ byte: UInt8) -> Bool {
      (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
    guard isAlphanumeric(bytes.first!), isAlphanumeric(bytes.last!) else { return false }
    return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
  }

  /// Why `text` is not a label, in words a user can act on; nil when it is one.
  public static func problem(with text: String) -> String? {
    if isValid(text) { return nil }
    if text.isEmpty { return "must not be empty" }
    if text.utf8.count > maximumLength {
      return "must be at most \(maximumLength) characters (it has \(text.utf8.count))"
    }
    return
      "must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit"
  }
}
