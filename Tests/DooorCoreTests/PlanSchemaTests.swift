import DooorCore
import Foundation
import PropertyBased
import Testing

/// Checks real rendered plans against `schemas/plan.schema.json`. No JSON Schema library is
/// available to Swift here, so `PlanSchemaSubset` implements the keywords that schema uses;
/// `scripts/check-output-schemas.py` runs the full validator on the golden files in CI.
@Suite("Plan JSON schema", .timeLimit(.minutes(5)))
struct PlanSchemaTests {
  static let schema: [String: PlanJSONValue] = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("schemas/plan.schema.json")
    let text = try! String(contentsOf: url, encoding: .utf8)
    return try! PlanJSONValue.parse(text).objectValue!
  }()

  static func problems(in json: String) -> [String] {
    guard let document = try? PlanJSONValue.parse(json) else { return ["not JSON"] }
    return PlanSchemaSubset(root: schema).problems(document, against: schema, at: "$")
  }

  @Test func goldenPlansMatchTheSchema() {
    let plan = PlanGoldenFixture.plan
    #expect(Self.problems(in: plan.rendered(as: .json)) == [])
    #expect(Self.problems(in: SavedPlan(plan: plan, origin: PlanFixture.origin).encoded()) == [])
  }

  @Test func randomPlansMatchTheSchema() async {
    await propertyCheck(count: 100, input: PlanPropertyTests.codes, Gen.bool) { codes, prune in
      let scenario = PlanScenario(codes: codes, pruneAcme: prune, pruneBeta: !prune)
      let plan = Planner.plan(desired: scenario.desired, observed: scenario.observed)
      #expect(Self.problems(in: plan.rendered(as: .json)) == [])
      #expect(Self.problems(in: SavedPlan(plan: plan, origin: PlanFixture.origin).encoded()) == [])
    }
  }

  @Test(arguments: [
    ("{\"formatVersion\": 1}", "oneOf"),
    ("{\"formatVersion\": 1, \"status\": \"error\"}", "oneOf"),
    ("[]", "type"),
  ])
  func theSubsetValidatorRejects(_ json: String, _ problem: String) {
    #expect(Self.problems(in: json).contains { $0.contains(problem) })
  }

  @Test func theSubsetValidatorRejectsUnknownKeysAndWrongDestructiveFlags() {
    let json = PlanGoldenFixture.plan.rendered(as: .json)
    #expect(!Self.problems(in: json.replacing("\"formatVersion\"", with: "\"format\"")).isEmpty)
    #expect(
      !Self.problems(in: json.replacing("\"destructive\": true", with: "\"destructive\": false"))
        .isEmpty)
    #expect(
      !Self.problems(in: json.replacing("\"action\": \"create\"", with: "\"action\": \"x\""))
        .isEmpty)
  }

  @Test func aSavedPlanMustRecordItsTimeInUTCToTheSecond() {
    let saved = SavedPlan(plan: PlanGoldenFixture.plan, origin: PlanFixture.origin).encoded()
    let problems = Self.problems(
      in: saved.replacing("2025-12-01T12:00:00Z", with: "2025-12-01 12:00"))
    #expect(problems.count == 1)
    #expect(problems.first?.hasPrefix("$.origin.createdAt: does not match ^[0-9]{4}-") == true)
  }
}

/// A parsed JSON value that keeps booleans and numbers apart.
indirect enum PlanJSONValue: Decodable, Equatable, Sendable {
  case null
  case bool(Bool)
  case integer(Int)
  case number(Double)
  case string(String)
  case array([PlanJSONValue])
  case object([String: PlanJSONValue])

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let flag = try? container.decode(Bool.self) {
      self = .bool(flag)
    } else if let number = try? container.decode(Int.self) {
      self = .integer(number)
    } else if let number = try? container.decode(Double.self) {
      self = .number(number)
    } else if let text = try? container.decode(String.self) {
      self = .string(text)
    } else if let items = try? container.decode([PlanJSONValue].self) {
      self = .array(items)
    } else {
      self = .object(try container.decode([String: PlanJSONValue].self))
    }
  }

  static func parse(_ text: String) throws -> PlanJSONValue {
    try JSONDecoder().decode(PlanJSONValue.self, from: Data(text.utf8))
  }

  var objectValue: [String: PlanJSONValue]? {
    if case .object(let members) = self { return members }
    return nil
  }

  var stringValue: String? {
    if case .string(let text) = self { return text }
    return nil
  }
}

