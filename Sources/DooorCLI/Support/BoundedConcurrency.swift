/// Runs `transform` over `items` with at most `limit` calls in flight, results in input order:
/// one request per database must neither queue up serially nor flood the API.
func concurrentMap<Item: Sendable, Result: Sendable>(
  _ items: [Item], limit: Int, _ transform: @escaping @Sendable (Item) async throws -> Result
) async throws -> [Result] {
  try await withThrowingTaskGroup(of: (Int, Result).self) { group in
    var results: [Result?] = Array(repeating: nil, count: items.count)
    var next = 0
    func startNext() {
      let index = next
      let item = items[index]
      group.addTask { (index, try await transform(item)) }
      next += 1
    }
    while next < min(limit, items.count) { startNext() }
    while let (index, result) = try await group.next() {
      results[index] = result
      if next < items.count { startNext() }
    }
    return results.map { $0! }
  }
}
