import Foundation

/// The JSON of each database as a list item, kept until the database or its status changes.
///
/// A full listing asks for every page in turn, and encoding 100 databases with `JSONEncoder`
/// costs more than everything else a page does; most databases are unchanged between two
/// listings, so their bytes are reused.
struct LocalListItemCache {
  private struct Entry {
    var record: LocalDatabaseRecord
    var status: String
    var json: [UInt8]
  }

  private var entries: [String: Entry] = [:]

  /// The list-item JSON of `record` in `status`, encoded only when not already known.
  mutating func json(
    for record: LocalDatabaseRecord, status: String, encoder: JSONEncoder
  ) -> [UInt8] {
    if let entry = entries[record.id], entry.status == status, entry.record == record {
      return entry.json
    }
    let body = LocalDatabaseBody(record, status: status, shape: .listItem)
    let json = Array((try? encoder.encode(body)) ?? Data("{}".utf8))
    entries[record.id] = Entry(record: record, status: status, json: json)
    return json
  }

  /// Forgets the databases that are no longer held.
  mutating func keep(only ids: some Sequence<String>) {
    let kept = Set(ids)
    entries = entries.filter { kept.contains($0.key) }
  }
}
