import DooorCore
import Testing

@testable import DooorEngine

@Suite("Readiness waiting as a state machine", .timeLimit(.minutes(5)))
struct ReadinessWaitTests {
  private static let timeout = Duration.seconds(20 * 60)

  private func database(_ status: DatabaseStatus) -> RemoteDatabase {
    Fixture.remote("db", id: "db_1", status: status)
  }

  @Test func pollsBackOffFromOneSecondToTen() {
    var backoff = PollBackoff()
    let pauses = (0..<8).map { _ in backoff.next() }
    #expect(pauses == [1, 1, 2, 4, 8, 10, 10, 10].map { Duration.seconds($0) })
  }

  @Test func readyNeedsTheStatusReadyAndEveryReplica() {
    var wait = ReadinessWait(goal: .ready, deadline: Self.timeout, timeout: Self.timeout)
    #expect(wait.start() == .fetchDatabase)
    #expect(wait.received(database: database(.provisioning), now: .zero) == .pause(.seconds(1)))
    #expect(wait.state == "provisioning")
    #expect(wait.paused() == .fetchDatabase)
    #expect(wait.received(database: database(.ready), now: .seconds(1)) == .fetchStatus)
    #expect(
      wait.received(replicas: ReplicaStatus(ready: 1, desired: 3), now: .seconds(1))
        == .pause(.seconds(1)))
    #expect(wait.state == "replicas 1/3")
    #expect(wait.received(database: database(.ready), now: .seconds(2)) == .fetchStatus)
    #expect(
      wait.received(replicas: ReplicaStatus(ready: 3, desired: 3), now: .seconds(2)) == .succeed)
  }

  @Test func anErrorStatusFailsTheWait() {
    var wait = ReadinessWait(goal: .ready, deadline: Self.timeout, timeout: Self.timeout)
    #expect(
      wait.received(database: database(.error), now: .zero)
        == .fail("the database ended in status error"))
  }

  @Test func anErrorStatusSaysTheServersReasonShownNotObeyed() {
    var wait = ReadinessWait(goal: .ready, deadline: Self.timeout, timeout: Self.timeout)
    var broken = database(.error)
    broken.statusMessage = "FATAL: \u{1B}[2Jout of memory"
    #expect(
      wait.received(database: broken, now: .zero)
        == .fail("the database ended in status error: FATAL: \\u{001B}[2Jout of memory"))
  }

  @Test func theDeadlineEndsTheWaitAfterALastLook() {
    var wait = ReadinessWait(goal: .ready, deadline: .seconds(30), timeout: .seconds(30))
    // The last pause is cut short so the final look happens at the deadline.
    #expect(
      wait.received(database: database(.provisioning), now: .seconds(25)) == .pause(.seconds(1)))
    _ = wait.received(database: database(.provisioning), now: .seconds(26))
    _ = wait.received(database: database(.provisioning), now: .seconds(28))
    #expect(
      wait.received(database: database(.provisioning), now: .seconds(29)) == .pause(.seconds(1)))
    guard
      case .fail(let reason) = wait.received(database: database(.provisioning), now: .seconds(30))
    else {
      Issue.record("expected the wait to time out")
      return
    }
    #expect(
      reason
        == "timed out after 30s waiting for the database to be ready (last status: provisioning)")
  }

  @Test func goneMeansNotFound() {
    var wait = ReadinessWait(goal: .gone, deadline: Self.timeout, timeout: Self.timeout)
    #expect(wait.received(database: database(.deleting), now: .zero) == .pause(.seconds(1)))
    let notFound = APIError(
      kind: .http(status: 404, code: nil), method: "GET", path: "/x", message: "not found")
    #expect(wait.requestFailed(notFound, now: .seconds(1)) == .succeed)
  }

  @Test func settledWaitsOutProvisioningAndUpdatingOnly() {
    for status: DatabaseStatus in [.provisioning, .updating, .unknown("migrating")] {
      var wait = ReadinessWait(goal: .settled, deadline: Self.timeout, timeout: Self.timeout)
      #expect(wait.received(database: database(status), now: .zero) == .pause(.seconds(1)))
    }
    for status: DatabaseStatus in [.ready, .error] {
      var wait = ReadinessWait(goal: .settled, deadline: Self.timeout, timeout: Self.timeout)
      #expect(wait.received(database: database(status), now: .zero) == .succeed)
    }
  }

  @Test func transientPollFailuresAreRetriedThenGivenUp() {
    var wait = ReadinessWait(goal: .ready, deadline: Self.timeout, timeout: Self.timeout)
    let unavailable = APIError(
      kind: .http(status: 503, code: nil), method: "GET", path: "/x", message: "unavailable",
      mayHaveTakenEffect: true)
    for _ in 1..<ReadinessWait.maximumConsecutiveFailures {
      guard case .pause = wait.requestFailed(unavailable, now: .zero) else {
        Issue.record("a transient failure should be retried")
        return
      }
    }
    guard case .fail(let reason) = wait.requestFailed(unavailable, now: .zero) else {
      Issue.record("should give up")
      return
    }
    #expect(reason.contains("HTTP 503"))
  }

  @Test func aRefusedPollFailsAtOnce() {
    var wait = ReadinessWait(goal: .ready, deadline: Self.timeout, timeout: Self.timeout)
    let forbidden = APIError(
      kind: .http(status: 403, code: nil), method: "GET", path: "/x", message: "forbidden")
    guard case .fail = wait.requestFailed(forbidden, now: .zero) else {
      Issue.record("a 403 will not go away by asking again")
      return
    }
  }
}

extension ReadinessWaitTests {
  @Test func aPollTheDeadlineLeftNoTimeForEndsTheWaitAsTimedOut() {
    var wait = ReadinessWait(goal: .ready, deadline: .seconds(60), timeout: .seconds(60))
    #expect(
      wait.received(database: database(.provisioning), now: .seconds(59)) == .pause(.seconds(1)))
    let notSent = APIError(
      kind: .outOfTime, method: "GET", path: "/databases/db_1", message: "not sent")
    #expect(
      wait.requestFailed(notSent, now: .seconds(60))
        == .fail(
          "timed out after 1m 00s waiting for the database to be ready (last status: provisioning)"
        ))
  }
}