/// The JSON Schema 2020-12 keywords `schemas/plan.schema.json` uses: type, const, enum,
/// required, properties, additionalProperties, items, minimum, $ref, oneOf, allOf, if/then/else.
/// Any other keyword fails the check, so the schema cannot outgrow this validator unnoticed.
struct PlanSchemaSubset {
  static let known: Set<String> = [
    "$schema", "$id", "$defs", "title", "description", "type", "const", "enum", "required",
    "properties", "additionalProperties", "items", "minimum", "pattern", "$ref", "oneOf", "allOf",
    "if", "then", "else",
  ]

  var root: [String: PlanJSONValue]

  func problems(_ value: PlanJSONValue, against schema: [String: PlanJSONValue], at path: String)
    -> [String]
  {
    var found: [String] = []
    for key in schema.keys where !Self.known.contains(key) {
      found.append("\(path): schema keyword \(key) is not supported by the test validator")
    }
    if let reference = schema["$ref"]?.stringValue {
      let name = String(reference.dropFirst("#/$defs/".count))
      let definition = root["$defs"]?.objectValue?[name]?.objectValue ?? [:]
      found += problems(value, against: definition, at: path)
    }
    if let type = schema["type"] {
      let types: [String] =
        if case .array(let names) = type { names.compactMap(\.stringValue) } else {
          [type.stringValue ?? ""]
        }
      if !types.contains(where: { Self.matches(value, $0) }) {
        found.append("\(path): type is not \(types)")
        return found
      }
    }
    if let constant = schema["const"], value != constant {
      found.append("\(path): is not \(constant)")
    }
    if case .array(let choices) = schema["enum"], !choices.contains(value) {
      found.append("\(path): is not one of \(choices)")
    }
    if case .integer(let minimum) = schema["minimum"], case .integer(let number) = value,
      number < minimum
    {
      found.append("\(path): below \(minimum)")
    }
    if case .string(let pattern) = schema["pattern"], case .string(let text) = value,
      (try? Regex(pattern).firstMatch(in: text)) == nil
    {
      found.append("\(path): does not match \(pattern)")
    }
    if case .object(let object) = value {
      if case .array(let required) = schema["required"] {
        for key in required.compactMap(\.stringValue) where object[key] == nil {
          found.append("\(path): missing \(key)")
        }
      }
      let properties = schema["properties"]?.objectValue ?? [:]
      for (key, member) in object.sorted(by: { $0.key < $1.key }) {
        if let subschema = properties[key]?.objectValue {
          found += problems(member, against: subschema, at: path + "." + key)
        } else if schema["additionalProperties"] == .bool(false) {
          found.append("\(path): unexpected key \(key)")
        }
      }
    }
    if let items = schema["items"]?.objectValue, case .array(let array) = value {
      for (index, item) in array.enumerated() {
        found += problems(item, against: items, at: "\(path)[\(index)]")
      }
    }
    if case .array(let options) = schema["oneOf"] {
      let passing = options.compactMap(\.objectValue).filter {
        problems(value, against: $0, at: path).isEmpty
      }.count
      if passing != 1 { found.append("\(path): matches \(passing) of oneOf, not 1") }
    }
    if case .array(let parts) = schema["allOf"] {
      for part in parts.compactMap(\.objectValue) {
        found += problems(value, against: part, at: path)
      }
    }
    if let condition = schema["if"]?.objectValue {
      let branch = problems(value, against: condition, at: path).isEmpty ? "then" : "else"
      if let subschema = schema[branch]?.objectValue {
        found += problems(value, against: subschema, at: path)
      }
    }
    return found
  }

  static func matches(_ value: PlanJSONValue, _ type: String) -> Bool {
    switch (type, value) {
    case ("null", .null), ("boolean", .bool), ("integer", .integer), ("string", .string),
      ("array", .array), ("object", .object):
      true
    case ("number", .integer), ("number", .number): true
    default: false
    }
  }
}
