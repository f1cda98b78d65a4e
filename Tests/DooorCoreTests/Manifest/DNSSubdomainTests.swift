import DooorCore
import Testing

/// The StorageClass name rule: DNS-1123 labels joined by dots, at most 253 characters.
@Suite(.timeLimit(.minutes(5))) struct DNSSubdomainTests {
  @Test(arguments: ["standard", "fast-ssd", "ebs.gp3", "a", "0", "a.b.c", "gp3.csi.aws.com"])
  func accepts(_ name: String) {
    #expect(DNSSubdomain.isValid(name))
    #expect(DNSSubdomain.problem(with: name) == nil)
  }

  @Test(arguments: [
    "", "Fast SSD", "fast_ssd", "Standard", "standard.", ".standard", "a..b", "-a", "a-",
    "a.-b", String(repeating: "a", count: 64),
  ])
  func refuses(_ name: String) {
    #expect(!DNSSubdomain.isValid(name))
    #expect(DNSSubdomain.problem(with: name) != nil)
  }

  @Test func isAtMost253Characters() {
    let label = String(repeating: "a", count: 63)
    let longest = [label, label, label, String(repeating: "b", count: 61)].joined(separator: ".")
    #expect(longest.count == 253)
    #expect(DNSSubdomain.isValid(longest))
    #expect(!DNSSubdomain.isValid(longest + "b"))
    #expect(DNSSubdomain.problem(with: longest + "b")?.contains("at most 253") == true)
  }
}
