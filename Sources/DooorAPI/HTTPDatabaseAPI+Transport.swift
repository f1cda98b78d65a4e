import AsyncHTTPClient
import DooorCore
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// Sending: each request tried, and tried again as `RetrySchedule` says, through the shared
/// gate and within the caller's `RequestDeadline`.
extension HTTPDatabaseAPI {
  struct Answer {
    var status: Int
    var body: ByteBuffer
    var attempts: Int
  }

  private enum TryOutcome: Sendable {
    case answered(status: Int, headers: HTTPHeaders, body: ByteBuffer)
    case failed(any Error)
  }

  /// Sends one request, retrying what is safe to retry; returns a 2xx answer or throws
  /// `APIError`.
  func send(_ method: HTTPMethod, path: String, body: Data? = nil) async throws -> Answer {
    var schedule = RetrySchedule(policy: configuration.retryPolicy, method: method.rawValue)
    let timeLeft = RequestDeadline.timeLeft
    while true {
      let mayHaveTakenEffect = schedule.earlierTryMayHaveTakenEffect && method != .GET
      do {
        try Task.checkCancellation()
        guard try await gate.waitUntilOpen(within: timeLeft?()) else {
          throw outOfTime(method, path, mayHaveTakenEffect: mayHaveTakenEffect)
        }
      } catch is CancellationError {
        throw cancelled(method, path, mayHaveTakenEffect: mayHaveTakenEffect)
      }
      // A try never outlasts the deadline: it is shortened to the time left, or not made.
      var tryTimeout = configuration.requestTimeout
      if let left = timeLeft?() {
        guard left > .zero else {
          throw outOfTime(method, path, mayHaveTakenEffect: mayHaveTakenEffect)
        }
        tryTimeout = min(tryTimeout, left)
      }
      let started = time.now
      let outcome = await tryOnce(method, path: path, body: body, timeout: tryTimeout)
      let elapsed = time.now - started

      let result: RetrySchedule.TryResult
      var failure: FailureDescription?
      var unansweredInARow = 0
      switch outcome {
      case .answered(let status, let headers, _):
        let retryAfter = headers.first(name: "Retry-After").flatMap(Self.parseRetryAfter)
        result = .answered(status: status, retryAfter: retryAfter)
        unansweredTries.withLock { $0 = 0 }
      case .failed(let error):
        let described = classify(error)
        failure = described
        result = .failed(neverSent: described.neverSent, isPermanent: described.isPermanent)
        // Silence (timed out, or could not connect) counts; a connection closed mid-answer
        // is a flaky API, not a hung one.
        let silent = !described.isPermanent && (described.kind == .timeout || described.neverSent)
        unansweredInARow = unansweredTries.withLock { count in
          count = silent ? count + 1 : 0
          return count
        }
      }
      let decision = schedule.next(
        after: result, timeLeft: timeLeft?(), unitRandom: configuration.unitRandom(),
        unansweredInARow: unansweredInARow)
      let status: Int? =
        if case .answered(let status, _, _) = outcome { status } else { nil }

      switch decision {
      case .succeed, .alreadyDone:
        log(method, path, status, elapsed, schedule.attempt, note: nil)
        if case .answered(let status, _, let responseBody) = outcome, decision == .succeed {
          return Answer(status: status, body: responseBody, attempts: schedule.attempt)
        }
        // An earlier try of this delete was carried out although its answer was lost.
        return Answer(status: 204, body: ByteBuffer(), attempts: schedule.attempt)

      case .retry(let pause, let pauseEveryone):
        let reason = failure.map { "\($0.text); " } ?? ""
        if pauseEveryone {
          log(
            method, path, status, elapsed, schedule.attempt,
            note: "rate limited, pausing all requests for \(DurationText.format(pause))")
          await gate.close(for: pause)
          continue
        }
        log(
          method, path, status, elapsed, schedule.attempt,
          note: "\(reason)retrying in \(DurationText.format(pause))")
        do {
          try await time.sleep(for: pause)
        } catch {
          throw cancelled(
            method, path,
            mayHaveTakenEffect: schedule.earlierTryMayHaveTakenEffect && method != .GET)
        }

      case .giveUp(let outOfTime):
        // A 429 pauses every request of the client, also when this one stops trying.
        if let pause = schedule.rateLimitPause { await gate.close(for: pause) }
        let note = outOfTime ? APIErrorHints.noTimeToRetry : nil
        log(method, path, status, elapsed, schedule.attempt, note: failure?.text ?? note)
        throw finalError(
          method, path, outcome, failure: failure, schedule: schedule, outOfTime: outOfTime)
      }
    }
  }

