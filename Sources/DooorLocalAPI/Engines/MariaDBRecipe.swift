import Foundation

/// The `mysql` engine, served by MariaDB (the MySQL protocol, as Debian ships it). The user
/// and the slug's database are made by an init file the server runs on every start (the
/// statements are idempotent), so no administrator login is ever needed.
struct MariaDBRecipe: EngineRecipe {
  func initialize(_ launch: EngineLaunch, process: EngineProcess) async throws {
    let outcome = try await process.run([
      try launch.installation.program("mariadb-install-db"), "--no-defaults",
      "--datadir=\(launch.data.path)", "--auth-root-authentication-method=socket",
      "--skip-test-db",
    ])
    guard outcome.succeeded else {
      throw EngineError("mariadb-install-db failed: \(EngineLog.lastLine(of: outcome.output))")
    }
  }

  /// innodb_buffer_pool_size is half the database's memory (CONTRACT §7), in whole MiB (the
  /// server is started with 1 MiB chunks, so it keeps that size), at least 8 MiB.
  func memorySetting(forBytes bytes: Int64) -> EngineMemorySetting {
    let mebibyte: Int64 = 1024 * 1024
    return EngineMemorySetting(
      name: "innodb_buffer_pool_size",
      bytes: max((bytes / 2 + mebibyte - 1) / mebibyte, 8) * mebibyte)
  }

  func serverCommand(_ launch: EngineLaunch) throws -> [String] {
    let initFile = launch.folder.appendingPathComponent("init.sql")
    let database = launch.database.replacingOccurrences(of: "`", with: "``")
    let user = launch.username.replacingOccurrences(of: "'", with: "''")
    let password = launch.password.replacingOccurrences(of: "'", with: "''")
    try launch.writePrivate(
      """
      CREATE DATABASE IF NOT EXISTS `\(database)`;
      CREATE USER IF NOT EXISTS '\(user)'@'%' IDENTIFIED BY '\(password)';
      GRANT ALL PRIVILEGES ON `\(database)`.* TO '\(user)'@'%';

      """, to: initFile)
    // 1 MiB chunks keep MariaDB from rounding the pool up to its default 128 MiB chunk.
    let mebibyte: Int64 = 1024 * 1024
    let pool = memorySetting(forBytes: launch.memoryBytes).bytes
    // A Unix socket path is limited to about 100 bytes; a deep project folder exceeds it.
    var socket = launch.folder.appendingPathComponent("mariadb.sock").path
    if socket.utf8.count > 100 {
      socket = NSTemporaryDirectory() + "dooordb-mariadb-\(launch.port).sock"
    }
    return [
      try launch.installation.program("mariadbd"), "--no-defaults",
      "--datadir=\(launch.data.path)", "--port=\(launch.port)", "--bind-address=127.0.0.1",
      "--socket=\(socket)",
      "--pid-file=\(launch.folder.appendingPathComponent("mariadbd.pid").path)",
      "--skip-name-resolve", "--innodb-buffer-pool-chunk-size=\(mebibyte)",
      "--innodb-buffer-pool-size=\(pool)", "--innodb-log-file-size=\(8 * mebibyte)",
      "--max-connections=50", "--init-file=\(initFile.path)",
    ]
  }

  func prepare(_ launch: EngineLaunch, process: EngineProcess) async throws {}

  func accepts(_ launch: EngineLaunch, administrative: Bool, process: EngineProcess) async -> Bool {
    guard let client = try? launch.installation.program("mariadb"),
      let outcome = try? await process.run(
        [
          client, "--no-defaults", "--protocol=TCP", "--host=127.0.0.1", "--port=\(launch.port)",
          "--user=\(launch.username)", "--connect-timeout=3", "--batch", "--skip-column-names",
          "--execute=SELECT 1", launch.database,
        ],
        // MYSQL_PWD keeps the password off the command line.
        environment: ["MYSQL_PWD": launch.password], asEngineUser: false, timeout: .seconds(10))
    else { return false }
    return outcome.succeeded
      && outcome.output.trimmingCharacters(in: .whitespacesAndNewlines) == "1"
  }
}
