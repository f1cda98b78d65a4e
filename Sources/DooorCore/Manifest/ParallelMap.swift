import Dispatch

/// Maps a collection on every core, keeping the order. For pure CPU work on independent
/// values (one manifest file each); nothing is shared between iterations.
enum ParallelMap {
  static func map<Element: Sendable, Result: Sendable>(
    _ elements: [Element], _ transform: @Sendable (Element) -> Result
  ) -> [Result] {
    guard elements.count > 1 else { return elements.map(transform) }
    let results = UnsafeResults<Result>(count: elements.count)
    DispatchQueue.concurrentPerform(iterations: elements.count) { index in
      results.store(transform(elements[index]), at: index)
    }
    return results.collect()
  }
}

/// One slot per iteration, each written by exactly one iteration before `collect` reads them:
/// no two threads ever touch the same slot, which is what makes the unchecked Sendable sound.
private final class UnsafeResults<Result>: @unchecked Sendable {
  private let slots: UnsafeMutablePointer<Result?>
  private let count: Int

  init(count: Int) {
    self.count = count
    slots = .allocate(capacity: count)
    slots.initialize(repeating: nil, count: count)
  }

  deinit {
    slots.deinitialize(count: count)
    slots.deallocate()
  }

  func store(_ result: Result, at index: Int) { slots[index] = result }

  func collect() -> [Result] { (0..<count).map { slots[$0]! } }
}
