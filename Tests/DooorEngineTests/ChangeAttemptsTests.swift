import DooorCore
import Testing

@testable import DooorEngine

@Suite("Sending a change as a state machine", .timeLimit(.minutes(1)))
struct ChangeAttemptsTests {
  private static let timeout = Duration.seconds(60)

  private func machine(_ change: ChangeAttempts.Change, limit: Int = 3) -> ChangeAttempts {
    ChangeAttempts(
      change: change, activity: "updating it", limit: limit, deadline: Self.timeout,
      timeout: Self.timeout)
  }

  private func failure(_ status: Int, mayHaveTakenEffect: Bool = false) -> APIError {
    APIError(
      kind: .http(status: status, code: nil), method: "PATCH", path: "/databases/db_1",
      message: "status \(status)", mayHaveTakenEffect: mayHaveTakenEffect)
  }

  @Test func whatTheTransportGaveUpOnIsFinal() {
    for status in [429, 503, 422] {
      var attempts = machine(.repeatable)
      #expect(attempts.start(now: .zero) == .send)
      attempts.sending()
      guard case .fail(let reason) = attempts.failed(failure(status)) else {
        Issue.record("status \(status) was not final")
        continue
      }
      #expect(reason.contains("HTTP \(status)"))
    }
  }

  @Test func aBusyDatabaseIsWaitedForThenSentAgainUpToTheLimit() {
    var attempts = machine(.repeatable, limit: 2)
    attempts.sending()
    #expect(attempts.failed(failure(409)) == .waitUntilSettled)
    #expect(attempts.settled(now: .seconds(5)) == .pause(.seconds(1)))
    #expect(attempts.paused(now: .seconds(6)) == .send)
    attempts.sending()
    #expect(attempts.failed(failure(409)) == .fail("gave up after 2 attempts: \(failure(409))"))
  }

  @Test func aCreateThatMayHaveBeenCarriedOutIsCheckedBySlugBeforeItIsSentAgain() {
    var attempts = machine(.create)
    attempts.sending()
    #expect(attempts.failed(failure(503, mayHaveTakenEffect: true)) == .checkSlug)
    #expect(attempts.slugFree(now: .seconds(1)) == .pause(.seconds(1)))
    #expect(attempts.paused(now: .seconds(2)) == .send)
  }

  @Test func aConflictForASlugNobodyHoldsIsTheAPIsWord() {
    var attempts = machine(.create)
    attempts.sending()
    #expect(attempts.failed(failure(409)) == .checkSlug)
    #expect(attempts.slugFree(now: .seconds(1)) == .fail(failure(409).description))
  }

  @Test func nothingIsSentAgainAtOrAfterTheDeadline() {
    var attempts = machine(.create)
    attempts.sending()
    #expect(attempts.failed(failure(503, mayHaveTakenEffect: true)) == .checkSlug)
    guard case .fail(let reason) = attempts.slugFree(now: Self.timeout) else {
      Issue.record("sent again after the deadline")
      return
    }
    #expect(reason.hasPrefix("timed out after 1m 00s updating it"))
  }

  @Test func aRequestTheDeadlineLeftNoTimeForTimesOut() {
    var attempts = machine(.repeatable)
    attempts.sending()
    let notSent = APIError(
      kind: .outOfTime, method: "PATCH", path: "/databases/db_1", message: "not sent")
    guard case .fail(let reason) = attempts.failed(notSent) else {
      Issue.record("not a failure")
      return
    }
    #expect(reason.hasPrefix("timed out after 1m 00s updating it"))
  }
}
