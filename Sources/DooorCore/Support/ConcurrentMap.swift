/// Runs `transform` over `items` with at most `limit` calls in flight, results in input order:
/// one request per database (or page, or workspace) must neither queue up serially nor flood
/// the API, and CPU work (one manifest file each) should use every core and no more. The first
/// error cancels the calls still running and is thrown; a `transform` that cannot fail makes a
/// call that cannot either.
public func concurrentMap<Item: Sendable, Output: Sendable, Failure: Error>(
  _ items: [Item], limit: Int,
  _ transform: @escaping @Sendable (Item) async throws(Failure) -> Output
) async throws(Failure) -> [Output] {
  do {
    return try await mapInGroup(items, limit: limit, transform)
  } catch {
    // Only `transform` throws into the group, so its error is a `Failure`.
    throw error as! Failure
  }
}

private func mapInGroup<Item: Sendable, Output: Sendable, Failure: Error>(
  _ items: [Item], limit: Int,
  _ transform: @escaping @Sendable (Item) async throws(Failure) -> Output
) async throws -> [Output] {
  try await withThrowingTaskGroup(of: (Int, Output).self) { group in
    var results = [Output?](repeating: nil, count: items.count)
    var next = 0
    func startNext() {
      let index = next
      let item = items[index]
      group.addTask { (index, try await transform(item)) }
      next += 1
    }
    while next < min(max(1, limit), items.count) { startNext() }
    while let (index, output) = try await group.next() {
      results[index] = output
      if next < items.count { startNext() }
    }
    return results.map { $0! }
  }
}
