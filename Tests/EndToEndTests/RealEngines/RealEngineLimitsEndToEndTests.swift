import Foundation
import Testing

/// Real servers within the machine, and their failures in the engines' own words: a memory
/// larger than the machine runs capped instead of failing, and a server that cannot start
/// says why in `apply`, `get` and `drift`, not only in `local status`.
@Suite(
  .serialized, .timeLimit(.minutes(5)),
  .enabled(
    if: RealEngines.installed || RealEngines.required,
    "PostgreSQL, MariaDB and Redis are not installed (CI installs them)"))
struct RealEngineLimitsEndToEndTests {
  static let realEngines = RealEnginesEndToEndTests.realEngines

  static func manifest(memory: String) -> String {
    """
    workspace: demo
    databases:
      - {slug: app-db, name: App, engine: postgresql, memory: \(memory)}
      - {slug: orders, name: Orders, engine: mysql, memory: \(memory)}

    """
  }

  /// Half the machine's memory, rounded down to 4 MiB: the most an engine is given.
  static var cap: Int64 {
    let physical = Int64(sysconf(Int32(_SC_PHYS_PAGES))) * Int64(sysconf(Int32(_SC_PAGESIZE)))
    let granule: Int64 = 4 * 1024 * 1024
    return physical / 2 / granule * granule
  }

  @Test func aMemoryLargerThanTheMachineRunsCappedAndSaysSo() async throws {
    let scratch = try ScratchDirectory()
    defer { RealEnginesEndToEndTests.cleanUp(scratch) }
    try scratch.write("db.yaml", Self.manifest(memory: "1024Gi"))
    let applied = try await DooordbProcess.run(
      ["apply", "--local", "--auto-approve", "db.yaml"], in: scratch.url,
      environment: Self.realEngines)
    #expect(applied.exitCode == 0, "\(applied.stdout)\(applied.stderr)")
    for (slug, setting) in [
      ("app-db", "shared_buffers"), ("orders", "innodb_buffer_pool_size"),
    ] {
      let note =
        "local: demo/\(slug): memory 1024Gi is more than this machine can give one database"
      #expect(applied.stderr.components(separatedBy: note).count == 2, "\(applied.stderr)")
      #expect(applied.stderr.contains("the engine runs with \(setting) "), "\(applied.stderr)")
    }
    let status = try await LocalStatusDocument.read(in: scratch.url)
    for row in status.databases { #expect(row.status == "ready" && row.mode == "real") }

    // Each engine reports the capped setting: a quarter and a half of the cap.
    let app = try await RealEnginesEndToEndTests().uri("app-db", in: scratch)
    let orders = try await RealEnginesEndToEndTests().uri("orders", in: scratch)
    #expect(
      try RealEngines.query(
        app, "SELECT setting::bigint * 8192 FROM pg_settings WHERE name = 'shared_buffers'")
        == String(Self.cap / 4))
    #expect(
      try RealEngines.query(orders, "SELECT @@innodb_buffer_pool_size") == String(Self.cap / 2))

    // The record keeps the declared memory: nothing to change.
    let planned = try await DooordbProcess.run(
      ["plan", "--local", "db.yaml"], in: scratch.url, environment: Self.realEngines)
    #expect(planned.exitCode == 0 && planned.stdout.contains("No changes"), "\(planned.stdout)")
  }

  @Test func serversThatCannotStartSayWhyInApplyGetAndDrift() async throws {
    let scratch = try ScratchDirectory()
    defer { RealEnginesEndToEndTests.cleanUp(scratch) }
    try scratch.write("db.yaml", Self.manifest(memory: "256Mi"))
    let applied = try await DooordbProcess.run(
      ["apply", "--local", "--auto-approve", "db.yaml"], in: scratch.url,
      environment: Self.realEngines)
    try #require(applied.exitCode == 0, "\(applied.stdout)\(applied.stderr)")
    let tests = RealEnginesEndToEndTests()
    let engines = scratch.file(".dooordb/engines")
    // Data folders neither engine will start from: a PostgreSQL of an unknown version, a
    // MariaDB without its system tables.
    let app = engines.appendingPathComponent(try await tests.databaseID("app-db", in: scratch))
    try Data("99\n".utf8).write(to: app.appendingPathComponent("data/PG_VERSION"))
    let orders = engines.appendingPathComponent(try await tests.databaseID("orders", in: scratch))
    try FileManager.default.removeItem(at: orders.appendingPathComponent("data/mysql"))

    // A new memory restarts both: every start fails, and apply says why.
    try scratch.write("db.yaml", Self.manifest(memory: "320Mi"))
    let resized = try await DooordbProcess.run(
      ["apply", "--local", "--auto-approve", "db.yaml"], in: scratch.url,
      environment: Self.realEngines)
    let said = resized.stdout + resized.stderr
    #expect(resized.exitCode == 1, "\(said)")
    let postgresReason = "is not compatible with this version"
    let mariaDBReason = "[ERROR] Fatal error: Can't open and lock privilege tables"
    for reason in [postgresReason, mariaDBReason] {
      #expect(said.contains("ended in status error: "), "\(said)")
      #expect(said.contains(reason), "\(said)")
    }
    #expect(!said.contains("[ERROR] Aborting"), "\(said)")

    let got = try await DooordbProcess.run(
      ["get", "--local", "--workspace", "demo", "orders"], in: scratch.url,
      environment: Self.realEngines)
    #expect(got.stdout.contains("message:") && got.stdout.contains(mariaDBReason), "\(got.stdout)")
    let json = try await DooordbProcess.run(
      ["get", "--local", "--workspace", "demo", "app-db", "--format", "json"], in: scratch.url,
      environment: Self.realEngines)
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    #expect(
      (object?["statusMessage"] as? String)?.contains(postgresReason) == true, "\(json.stdout)")

    let drift = try await DooordbProcess.run(
      ["drift", "--local", "db.yaml"], in: scratch.url, environment: Self.realEngines)
    #expect(drift.exitCode == 2, "\(drift.stdout)")
    #expect(drift.stdout.contains("  ! demo/orders (error): "), "\(drift.stdout)")
    #expect(drift.stdout.contains(mariaDBReason), "\(drift.stdout)")
  }
}
