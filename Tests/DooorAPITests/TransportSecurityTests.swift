import DooorAPI
import Testing

/// Which API URLs may carry the key, and which key files are private enough.
@Suite(.timeLimit(.minutes(5))) struct TransportSecurityTests {
  @Test(arguments: [
    "https://os-develop.dooor.ai/api/v1", "HTTPS://example.com", "https://10.0.0.1:8443/api/v1",
  ])
  func httpsIsAlwaysAccepted(url: String) {
    #expect(throws: Never.self) {
      try TransportSecurity.check(baseURL: url, allowInsecureHTTP: false)
    }
  }

  @Test(arguments: [
    "http://127.0.0.1:8080/api/v1", "http://127.1.2.3/api/v1", "http://localhost:9/api/v1",
    "http://LOCALHOST/api/v1", "http://[::1]:8080/api/v1", "http://api.localhost/api/v1",
  ])
  func plainHTTPToLoopbackIsAccepted(url: String) {
    #expect(throws: Never.self) {
      try TransportSecurity.check(baseURL: url, allowInsecureHTTP: false)
    }
  }

  @Test(arguments: [
    "http://os-develop.dooor.ai/api/v1", "http://10.0.0.1/api/v1", "http://128.0.0.1/api/v1",
    "http://127.0.0.1.example.com/api/v1", "http://localhost.example.com/api/v1",
    "http://[::2]/api/v1", "http://1270.0.0.1/api/v1",
  ])
  func plainHTTPElsewhereIsRefusedUnlessAllowed(url: String) throws {
    let refusal = #expect(throws: TransportSecurity.Refusal.self) {
      try TransportSecurity.check(baseURL: url, allowInsecureHTTP: false)
    }
    #expect(refusal?.description.contains("--insecure-http") == true)
    #expect(throws: Never.self) {
      try TransportSecurity.check(baseURL: url, allowInsecureHTTP: true)
    }
  }

  @Test(arguments: [
    "https://user:hunter2@example.com/api/v1", "https://token@example.com/api/v1",
    "https://example.com/api/v1?key=hunter2", "https://example.com/api/v1#x",
  ])
  func aURLThatCouldHoldASecretIsRefused(url: String) {
    // Such a URL would be echoed in errors and recorded in saved plans.
    let refusal = #expect(throws: TransportSecurity.Refusal.self) {
      try TransportSecurity.check(baseURL: url, allowInsecureHTTP: true)
    }
    #expect(refusal?.description.contains("hunter2") == false)
  }

  @Test(arguments: ["ftp://example.com/api", "example.com/api/v1", "https://", "not a url"])
  func otherSchemesAndMalformedURLsAreRefused(url: String) {
    #expect(throws: TransportSecurity.Refusal.self) {
      try TransportSecurity.check(baseURL: url, allowInsecureHTTP: true)
    }
  }

  @Test func aRefusalDoesNotRepeatCredentialsWrittenInTheURL() {
    let refusal = #expect(throws: TransportSecurity.Refusal.self) {
      try TransportSecurity.check(
        baseURL: "http://user:hunter2secret@api.example.com/api/v1", allowInsecureHTTP: false)
    }
    #expect(refusal.map { !$0.description.contains("hunter2secret") } == true)
  }

  @Test(arguments: [0o600 as UInt32, 0o400, 0o700, 0o100600])
  func privateKeyFilesAreAccepted(mode: UInt32) {
    #expect(KeyFilePermissions.problem(path: "key", mode: mode) == nil)
  }

  @Test(arguments: [0o644 as UInt32, 0o640, 0o604, 0o601, 0o660, 0o100644, 0o777])
  func keyFilesOthersCanReachAreRefusedWithTheFix(mode: UInt32) throws {
    let problem = try #require(KeyFilePermissions.problem(path: "ci/key", mode: mode))
    #expect(problem.contains("chmod 600 ci/key"))
    #expect(problem.contains("--allow-open-key-file"))
  }
}
