import DooorCore
import DooorLocalAPI
import DooorTestSupport
import Foundation
import Testing

/// `local status` on a state of simulated databases: the text table and the json document
/// (compared with the committed file that scripts/check-output-schemas.py checks against
/// schemas/local-status.schema.json).
@Suite(.timeLimit(.minutes(1)))
struct LocalStatusEndToEndTests {
  static let goldenDirectory = DooordbProcess.repositoryRoot.appendingPathComponent(
    "Tests/DooorCoreTests/Golden")

  static func seed(_ scratch: ScratchDirectory) throws {
    let epoch = Date(timeIntervalSince1970: 1_744_275_600)
    func record(_ id: String, _ slug: String, _ engine: Engine, failing: Bool = false)
      -> LocalDatabaseRecord
    {
      var record = LocalDatabaseRecord(
        id: id, workspace: "demo", slug: slug, name: slug, engine: engine, version: "7",
        cpu: "250m", memory: "512Mi", storageGb: 10, storageClass: "standard", createdAt: epoch,
        updatedAt: epoch, transition: nil, failing: failing, username: "u", password: "never-shown",
        databaseName: "d")
      record.statusMessage = failing ? "FATAL: the engine's last words" : nil
      return record
    }
    try LocalStateFile.save(
      LocalAPIState(
        nextSequence: 3,
        databases: [
          record("db_1", "cache", .redis), record("db_2", "broken", .postgresql, failing: true),
        ]), to: scratch.file(".dooordb/local-state.json"))
  }

  @Test func statusShowsEveryDatabaseWithoutItsSecrets() async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try Self.seed(scratch)
    let json = try await DooordbProcess.run(
      ["local", "status", "--format", "json"], in: scratch.url)
    #expect(json.exitCode == 0)
    Golden.check(json.stdout, at: Self.goldenDirectory, against: "local-status.json")
    let text = try await DooordbProcess.run(["local", "status"], in: scratch.url)
    #expect(text.exitCode == 0)
    #expect(text.stdout.contains("demo/cache   redis"))
    #expect(text.stdout.contains("simulated: FATAL: the engine's last words"))
    #expect(!(json.stdout + text.stdout).contains("never-shown"))
  }

  /// After `local stop` (or a reboot) a real database the API would call ready answers no
  /// client: its status says `stopped`, not `ready`.
  @Test func aRealDatabaseWhoseServerIsNotRunningIsStopped() async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let epoch = Date(timeIntervalSince1970: 1_744_275_600)
    var record = LocalDatabaseRecord(
      id: "db_1", workspace: "demo", slug: "cache", name: "Cache", engine: .redis, version: "7",
      cpu: "250m", memory: "512Mi", storageGb: 10, storageClass: "standard", createdAt: epoch,
      updatedAt: epoch, transition: nil, failing: false, username: "default",
      password: "never-shown", databaseName: "0", mode: .real)
    record.server = .init(port: 1, pid: nil)
    try LocalStateFile.save(
      LocalAPIState(nextSequence: 2, databases: [record]),
      to: scratch.file(".dooordb/local-state.json"))
    let json = try await LocalStatusDocument.read(in: scratch.url)
    let row = try json.row("cache")
    #expect(row.status == "stopped" && row.health == "stopped" && row.pid == nil)
    let text = try await DooordbProcess.run(["local", "status"], in: scratch.url)
    #expect(text.stdout.contains("real  stopped"), "\(text.stdout)")
  }

  @Test func stopAndResetRefuseWhileAnotherProcessOwnsTheState() async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try Self.seed(scratch)
    let server = try LocalServerProcess(stateFile: scratch.file(".dooordb/local-state.json"))
    defer { server.stop() }
    for arguments in [["local", "stop"], ["local", "reset", "--yes"]] {
      let refused = try await DooordbProcess.run(arguments, in: scratch.url)
      #expect(refused.exitCode == 1)
      #expect(refused.stderr.contains("serves \(server.url)"), "\(refused.stderr)")
    }
    #expect(FileManager.default.fileExists(atPath: scratch.file(".dooordb/local-state.json").path))
    server.stop()
    let reset = try await DooordbProcess.run(["local", "reset"], in: scratch.url)
    #expect(reset.exitCode == 1, "reset without a terminal and without --yes must refuse")
    #expect(FileManager.default.fileExists(atPath: scratch.file(".dooordb/local-state.json").path))
    let done = try await DooordbProcess.run(["local", "reset", "--yes"], in: scratch.url)
    #expect(done.exitCode == 0 && done.stdout.contains("Deleted 2 local databases"))
    #expect(!FileManager.default.fileExists(atPath: scratch.file(".dooordb/local-state.json").path))
  }

  /// `.dooordb/engines` may be a link someone made; reset deletes the link, never what it
  /// points at (only dooordb's own folder under /var/lib/dooordb is followed).
  @Test func resetDeletesALinkedEnginesFolderButNotWhatItPointsAt() async throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try Self.seed(scratch)
    let elsewhere = scratch.file("elsewhere")
    try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
    try Data("keep me".utf8).write(to: elsewhere.appendingPathComponent("precious.txt"))
    try FileManager.default.createSymbolicLink(
      at: scratch.file(".dooordb/engines"), withDestinationURL: elsewhere)
    let done = try await DooordbProcess.run(["local", "reset", "--yes"], in: scratch.url)
    #expect(done.exitCode == 0, "\(done.stderr)")
    #expect(
      FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent("precious.txt").path))
    #expect(!FileManager.default.fileExists(atPath: scratch.file(".dooordb/engines").path))
  }
}
