import Foundation

/// Takes a secret out of text in every form it can take there: as it is, and escaped the ways
/// error descriptions (`String(reflecting:)`, as in the HTTP client's header errors), JSON and
/// URLs write it. A key holding a line break would otherwise leak as `…\n…`.
struct SecretRedaction: Sendable {
  static let placeholder = "[redacted]"

  /// Longest first, so a form that contains another is replaced whole.
  private let forms: [String]

  init(secret: String) {
    guard !secret.isEmpty else {
      forms = []
      return
    }
    var forms: Set<String> = [secret]
    forms.insert(String(String(reflecting: secret).dropFirst().dropLast()))
    if let json = try? JSONEncoder().encode([secret]) {
      forms.insert(String(String(decoding: json, as: UTF8.self).dropFirst(2).dropLast(2)))
    }
    if let percent = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) {
      forms.insert(percent)
    }
    self.forms = forms.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
  }

  func redact(_ text: String) -> String {
    forms.reduce(text) { $0.replacingOccurrences(of: $1, with: Self.placeholder) }
  }
}
