/// The DNS-1123 subdomain rule Kubernetes applies to StorageClass names: DNS-1123 labels
/// joined by dots (`standard`, `fast-ssd`, `ebs.gp3`), at most 253 bytes.
public enum DNSSubdomain {
  public static let maximumLength = 253

  public static func isValid(_ text: String) -> Bool {
    guard !text.isEmpty, text.utf8.count <= maximumLength else { return false }
    return text.split(separator: ".", omittingEmptySubsequences: false)
      .allSatisfy { DNSLabel.isValid(String($0)) }
  }

  /// Why `text` is not a subdomain, in words a user can act on; nil when it is one.
  public static func problem(with text: String) -> String? {
    if isValid(text) { return nil }
    if text.utf8.count > maximumLength {
      return "must be at most \(maximumLength) characters (it has \(text.utf8.count))"
    }
    return
      "must be a Kubernetes StorageClass name: lower-case letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit"
  }
}
