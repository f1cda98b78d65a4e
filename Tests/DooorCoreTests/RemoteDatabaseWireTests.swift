import DooorCore
import Foundation
import Testing

/// The one JSON form of a database: tolerant where an API may differ, precise where a field
/// the model needs is wrong, and written back without inventing nulls.
@Suite(.timeLimit(.minutes(1)))
struct RemoteDatabaseWireTests {
  static func decode(_ json: String) throws -> RemoteDatabase {
    try JSONDecoder().decode(RemoteDatabase.self, from: Data(json.utf8))
  }

  @Test func unknownFieldsAreIgnoredAndOptionalOnesMayBeMissing() throws {
    let database = try Self.decode(
      #"{"id": "db_1", "slug": "cache", "engine": "keydb", "version": 7, "cpu": 0.5,"#
        + #" "region": "eu-1", "tags": {"team": "core"}}"#)
    #expect(database.name == "cache", "a missing name reads as the slug")
    #expect(database.engine == .unknown("keydb"))
    #expect(database.status == .unknown("unknown"))
    #expect(database.version == "7" && database.cpu == "0.5")
    #expect(database.memory == nil && database.storageGb == nil && database.createdAt == nil)
  }

  @Test(arguments: [
    (#"{"slug": "a", "engine": "redis"}"#, "id"),
    (#"{"id": "x", "slug": "a", "engine": 5}"#, "engine"),
    (#"{"id": "x", "slug": "a", "engine": "redis", "storageGb": "20"}"#, "storageGb"),
  ])
  func aWrongRequiredFieldIsNamed(_ json: String, _ field: String) {
    do {
      _ = try Self.decode(json)
      Issue.record("decoded \(json)")
    } catch DecodingError.keyNotFound(let key, _) {
      #expect(key.stringValue == field)
    } catch DecodingError.typeMismatch(_, let context) {
      #expect(context.codingPath.map(\.stringValue) == [field])
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func writesPresentFieldsOnlyAndReadsThemBack() throws {
    let database = RemoteDatabase(
      id: "db_1", slug: "orders", name: "Orders", engine: .postgresql, version: "16",
      status: .ready, cpu: "1", storageGb: 20)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let json = String(decoding: try encoder.encode(database), as: UTF8.self)
    #expect(
      json == #"{"cpu":"1","engine":"postgresql","id":"db_1","name":"Orders","slug":"orders","#
        + #""status":"ready","storageGb":20,"version":"16"}"#)
    #expect(try Self.decode(json) == database)
  }

  @Test func wireFieldsAreEveryKeyInOrder() {
    let database = RemoteDatabase(id: "i", slug: "s", name: "n", engine: .redis)
    #expect(database.wireFields.map { $0.key } == RemoteDatabase.WireKey.allCases)
  }
}
