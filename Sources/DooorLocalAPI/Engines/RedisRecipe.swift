import Foundation

/// Redis: a configuration file (mode 0600: it holds the password) written at every start,
/// with an append-only file synced on every write so data survives a `kill -9`.
struct RedisRecipe: EngineRecipe {
  func initialize(_ launch: EngineLaunch, process: EngineProcess) async throws {
    try FileManager.default.createDirectory(at: launch.data, withIntermediateDirectories: true)
    try launch.user?.own(launch.data)
  }

  /// maxmemory is the database's whole memory (CONTRACT §7), at least 1 MiB: 0 would mean
  /// "no limit".
  func memorySetting(forBytes bytes: Int64) -> EngineMemorySetting {
    EngineMemorySetting(name: "maxmemory", bytes: max(bytes, 1024 * 1024))
  }

  func serverCommand(_ launch: EngineLaunch) throws -> [String] {
    let configuration = launch.folder.appendingPathComponent("redis.conf")
    let maxMemory = memorySetting(forBytes: launch.memoryBytes).bytes
    try launch.writePrivate(
      """
      port \(launch.port)
      bind 127.0.0.1
      protected-mode yes
      dir "\(launch.data.path)"
      requirepass "\(launch.password)"
      maxmemory \(maxMemory)
      appendonly yes
      appendfsync always
      save ""
      daemonize no

      """, to: configuration)
    return [try launch.installation.program("redis-server"), configuration.path]
  }

  func prepare(_ launch: EngineLaunch, process: EngineProcess) async throws {}

  func accepts(_ launch: EngineLaunch, administrative: Bool, process: EngineProcess) async -> Bool {
    guard let client = try? launch.installation.program("redis-cli"),
      let outcome = try? await process.run(
        [client, "-h", "127.0.0.1", "-p", String(launch.port), "--no-auth-warning", "PING"],
        // REDISCLI_AUTH keeps the password off the command line.
        environment: ["REDISCLI_AUTH": launch.password], asEngineUser: false,
        timeout: .seconds(10))
    else { return false }
    return outcome.succeeded
      && outcome.output.trimmingCharacters(in: .whitespacesAndNewlines) == "PONG"
  }
}
