/// Finds dependency cycles to report, each written from its smallest slug back to it
/// (`a -> b -> a`), at least one for every group of databases that wait on each other.
enum DependencyCycles {
  static func find(in edges: [String: [String]]) -> [[String]] {
    enum Mark { case active, done }
    var marks: [String: Mark] = [:]
    var cycles: [[String]] = []
    var seenCycles: Set<[String]> = []
    let successors = edges.mapValues { $0.sorted() }

    // Depth-first, with an explicit stack: a chain of 10,000 databases must not overflow the
    // call stack.
    for root in successors.keys.sorted() where marks[root] == nil {
      var path: [String] = [root]
      var nextEdge: [Int] = [0]
      marks[root] = .active
      while let node = path.last {
        let index = nextEdge[nextEdge.count - 1]
        let targets = successors[node] ?? []
        guard index < targets.count else {
          marks[node] = .done
          path.removeLast()
          nextEdge.removeLast()
          continue
        }
        nextEdge[nextEdge.count - 1] += 1
        let target = targets[index]
        switch marks[target] {
        case .active:
          let loop = Array(path[path.lastIndex(of: target)!...])
          let rotation = loop.indices.min { loop[$0] < loop[$1] }!
          let canonical = Array(loop[rotation...] + loop[..<rotation])
          if seenCycles.insert(canonical).inserted { cycles.append(canonical + [canonical[0]]) }
        case .done:
          continue
        case nil:
          marks[target] = .active
          path.append(target)
          nextEdge.append(0)
        }
      }
    }
    return cycles
  }
}
