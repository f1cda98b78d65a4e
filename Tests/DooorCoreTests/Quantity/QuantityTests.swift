import DooorCore
import Testing

@Suite(.timeLimit(.minutes(5))) struct QuantityTests {
  @Test func equalValuesHashAlike() throws {
    let values: Set<Quantity> = [
      try Quantity(parsing: "1"), try Quantity(parsing: "1000m"), try Quantity(parsing: "1e0"),
    ]
    #expect(values.count == 1)
  }

  @Test func positivity() throws {
    #expect(try Quantity(parsing: "250m").isPositive)
    #expect(try Quantity(parsing: "1n").isPositive)
    #expect(try !Quantity(parsing: "0").isPositive)
    #expect(try !Quantity(parsing: "-0").isPositive)
    #expect(try !Quantity(parsing: "-1Mi").isPositive)
  }

  @Test func tinyValuesRoundUpToOneNanoAwayFromZero() throws {
    #expect(try Quantity(parsing: "1e-300") == Quantity(parsing: "1n"))
    #expect(try Quantity(parsing: "-1e-300").canonical == "-1e-9")
    #expect(try Quantity(parsing: "0.0000000000001m").canonical == "1n")
  }

  @Test func hugeExponentsStayExactWithoutBlowingUp() throws {
    let huge = try Quantity(parsing: "1e2000000000")
    let larger = try Quantity(parsing: "2e2000000000")
    #expect(huge < larger)
    // Canonical exponents are multiples of three, as in Kubernetes.
    #expect(huge.canonical == "100e1999999998")
    #expect(huge.milliValue == nil)
  }

  @Test func decimalValuesPastTheLargestSuffixKeepTheirDigits() throws {
    #expect(try Quantity(parsing: "1000E").canonical == "1000E")
  }

  @Test(arguments: ["", " ", "1 ", "1.1.M", "1Kib", "e", "1e", "1e+", "--1", "1e99999999999"])
  func rejects(_ text: String) {
    #expect(throws: QuantityError.self) { try Quantity(parsing: text) }
  }

  @Test func errorNamesTheText() {
    #expect(throws: QuantityError.self) { try Quantity(parsing: "abc") }
    do {
      _ = try Quantity(parsing: "abc")
    } catch {
      #expect(error.description == "\"abc\" is not a Kubernetes quantity")
    }
  }
}
