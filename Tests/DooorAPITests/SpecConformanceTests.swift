import DooorCore
import Foundation
import Testing
import Yams

@testable import DooorAPI

/// The hand-written client against `schemas/dooor-api.openapi.yaml`: every field it sends or
/// reads exists in the spec with the same type, its required fields are the spec's, and every
/// field the spec answers with is read. (The server side is checked by schemathesis.)
@Suite(.timeLimit(.minutes(5))) struct SpecConformanceTests {
  static let specURL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("schemas/dooor-api.openapi.yaml")

  static func loadSchemas() throws -> [String: Any] {
    let text = try String(contentsOf: specURL, encoding: .utf8)
    let document = try #require(try Yams.load(yaml: text) as? [String: Any])
    let components = try #require(document["components"] as? [String: Any])
    return try #require(components["schemas"] as? [String: Any])
  }

  /// A schema with `$ref` and single `allOf` followed.
  static func resolve(_ schema: Any, in schemas: [String: Any]) -> [String: Any] {
    guard var node = schema as? [String: Any] else { return [:] }
    if let reference = node["$ref"] as? String {
      let name = String(reference.split(separator: "/").last ?? "")
      return resolve(schemas[name] ?? [:], in: schemas)
    }
    if let parts = node["allOf"] as? [Any], let first = parts.first {
      node.removeValue(forKey: "allOf")
      node.merge(resolve(first, in: schemas)) { own, _ in own }
    }
    return node
  }

  static func properties(_ name: String, in schemas: [String: Any]) -> [String: [String: Any]] {
    let schema = resolve(schemas[name] ?? [:], in: schemas)
    let raw = schema["properties"] as? [String: Any] ?? [:]
    return raw.mapValues { resolve($0, in: schemas) }
  }

  static func required(_ name: String, in schemas: [String: Any]) -> Set<String> {
    Set(resolve(schemas[name] ?? [:], in: schemas)["required"] as? [String] ?? [])
  }

  /// A valid example of `schema`, with only the required properties when `requiredOnly`.
  static func sample(_ schema: Any, in schemas: [String: Any], requiredOnly: Bool = false) -> Any {
    let node = resolve(schema, in: schemas)
    if let values = node["enum"] as? [Any], let first = values.first { return first }
    switch node["type"] as? String {
    case "object":
      let required = Set(node["required"] as? [String] ?? [])
      var object: [String: Any] = [:]
      for (key, value) in node["properties"] as? [String: Any] ?? [:]
      where !requiredOnly || required.contains(key) {
        object[key] = sample(value, in: schemas, requiredOnly: requiredOnly)
      }
      return object
    case "array":
      return [sample(node["items"] ?? [:], in: schemas, requiredOnly: requiredOnly)]
    case "integer":
      return node["minimum"] as? Int ?? 1
    default:
      if node["format"] as? String == "date-time" { return "2025-04-10T09:00:00Z" }
      if let pattern = node["pattern"] as? String {
        return pattern.contains("Gi") ? "512Mi" : "sample-db"
      }
      return "text"
    }
  }

  static func jsonType(_ node: [String: Any]) -> String { node["type"] as? String ?? "?" }

  static func data(_ value: Any) throws -> Data {
    try JSONSerialization.data(withJSONObject: value)
  }

  /// The stored property names of a wire value: the JSON keys the client reads or writes.
  static func fieldNames(_ value: Any) -> Set<String> {
    Set(Mirror(reflecting: value).children.compactMap(\.label))
  }

  @Test(arguments: ["Database", "DatabaseListItem", "CreatedDatabase", "UpdatedDatabase"])
  func databaseAnswersAreReadCompletely(schemaName: String) throws {
    let schemas = try Self.loadSchemas()
    let full = try #require(Self.sample(schemas[schemaName]!, in: schemas) as? [String: Any])
    let database = try JSONDecoder().decode(RemoteDatabase.self, from: Self.data(full))
    // Every field the spec answers with reaches the model with its value.
    let read: [String: Any?] = [
      "id": database.id, "slug": database.slug, "name": database.name,
      "engine": database.engine.rawValue, "version": database.version,
      "status": database.status.rawValue, "cpu": database.cpu, "memory": database.memory,
      "storageGb": database.storageGb, "storageClass": database.storageClass,
      "createdAt": database.createdAt, "updatedAt": database.updatedAt,
      "statusMessage": database.statusMessage,
    ]
    for (key, value) in full {
      let seen = try #require(read[key], "the spec's \(schemaName).\(key) is not read")
      #expect("\(seen ?? "nil")" == "\(value)", "\(schemaName).\(key)")
    }
    // An answer with only the spec's required fields is enough for the client.
    let minimal = Self.sample(schemas[schemaName]!, in: schemas, requiredOnly: true)
    #expect(throws: Never.self) {
      _ = try JSONDecoder().decode(RemoteDatabase.self, from: Self.data(minimal))
    }
  }

  @Test func everyDatabaseFieldTheClientReadsIsInTheSpecWithItsType() throws {
    let schemas = try Self.loadSchemas()
    let spec = Self.properties("Database", in: schemas)
    let sample = try JSONDecoder().decode(
      RemoteDatabase.self, from: Self.data(Self.sample(schemas["Database"]!, in: schemas)))
    let clientFields = Self.fieldNames(sample)
    #expect(clientFields == Set(spec.keys))
    for (key, node) in spec {
      let expected = key == "storageGb" ? "integer" : "string"
      #expect(Self.jsonType(node) == expected, "Database.\(key)")
    }
  }

  @Test func createRequestsMatchTheSpec() throws {
    let schemas = try Self.loadSchemas()
    let spec = Self.properties("CreateDatabaseRequest", in: schemas)
    let full = CreateDatabaseRequest(
      name: "N", slug: "n", engine: .mysql, version: "8", cpu: "1", memory: "1Gi",
      storageGb: 20, storageClass: "fast")
    let encoded = try #require(
      JSONSerialization.jsonObject(with: JSONEncoder().encode(full)) as? [String: Any])
    #expect(Set(encoded.keys) == Set(spec.keys))
    for (key, value) in encoded {
      let type = Self.jsonType(spec[key] ?? [:])
      #expect(type == (value is String ? "string" : "integer"), "CreateDatabaseRequest.\(key)")
    }
    let minimal = CreateDatabaseRequest(name: "N", slug: "n", engine: .redis)
    let minimalKeys = try #require(
      JSONSerialization.jsonObject(with: JSONEncoder().encode(minimal)) as? [String: Any]
    ).keys
    #expect(Set(minimalKeys) == Self.required("CreateDatabaseRequest", in: schemas))
  }

  @Test func updateRequestsMatchTheSpec() throws {
    let schemas = try Self.loadSchemas()
    let spec = Self.properties("UpdateDatabaseRequest", in: schemas)
    let full = UpdateDatabaseRequest(name: "N", cpu: "1", memory: "1Gi", storageGb: 20)
    let encoded = try #require(
      JSONSerialization.jsonObject(with: JSONEncoder().encode(full)) as? [String: Any])
    #expect(Set(encoded.keys) == Set(spec.keys))
    for (key, value) in encoded {
      #expect(Self.jsonType(spec[key] ?? [:]) == (value is String ? "string" : "integer"))
    }
    #expect(Self.required("UpdateDatabaseRequest", in: schemas).isEmpty)
    let empty = try JSONEncoder().encode(UpdateDatabaseRequest(cpu: "2"))
    #expect(String(decoding: empty, as: UTF8.self) == #"{"cpu":"2"}"#)
  }

  @Test func pagesStatusConnectionAndErrorsMatchTheSpec() throws {
    let schemas = try Self.loadSchemas()
    let page = try JSONDecoder().decode(
      WireDatabasePage.self, from: Self.data(Self.sample(schemas["DatabaseList"]!, in: schemas)))
    #expect(Self.fieldNames(page) == Set(Self.properties("DatabaseList", in: schemas).keys))
    let meta = try #require(page.meta)
    let metaSpec = Self.resolve(
      Self.properties("DatabaseList", in: schemas)["meta"] ?? [:], in: schemas)
    #expect(Self.fieldNames(meta) == Set((metaSpec["properties"] as? [String: Any] ?? [:]).keys))

    let status = try JSONDecoder().decode(
      ReplicaStatus.self,
      from: Self.data(Self.sample(schemas["ReplicaStatus"]!, in: schemas)))
    #expect(Self.fieldNames(status) == Set(Self.properties("ReplicaStatus", in: schemas).keys))

    let connection = try JSONDecoder().decode(
      ConnectionInfo.self, from: Self.data(Self.sample(schemas["Connection"]!, in: schemas)))
    #expect(Self.fieldNames(connection) == Set(Self.properties("Connection", in: schemas).keys))
    #expect(Self.required("Connection", in: schemas) == Self.fieldNames(connection))

    let error = try JSONDecoder().decode(
      WireErrorBody.self, from: Self.data(Self.sample(schemas["Error"]!, in: schemas)))
    #expect(error.error.code == "text")
    #expect(error.error.message == "text")
  }
}
