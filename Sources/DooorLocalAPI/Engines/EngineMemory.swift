import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How much of a database's declared memory its engine is given on this machine. A manifest
/// written for production (`memory: 96Gi`) must still run on a laptop, so an engine is given
/// at most half the machine's physical memory; the record keeps the declared value, so plans
/// stay clean, and the user is told once.
struct EngineMemory: Sendable, Hashable {
  var declaredBytes: Int64
  /// Nil when the machine does not say.
  var physicalBytes: Int64?

  init(declaredBytes: Int64, physicalBytes: Int64? = Self.physicalMemory()) {
    self.declaredBytes = declaredBytes
    self.physicalBytes = physicalBytes
  }

  /// What the engine's setting is worked out from: the declared memory, or half the
  /// machine's, whichever is less. The half is rounded down to 4 MiB, so each engine's share
  /// of it (a quarter, a half) is whole mebibytes, as the engines report them.
  var usableBytes: Int64 {
    guard let physicalBytes, physicalBytes > 0 else { return declaredBytes }
    let granule: Int64 = 4 * 1024 * 1024
    return min(declaredBytes, max(physicalBytes / 2 / granule * granule, granule))
  }

  var isCapped: Bool { usableBytes < declaredBytes }

  /// The note for the user when the engine runs with less than declared, e.g. "memory 96Gi
  /// is more than this machine can give one database (half of its 23.4 GiB); the engine runs
  /// with shared_buffers 2.9 GiB".
  func capNote(declared: String, setting: EngineMemorySetting) -> String? {
    guard isCapped, let physicalBytes else { return nil }
    return "memory \(declared) is more than this machine can give one database"
      + " (half of its \(Self.describe(physicalBytes))); the engine runs with"
      + " \(setting.name) \(Self.describe(setting.bytes))"
  }

  /// The machine's physical memory: pages times page size.
  static func physicalMemory() -> Int64? {
    let pages = sysconf(Int32(_SC_PHYS_PAGES))
    let pageSize = sysconf(Int32(_SC_PAGESIZE))
    guard pages > 0, pageSize > 0 else { return nil }
    return Int64(pages) * Int64(pageSize)
  }

  /// `2.9 GiB`, `512 MiB`.
  static func describe(_ bytes: Int64) -> String {
    let mebibytes = Double(bytes) / 1_048_576
    if mebibytes >= 1024 {
      return String(format: "%.1f GiB", mebibytes / 1024)
    }
    return String(format: "%.0f MiB", mebibytes)
  }
}

/// An engine's memory setting as it is given to the server.
struct EngineMemorySetting: Sendable, Hashable {
  /// `shared_buffers`, `innodb_buffer_pool_size`, `maxmemory`.
  var name: String
  var bytes: Int64
}

extension LocalDatabaseRecord {
  /// What to tell the user when this real database's engine runs with less memory than its
  /// record declares; nil when it runs with all of it.
  var memoryCapNote: String? {
    guard mode == .real, let recipe = EngineRecipes.recipe(for: engine) else { return nil }
    let memory = EngineMemory(declaredBytes: memoryBytes)
    return memory.capNote(
      declared: self.memory, setting: recipe.memorySetting(forBytes: memory.usableBytes))
  }
}
