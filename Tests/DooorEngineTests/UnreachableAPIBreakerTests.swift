import DooorCore
import Testing

@testable import DooorEngine

/// The breaker counts calls that got no answer, in a row across steps; any answer resets it.
@Suite(.timeLimit(.minutes(1))) struct UnreachableAPIBreakerTests {
  static let refused = APIError(
    kind: .transport, method: "GET", path: "/w", message: "could not connect")
  static let timedOut = APIError(kind: .timeout, method: "POST", path: "/w", message: "no answer")
  static let answered = APIError(
    kind: .http(status: 500, code: nil), method: "GET", path: "/w", message: "boom")

  @Test func tripsAfterTheThresholdOfUnansweredCallsInARow() {
    let breaker = UnreachableAPIBreaker(threshold: 3)
    breaker.record(.failure(Self.refused))
    breaker.record(.failure(Self.timedOut))
    #expect(!breaker.isTripped && breaker.reason == nil)
    breaker.record(.failure(Self.refused))
    #expect(breaker.isTripped)
    #expect(breaker.reason?.hasPrefix("the API did not answer 3 requests in a row") == true)
  }

  @Test func anyAnswerResetsTheCount() {
    let breaker = UnreachableAPIBreaker(threshold: 3)
    for answer: Result<Void, any Error> in [.success(()), .failure(Self.answered)] {
      breaker.record(.failure(Self.refused))
      breaker.record(.failure(Self.refused))
      breaker.record(answer)
    }
    breaker.record(.failure(Self.refused))
    breaker.record(.failure(Self.refused))
    #expect(!breaker.isTripped)
  }

  @Test func cancelledCallsNeitherCountNorReset() {
    let breaker = UnreachableAPIBreaker(threshold: 2)
    breaker.record(.failure(Self.refused))
    breaker.record(
      .failure(APIError(kind: .cancelled, method: "GET", path: "/w", message: "cancelled")))
    breaker.record(.failure(Self.refused))
    #expect(breaker.isTripped)
  }
}
