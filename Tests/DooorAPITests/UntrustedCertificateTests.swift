import DooorAPI
import DooorCore
import DooorTestSupport
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization
import Testing

/// https is verified: a server whose certificate no trusted authority signed is refused in the
/// TLS handshake, so the request, and the key in it, never reach it.
@Suite(.timeLimit(.minutes(5))) struct UntrustedCertificateTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  /// Counts the bytes that reach the server in the clear, after TLS: there must be none.
  final class PlaintextCounter: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    private let count = Mutex(0)

    var bytes: Int { count.withLock { $0 } }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
      let buffer = unwrapInboundIn(data)
      count.withLock { $0 += buffer.readableBytes }
    }
  }

  @Test func aServerWithAnUntrustedCertificateNeverSeesTheRequest() async throws {
    // A self-signed certificate for 127.0.0.1, made for this test; its key is no secret.
    let certificates = try NIOSSLCertificate.fromPEMFile(
      Self.fixtures.appendingPathComponent("untrusted-loopback.pem").path)
    let key = try NIOSSLPrivateKey(
      file: Self.fixtures.appendingPathComponent("untrusted-loopback.key").path, format: .pem)
    let context = try NIOSSLContext(
      configuration: .makeServerConfiguration(
        certificateChain: certificates.map { .certificate($0) }, privateKey: .privateKey(key)))
    let counter = PlaintextCounter()
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    let server = try await ServerBootstrap(group: group)
      .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
          try channel.pipeline.syncOperations.addHandler(counter)
        }
      }
      .bind(host: "127.0.0.1", port: 0).get()
    let port = try #require(server.localAddress?.port)

    let apiKey = "dor_sk_untrusted_tls_4b1d"
    var configuration = HTTPDatabaseAPIConfiguration(
      baseURL: "https://127.0.0.1:\(port)/api/v1", apiKey: apiKey, environment: [:])
    configuration.clock = SteppedClock(advancesBySleeping: true)
    // The HTTP client keeps reconnecting until this elapses; there is no point waiting long.
    configuration.connectTimeout = .seconds(1)
    let client = HTTPDatabaseAPI(configuration: configuration)
    let error = await #expect(throws: APIError.self) {
      _ = try await client.listDatabases(workspace: "w", filter: .all)
    }
    try await client.shutdown()
    try await server.close()
    try await group.shutdownGracefully()

    #expect(error?.kind == .transport)
    #expect(error?.description.contains(apiKey) == false)
    #expect(
      error?.message.contains("certificate is not trusted") == true,
      "\(String(describing: error))")
    #expect(error?.hint?.contains("trusts") == true)
    // Not retried: a certificate nobody trusts stays so.
    #expect(client.requestsSent == 1)
    #expect(counter.bytes == 0)
  }
}
