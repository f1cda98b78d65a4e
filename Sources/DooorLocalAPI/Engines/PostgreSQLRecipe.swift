import Foundation

/// PostgreSQL: `initdb` makes the generated user the cluster's owner (password auth over
/// TCP, no Unix socket), and `prepare` creates the slug's database.
struct PostgreSQLRecipe: EngineRecipe {
  func initialize(_ launch: EngineLaunch, process: EngineProcess) async throws {
    let passwordFile = launch.folder.appendingPathComponent("initdb-password")
    try launch.writePrivate(launch.password + "\n", to: passwordFile)
    defer { try? FileManager.default.removeItem(at: passwordFile) }
    let outcome = try await process.run([
      try launch.installation.program("initdb"), "-D", launch.data.path, "-U", launch.username,
      "--auth=scram-sha-256", "--pwfile=\(passwordFile.path)", "--encoding=UTF8", "--locale=C",
      "--no-sync",
    ])
    guard outcome.succeeded else {
      throw EngineError("initdb failed: \(EngineLog.lastLine(of: outcome.output))")
    }
  }

  /// shared_buffers is a quarter of the database's memory (CONTRACT §7), in whole kB, at
  /// least PostgreSQL's minimum of 128kB.
  func memorySetting(forBytes bytes: Int64) -> EngineMemorySetting {
    EngineMemorySetting(name: "shared_buffers", bytes: max(bytes / 4 / 1024, 128) * 1024)
  }

  func serverCommand(_ launch: EngineLaunch) throws -> [String] {
    let sharedBuffersKB = memorySetting(forBytes: launch.memoryBytes).bytes / 1024
    return [
      try launch.installation.program("postgres"), "-D", launch.data.path,
      "-p", String(launch.port), "-c", "listen_addresses=127.0.0.1",
      "-c", "unix_socket_directories=", "-c", "shared_buffers=\(sharedBuffersKB)kB",
      "-c", "max_connections=50",
    ]
  }

  func prepare(_ launch: EngineLaunch, process: EngineProcess) async throws {
    let name = launch.database.replacingOccurrences(of: "'", with: "''")
    let identifier = launch.database.replacingOccurrences(of: "\"", with: "\"\"")
    let script = """
      SELECT 'CREATE DATABASE "\(identifier)"' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '\(name)')\\gexec

      """
    let outcome = try await psql(launch, database: "postgres", input: script, process: process)
    guard outcome.succeeded else {
      throw EngineError(
        "could not create database \(launch.database): \(EngineLog.lastLine(of: outcome.output))")
    }
  }

  func accepts(_ launch: EngineLaunch, administrative: Bool, process: EngineProcess) async -> Bool {
    guard
      let outcome = try? await psql(
        launch, database: administrative ? "postgres" : launch.database, command: "SELECT 1",
        process: process)
    else { return false }
    return outcome.succeeded
      && outcome.output.trimmingCharacters(in: .whitespacesAndNewlines) == "1"
  }

  private func psql(
    _ launch: EngineLaunch, database: String, command: String? = nil, input: String? = nil,
    process: EngineProcess
  ) async throws -> EngineProcess.Outcome {
    var arguments = [
      try launch.installation.program("psql"), "-XAtq", "-v", "ON_ERROR_STOP=1",
      "host=127.0.0.1 port=\(launch.port) user=\(launch.username) dbname=\(database) connect_timeout=3",
    ]
    if let command { arguments += ["-c", command] }
    // The password travels in the environment, never on a command line `ps` shows.
    return try await process.run(
      arguments, environment: ["PGPASSWORD": launch.password], input: input, asEngineUser: false,
      timeout: .seconds(10))
  }
}
