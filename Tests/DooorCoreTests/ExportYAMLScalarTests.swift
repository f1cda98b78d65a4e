import PropertyBased
import Testing
import Yams

@testable import DooorCore

@Suite(.timeLimit(.minutes(5))) struct ExportYAMLScalarTests {
  /// Each of these reads as something other than the string if written plain.
  @Test(arguments: [
    "yes", "No", "null", "~", "true", "1.0", "1", "0x1F", "1e3", "2024-01-01", "on", ".inf",
    "a: b", "# hash", "\"quoted\"", "'single'", "trailing ", " leading", "-dash", "[list]",
    "{map}", "a #b", "*alias", "&anchor", "!tag", "%percent", "@at", "`tick`", "", "line\nbreak",
    "tab\there", "back\\slash", "café", "500m",
  ])
  func awkwardValuesReadBackUnchanged(_ value: String) throws {
    let document = "key: \(YAMLScalarText.render(value))\n"
    let loaded = try Yams.load(yaml: document) as? [String: Any]
    #expect(loaded?["key"] as? String == value, "rendered as: \(document)")
  }

  @Test func plainStyleForOrdinaryText() {
    #expect(YAMLScalarText.render("Production DB") == "Production DB")
    #expect(YAMLScalarText.render("500m") == "500m")
    #expect(YAMLScalarText.render("production-db") == "production-db")
    #expect(YAMLScalarText.render("yes") == "\"yes\"")
    #expect(YAMLScalarText.render("1") == "\"1\"")
  }

  @Test func randomStringsReadBackUnchanged() async {
    let alphabet = Array("abcXYZ019 :#\"'\\-.{}[]!&*%@`|>,?~\n\té")
    let characters = Gen.int(in: 0...(alphabet.count - 1)).map { alphabet[$0] }
    await propertyCheck(count: 300, input: characters.string(of: 0...12)) { value in
      let document = "key: \(YAMLScalarText.render(value))\n"
      let loaded = try? Yams.load(yaml: document) as? [String: Any]
      #expect(loaded?["key"] as? String == value, "rendered as: \(document)")
    }
  }
}
