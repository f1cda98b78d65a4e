import DooorCore
import Testing

/// The slug rule against Kubernetes' own IsDNS1123Label cases in `../shared/testdata`.
@Suite(.timeLimit(.minutes(5))) struct DNSLabelTests {
  struct Vectors: Decodable {
    var valid: [String]
    var invalid: [String]
  }

  @Test func matchesKubernetesVectors() {
    guard let vectors = TestPaths.sharedVectors("dns1123-label.json", as: Vectors.self) else {
      return
    }
    #expect(vectors.valid.count > 10 && vectors.invalid.count > 10)
    for label in vectors.valid {
      #expect(DNSLabel.isValid(label), "\(label) is a DNS-1123 label")
      #expect(DNSLabel.problem(with: label) == nil)
    }
    for label in vectors.invalid {
      #expect(!DNSLabel.isValid(label), "\(label.debugDescription) is not a DNS-1123 label")
      #expect(DNSLabel.problem(with: label) != nil)
    }
  }
}
