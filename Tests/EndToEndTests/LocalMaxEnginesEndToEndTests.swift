import Foundation
import Testing

/// `DOOORDB_LOCAL_MAX_ENGINES` is `--local`'s `--max-engines`: checked like it, and the quota
/// it sets names it.
@Suite(.timeLimit(.minutes(2)))
struct LocalMaxEnginesEndToEndTests {
  static let manifest =
    "workspace: demo\ndatabases:\n  - {slug: cache, name: Cache, engine: redis}\n"

  @Test(arguments: ["many", "-1", "2.5"])
  func aValueThatIsNotACountIsAUsageError(value: String) async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try scratch.write("db.yaml", Self.manifest)
    let result = try await DooordbProcess.run(
      ["plan", "--local", "db.yaml"], in: scratch.url,
      environment: ["DOOORDB_LOCAL_MAX_ENGINES": value])
    #expect(result.exitCode == 64, "\(result.stdout)\(result.stderr)")
    #expect(
      result.stderr.contains(
        "DOOORDB_LOCAL_MAX_ENGINES=\(value) is not a number of real servers (0 or more)"),
      "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: scratch.file(".dooordb").path))
  }

  @Test(
    .enabled(
      if: RealEngines.installed || RealEngines.required,
      "PostgreSQL, MariaDB and Redis are not installed (CI installs them)"))
  func theLimitAppliesToLocalCommands() async throws {
    let scratch = try ScratchDirectory()
    defer { RealEnginesEndToEndTests.cleanUp(scratch) }
    try scratch.write("db.yaml", Self.manifest)
    let simulated = try await DooordbProcess.run(
      ["apply", "--local", "--auto-approve", "db.yaml"], in: scratch.url,
      environment: ["DOOORDB_LOCAL_ENGINES": "auto", "DOOORDB_LOCAL_MAX_ENGINES": "0"])
    #expect(simulated.exitCode == 0, "\(simulated.stdout)\(simulated.stderr)")
    #expect(
      simulated.stderr.contains(
        "demo/cache: simulated, the local API already runs 0 real servers"
          + " (DOOORDB_LOCAL_MAX_ENGINES=0)"), "\(simulated.stderr)")
    let status = try await LocalStatusDocument.read(in: scratch.url)
    #expect(try status.row("cache").mode == "simulated")
  }
}
