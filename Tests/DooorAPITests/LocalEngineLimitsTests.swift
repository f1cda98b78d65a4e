import DooorTestSupport
import Foundation
import Testing

@testable import DooorLocalAPI

/// The rules that keep real local databases within the machine and tell the user why: memory
/// capped at half the machine, the engine's own reason picked from its log, and a wait for
/// another command's lock that ends (or uses the `local serve` that holds it).
@Suite(.timeLimit(.minutes(1)))
struct LocalEngineLimitsTests {
  static let gibibyte: Int64 = 1024 * 1024 * 1024

  @Test func memoryOverHalfTheMachineIsCappedAndSaid() throws {
    let memory = EngineMemory(declaredBytes: 96 * Self.gibibyte, physicalBytes: 16 * Self.gibibyte)
    #expect(memory.usableBytes == 8 * Self.gibibyte)
    let setting = PostgreSQLRecipe().memorySetting(forBytes: memory.usableBytes)
    #expect(setting == EngineMemorySetting(name: "shared_buffers", bytes: 2 * Self.gibibyte))
    #expect(
      memory.capNote(declared: "96Gi", setting: setting)
        == "memory 96Gi is more than this machine can give one database (half of its 16.0 GiB);"
        + " the engine runs with shared_buffers 2.0 GiB")
    #expect(
      MariaDBRecipe().memorySetting(forBytes: memory.usableBytes).bytes == 4 * Self.gibibyte)
    #expect(RedisRecipe().memorySetting(forBytes: memory.usableBytes).bytes == 8 * Self.gibibyte)
  }

  @Test func memoryWithinTheMachineIsGivenWhole() {
    let memory = EngineMemory(declaredBytes: 512 * 1024 * 1024, physicalBytes: 16 * Self.gibibyte)
    #expect(memory.usableBytes == 512 * 1024 * 1024)
    #expect(memory.capNote(declared: "512Mi", setting: .init(name: "maxmemory", bytes: 1)) == nil)
    // A machine that does not say its memory caps nothing.
    #expect(EngineMemory(declaredBytes: 96 * Self.gibibyte, physicalBytes: nil).isCapped == false)
  }

  @Test func theCapIsWholeMebibytesForEveryEngine() {
    // An odd machine size: a quarter and a half of the cap are still whole MiB.
    let memory = EngineMemory(
      declaredBytes: 1024 * Self.gibibyte, physicalBytes: 23_456_789_012)
    #expect(memory.usableBytes % (4 * 1024 * 1024) == 0)
    #expect(memory.usableBytes <= 23_456_789_012 / 2)
  }

  @Test func mariaDBsReasonIsTheErrorBeforeItsClosingAborting() {
    let log = """
      2026-12-01 21:00:00 0 [Note] Starting MariaDB 10.11.19 as process 1234
      2026-12-01 21:00:00 0 [ERROR] InnoDB: Cannot allocate 51539607552 bytes of memory
      2026-12-01 21:00:00 0 [ERROR] Plugin 'InnoDB' init function returned error.
      2026-12-01 21:00:00 0 [ERROR] Unknown/unsupported storage engine: InnoDB
      2026-12-01 21:00:00 0 [ERROR] Aborting

      """
    #expect(
      EngineLog.lastLine(of: log)
        == "2026-12-01 21:00:00 0 [ERROR] Unknown/unsupported storage engine: InnoDB")
  }

  @Test func postgreSQLAndRedisReasonsAreTheirFailureLines() {
    let postgres = """
      2026-12-01 21:00:00.000 UTC [77] FATAL:  could not map anonymous shared memory: Cannot allocate memory
      2026-12-01 21:00:00.000 UTC [77] HINT:  This error usually means that PostgreSQL's request exceeded
      2026-12-01 21:00:00.001 UTC [77] LOG:  database system is shut down

      """
    #expect(EngineLog.lastLine(of: postgres).contains("FATAL:  could not map anonymous shared"))
    let redis = """
      88:M 01 Dec 2026 21:00:00.000 * Running mode=standalone, port=6379.
      88:M 01 Dec 2026 21:00:00.000 # Warning: Could not create server TCP listening socket 127.0.0.1:6379: bind: Address already in use
      88:M 01 Dec 2026 21:00:00.000 * Shutting down

      """
    #expect(EngineLog.lastLine(of: redis).contains("# Warning: Could not create server TCP"))
    #expect(EngineLog.lastLine(of: "only line\n") == "only line")
  }

  @Test func aWaitForAnotherCommandsLockEnds() async throws {
    let folder = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let stateFile = folder.appendingPathComponent("local-state.json")
    let holder = try #require(try LocalStateLock.tryAcquire(stateFile: stateFile))
    defer { holder.release() }
    holder.publish(url: "http://127.0.0.1:1/api/v1")
    let clock = SteppedClock(advancesBySleeping: true)
    await #expect(throws: LocalStateLock.WaitedTooLong.self) {
      _ = try await LocalStateLock.acquire(
        stateFile: stateFile, limit: .seconds(30), clock: clock, adopt: { $0.isLiveServer })
    }
    #expect(clock.elapsed >= .seconds(30))
  }

  @Test func aRunningLocalServeIsUsedInsteadOfWaitedFor() async throws {
    let folder = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let stateFile = folder.appendingPathComponent("local-state.json")
    let holder = try #require(try LocalStateLock.tryAcquire(stateFile: stateFile))
    defer { holder.release() }
    holder.publish(url: "http://127.0.0.1:1/api/v1", lasting: true)
    let clock = SteppedClock(advancesBySleeping: true)
    let acquisition = try await LocalStateLock.acquire(
      stateFile: stateFile, limit: .seconds(600), clock: clock, adopt: { $0.isLiveServer })
    guard case .servedBy(let server) = acquisition else {
      Issue.record("the lock was taken while another holds it")
      return
    }
    #expect(server.url == "http://127.0.0.1:1/api/v1" && server.pid == getpid())
    #expect(clock.elapsed == .zero)
  }
}
