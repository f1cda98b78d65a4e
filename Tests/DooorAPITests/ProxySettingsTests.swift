import DooorAPI
import DooorCore
import DooorLocalAPI
import Testing

@testable import DooorAPI

@Suite(.timeLimit(.minutes(5))) struct ProxySettingsTests {
  @Test func httpsProxyIsUsedForHTTPSTargets() {
    let proxy = ProxySettings.resolve(
      scheme: "https", host: "os-develop.dooor.ai",
      environment: ["https_proxy": "http://proxy.corp:3128"])
    #expect(proxy == ProxySettings(host: "proxy.corp", port: 3128))
  }

  @Test func upperCaseVariablesCount() {
    let proxy = ProxySettings.resolve(
      scheme: "https", host: "api.example.com", environment: ["HTTPS_PROXY": "proxy:8080"])
    #expect(proxy == ProxySettings(host: "proxy", port: 8080))
  }

  @Test func noProxyCoversHostsAndSubdomains() {
    let environment = [
      "https_proxy": "http://proxy:3128", "http_proxy": "http://proxy:3128",
      "no_proxy": "localhost, .internal.example,127.0.0.1:8080",
    ]
    #expect(
      ProxySettings.resolve(scheme: "http", host: "localhost", environment: environment) == nil)
    #expect(
      ProxySettings.resolve(scheme: "https", host: "api.internal.example", environment: environment)
        == nil)
    #expect(
      ProxySettings.resolve(scheme: "http", host: "127.0.0.1", environment: environment) == nil)
    #expect(
      ProxySettings.resolve(scheme: "https", host: "os-develop.dooor.ai", environment: environment)
        != nil)
    #expect(
      ProxySettings.resolve(
        scheme: "https", host: "anything", environment: ["https_proxy": "p:1", "NO_PROXY": "*"])
        == nil)
  }

  @Test func credentialsInTheProxyURLAreDropped() {
    #expect(
      ProxySettings.parse("http://user:secret@proxy:3128")
        == ProxySettings(host: "proxy", port: 3128))
  }

  @Test func theProxyIsContactedUnlessNoProxyCoversTheHost() async throws {
    // The local API stands in for the proxy: it cannot tunnel, but it counts the attempt.
    try await Harness.with { harness in
      let proxy = "http://127.0.0.1:\(harness.server.port)"
      var connectionsSeen: [Int] = []
      for noProxy in ["", "no-such-host.invalid"] {
        let client = HTTPDatabaseAPI(
          configuration: HTTPDatabaseAPIConfiguration(
            baseURL: "http://no-such-host.invalid/api/v1", apiKey: Harness.apiKey,
            connectTimeout: .milliseconds(500), retryPolicy: .none,
            environment: ["http_proxy": proxy, "no_proxy": noProxy]))
        let error = await #expect(throws: APIError.self) {
          _ = try await client.listDatabases(workspace: "w", filter: .all)
        }
        try await client.shutdown()
        #expect(error?.kind == .transport)
        connectionsSeen.append(harness.server.statistics.snapshot().connections)
      }
      // Only the first client went through the proxy; the second went straight to the
      // (unresolvable) host.
      #expect(connectionsSeen[0] > 0)
      #expect(connectionsSeen[1] == connectionsSeen[0])
    }
  }
}
