import DooorCore
import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// Makes the API misbehave the way real ones do (CONTRACT §6's fault injection): latency,
/// bursts of 429, shares of 503, 500 and HTML 502 answers, and answers cut off midway after
/// the request was carried out. Only the endpoints the faults target are hit.
struct FaultInjectionMiddleware: RouterMiddleware {
  let faults: LocalAPIFaults
  private let dice: SharedDice

  private final class SharedDice: Sendable {
    let state: Mutex<Dice>
    init(_ dice: Dice) { state = Mutex(dice) }
  }

  /// The random choices and the counters behind the 429 bursts.
  private struct Dice {
    var random: SeededRandom
    var requests = 0
    var rateLimitedLeft = 0

    mutating func chance(_ share: Double) -> Bool {
      share > 0 && random.unit() < share
    }
  }

  init(faults: LocalAPIFaults) {
    self.faults = faults
    dice = SharedDice(Dice(random: SeededRandom(seed: faults.seed)))
  }

  func handle(
    _ request: Request, context: LocalAPIRequestContext,
    next: (Request, LocalAPIRequestContext) async throws -> Response
  ) async throws -> Response {
    let endpoint = LocalAPIEndpoint(method: request.method.rawValue, route: context.endpointPath)
    guard faults.endpoints == nil || endpoint.map(faults.targets) == true else {
      return try await next(request, context)
    }
    if faults.latency > .zero { try await Task.sleep(for: faults.latency) }
    let (fault, cutsAnswer) = dice.state.withLock { dice in
      (injectedFault(&dice), dice.chance(faults.closeConnectionShare))
    }
    switch fault {
    case .answer(let error)?: throw error
    case .badGatewayPage?:
      let page = "<html><head><title>502 Bad Gateway</title></head><body>bad gateway</body></html>"
      return Response(
        status: .badGateway, headers: [.contentType: "text/html"],
        body: .init(byteBuffer: ByteBuffer(string: page)))
    case nil: break
    }
    let response = try await next(request, context)
    guard cutsAnswer else { return response }
    // The request was carried out; only its answer is lost, as when a connection drops on
    // the way back: the case where a client must not blindly repeat a create.
    let collector = CollectingWriter()
    try await response.body.write(collector.writer)
    let bytes = collector.bytes
    var headers = response.headers
    headers[.contentLength] = String(bytes.readableBytes)
    let half =
      bytes.getSlice(at: bytes.readerIndex, length: bytes.readableBytes / 2) ?? ByteBuffer()
    return Response(
      status: response.status, headers: headers,
      body: ResponseBody { writer in
        try await writer.write(half)
        throw LocalAPIServerError(message: "connection closed on purpose (fault injection)")
      })
  }

  private enum Fault {
    case answer(LocalAPIError)
    /// A failing proxy's HTML page, not the API's JSON.
    case badGatewayPage
  }

  private func injectedFault(_ dice: inout Dice) -> Fault? {
    dice.requests += 1
    let retryAfter: HTTPFields = [.retryAfter: String(faults.retryAfterSeconds)]
    if let every = faults.rateLimitEvery, every > 0, dice.requests % every == 0 {
      dice.rateLimitedLeft = max(faults.rateLimitBurst, 1)
    }
    if dice.rateLimitedLeft > 0 {
      dice.rateLimitedLeft -= 1
      return .answer(
        LocalAPIError(
          .tooManyRequests, "rate_limited", "too many requests; retry later", headers: retryAfter))
    }
    if dice.chance(faults.unavailableShare) {
      return .answer(
        LocalAPIError(
          .serviceUnavailable, "unavailable", "the service is unavailable; retry later",
          headers: retryAfter))
    }
    if dice.chance(faults.internalErrorShare) {
      return .answer(
        LocalAPIError(.internalServerError, "internal_error", "injected internal error"))
    }
    if dice.chance(faults.badGatewayShare) {
      return .badGatewayPage
    }
    return nil
  }
}

/// Gathers a response body's bytes, so a fault can send only part of them.
private struct CollectingWriter {
  private let storage = Storage()
  var bytes: ByteBuffer { storage.buffer.withLock { $0 } }
  var writer: some ResponseBodyWriter { Writer(storage: storage) }

  private final class Storage: Sendable {
    let buffer = Mutex(ByteBuffer())
  }

  private struct Writer: ResponseBodyWriter {
    let storage: Storage
    mutating func write(_ buffer: ByteBuffer) async throws {
      var buffer = buffer
      _ = storage.buffer.withLock { $0.writeBuffer(&buffer) }
    }
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
  }
}
