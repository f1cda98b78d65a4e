import DooorCore
import Testing

/// Every case of the Kubernetes vectors in `../shared/testdata`: parse, canonical form, value.
@Suite(.timeLimit(.minutes(5))) struct QuantityConformanceTests {
  struct ParseCase: Decodable {
    var input: String
    var valid: Bool
    var canonical: String?
    var millis: Int64?
  }

  struct CompareCase: Decodable {
    var a: String
    var b: String
    var cmp: Int
  }

  @Test func everyParseCaseMatchesKubernetes() {
    guard let cases = TestPaths.sharedVectors("k8s-quantity-parse.json", as: [ParseCase].self)
    else { return }
    #expect(cases.count > 200)
    for testCase in cases {
      let parsed = try? Quantity(parsing: testCase.input)
      guard testCase.valid else {
        #expect(parsed == nil, "\"\(testCase.input)\" must be rejected")
        continue
      }
      guard let parsed else {
        Issue.record("\"\(testCase.input)\" must parse")
        continue
      }
      #expect(parsed.text == testCase.input)
      if let canonical = testCase.canonical {
        #expect(parsed.canonical == canonical, "canonical form of \"\(testCase.input)\"")
      }
      if let millis = testCase.millis {
        #expect(parsed.milliValue == millis, "value of \"\(testCase.input)\" in thousandths")
      }
      // The canonical form is itself a quantity with the same value and the same canonical form.
      let reparsed = try? Quantity(parsing: parsed.canonical)
      #expect(reparsed == parsed, "\"\(parsed.canonical)\" reads back as \"\(testCase.input)\"")
      #expect(reparsed?.canonical == parsed.canonical)
    }
  }

  @Test func signedVariantsOfEveryValidCaseParse() throws {
    guard let cases = TestPaths.sharedVectors("k8s-quantity-parse.json", as: [ParseCase].self)
    else { return }
    for testCase in cases where testCase.valid && !"+-".contains(testCase.input.first ?? " ") {
      let plain = try Quantity(parsing: testCase.input)
      let positive = try Quantity(parsing: "+" + testCase.input)
      let negative = try Quantity(parsing: "-" + testCase.input)
      #expect(positive == plain, "+\(testCase.input)")
      if let millis = testCase.millis {
        #expect(negative.milliValue == -millis, "-\(testCase.input)")
      }
      if plain.isPositive {
        #expect(negative < plain)
        #expect(!negative.isPositive)
      }
    }
  }

  @Test func everyComparisonMatchesKubernetes() throws {
    guard let cases = TestPaths.sharedVectors("k8s-quantity-compare.json", as: [CompareCase].self)
    else { return }
    #expect(cases.count > 40)
    for testCase in cases {
      let left = try Quantity(parsing: testCase.a)
      let right = try Quantity(parsing: testCase.b)
      let actual = left < right ? -1 : (left == right ? 0 : 1)
      #expect(actual == testCase.cmp, "cmp(\(testCase.a), \(testCase.b))")
      if left == right { #expect(left.hashValue == right.hashValue) }
    }
  }
}
