import Foundation
import Testing

@testable import DooorAPI

/// Redaction takes the key out in the escaped forms errors and logs write it in, too.
@Suite(.timeLimit(.minutes(1))) struct SecretRedactionTests {
  static let key = "dor_sk_ESCAPED\n\0\u{1B}[31m\"/é_TAIL"

  @Test func everyEscapedFormOfTheKeyIsRedacted() throws {
    let redaction = SecretRedaction(secret: Self.key)
    let json = try String(decoding: JSONEncoder().encode([Self.key]), as: UTF8.self)
    let texts = [
      "invalidHeaderFieldValues([\"Bearer \(Self.key)\"])",
      "header: \(String(reflecting: "Bearer " + Self.key))",
      "body: \(json)",
      "url: ?key=\(Self.key.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)",
      "raw: \(Self.key)",
    ]
    for text in texts {
      let redacted = redaction.redact(text)
      #expect(!redacted.contains("ESCAPED") && !redacted.contains("TAIL"), "\(redacted)")
      #expect(redacted.contains("[redacted]"))
    }
  }

  @Test func anEmptySecretChangesNothing() {
    #expect(SecretRedaction(secret: "").redact("text") == "text")
  }
}
