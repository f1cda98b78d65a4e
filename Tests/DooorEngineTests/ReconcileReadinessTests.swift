import DooorEngine
import Testing

/// `/readyz`, on instants the test picks: ready once a cycle reached the API, not after one that did not,
/// and not while the cycle under way has not heard from the API for an interval (a hung API).
@Suite(.timeLimit(.minutes(1)))
struct ReconcileReadinessTests {
  typealias Instant = ContinuousClock.Instant

  /// Instants counted from one fixed origin: no time passes for real.
  static let origin = ContinuousClock.now
  static func at(_ seconds: Int) -> Instant { origin.advanced(by: .seconds(seconds)) }

  @Test func readyOnlyAfterACycleReachedTheAPI() {
    var readiness = ReconcileReadiness<Instant>(interval: .seconds(60))
    #expect(!readiness.isReady(at: Self.at(0)), "no cycle yet")
    readiness.cycleStarted(at: Self.at(0))
    readiness.cycleReachedAPI(true)
    readiness.cycleEnded()
    #expect(readiness.isReady(at: Self.at(5)))
    readiness.cycleStarted(at: Self.at(60))
    readiness.cycleReachedAPI(false)
    readiness.cycleEnded()
    #expect(!readiness.isReady(at: Self.at(61)))
    // A cycle that never tries the API (invalid manifests) keeps the last answer.
    readiness.cycleStarted(at: Self.at(120))
    readiness.cycleEnded()
    #expect(!readiness.isReady(at: Self.at(121)))
  }

  @Test func aCycleRunningPastItsIntervalIsNotReadyUntilItEnds() {
    var readiness = ReconcileReadiness<Instant>(interval: .seconds(60))
    readiness.cycleStarted(at: Self.at(0))
    readiness.cycleReachedAPI(true)
    readiness.cycleEnded()
    // The next cycle hangs on the API: ready for its interval, then not.
    readiness.cycleStarted(at: Self.at(60))
    #expect(readiness.isReady(at: Self.at(120)))
    #expect(!readiness.isReady(at: Self.at(121)))
    readiness.cycleReachedAPI(true)
    readiness.cycleEnded()
    #expect(readiness.isReady(at: Self.at(200)))
  }

  /// An apply that waits for a database polls the API: as long as it answers, the cycle is
  /// not hung however long it runs; once it falls silent for an interval, it is.
  @Test func aLongCycleThatHearsFromTheAPIStaysReady() {
    var readiness = ReconcileReadiness<Instant>(interval: .seconds(60))
    readiness.cycleStarted(at: Self.at(0))
    readiness.cycleReachedAPI(true)
    for second in stride(from: 10, through: 300, by: 10) {
      readiness.apiAnswered(at: Self.at(second))
      #expect(readiness.isReady(at: Self.at(second + 5)), "at \(second + 5) s")
    }
    #expect(readiness.isReady(at: Self.at(360)))
    #expect(!readiness.isReady(at: Self.at(361)), "silent for more than the interval")
    // An answer from before this cycle does not count for it.
    readiness.cycleEnded()
    readiness.cycleStarted(at: Self.at(400))
    #expect(!readiness.isReady(at: Self.at(461)))
  }
}