  /// The error a request ends with: its last try's failure, saying when only the deadline
  /// stopped another try.
  private func finalError(
    _ method: HTTPMethod, _ path: String, _ outcome: TryOutcome, failure: FailureDescription?,
    schedule: RetrySchedule, outOfTime: Bool
  ) -> APIError {
    var error: APIError
    switch outcome {
    case .answered(let status, _, let responseBody):
      error = httpError(
        method, path, status: status, body: responseBody,
        mayHaveTakenEffect: status >= 500
          && (method == .POST || schedule.earlierTryMayHaveTakenEffect))
    case .failed(let underlying):
      error = transportError(
        method, path, failure ?? classify(underlying),
        earlierTryMayHaveTakenEffect: schedule.earlierTryMayHaveTakenEffect)
    }
    if outOfTime { error.message += " (\(APIErrorHints.noTimeToRetry))" }
    return error
  }

  private func tryOnce(_ method: HTTPMethod, path: String, body: Data?, timeout: Duration) async
    -> TryOutcome
  {
    var request = HTTPClientRequest(url: baseURL + path)
    request.method = method
    request.headers.add(name: "Authorization", value: "Bearer \(configuration.apiKey)")
    request.headers.add(name: "Accept", value: "application/json")
    request.headers.add(name: "User-Agent", value: "dooordb")
    if let body {
      request.headers.add(name: "Content-Type", value: "application/json")
      request.body = .bytes(ByteBuffer(bytes: body))
    }
    sentRequests.withLock { $0 += 1 }
    let client = client
    let prepared = request
    do {
      // The client's own timeout ends when the headers arrive; a server that then sends the
      // body slowly, or never, would hold the request forever. The whole exchange races one
      // timer instead, on the same real-time clock the client's timeout uses.
      return try await withThrowingTaskGroup(of: TryOutcome?.self) { group in
        group.addTask {
          let response = try await client.execute(prepared, timeout: TimeAmount(timeout))
          let responseBody = try await response.body.collect(upTo: 64 * 1024 * 1024)
          return .answered(
            status: Int(response.status.code), headers: response.headers, body: responseBody)
        }
        group.addTask {
          try await Task.sleep(for: timeout)
          return nil
        }
        // The first to finish decides; cancelling the other ends the request on the wire.
        let first = try await group.next() ?? nil
        group.cancelAll()
        return first ?? .failed(HTTPClientError.deadlineExceeded)
      }
    } catch {
      return .failed(error)
    }
  }

  private func cancelled(_ method: HTTPMethod, _ path: String, mayHaveTakenEffect: Bool)
    -> APIError
  {
    APIError(
      kind: .cancelled, method: method.rawValue, path: path, message: "cancelled",
      mayHaveTakenEffect: mayHaveTakenEffect)
  }

  private func outOfTime(_ method: HTTPMethod, _ path: String, mayHaveTakenEffect: Bool)
    -> APIError
  {
    log(method, path, nil, .zero, 0, note: "not sent: the deadline has come")
    return APIError(
      kind: .outOfTime, method: method.rawValue, path: path,
      message: "not sent: no time was left before the deadline",
      mayHaveTakenEffect: mayHaveTakenEffect)
  }

  private func log(
    _ method: HTTPMethod, _ path: String, _ status: Int?, _ elapsed: Duration, _ attempt: Int,
    note: String?
  ) {
    configuration.log?(
      HTTPRequestLogEntry(
        method: method.rawValue, path: path, status: status, duration: elapsed, attempt: attempt,
        note: note.map(redact)))
  }

  /// `Retry-After` in seconds (the HTTP-date form is rare for APIs and falls back to backoff).
  static func parseRetryAfter(_ text: String) -> Duration? {
    guard let seconds = Double(text.trimmingCharacters(in: .whitespaces)), seconds >= 0,
      seconds.isFinite
    else { return nil }
    return .milliseconds(Int64(seconds * 1000))
  }
}
