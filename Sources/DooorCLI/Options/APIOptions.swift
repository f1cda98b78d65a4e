import ArgumentParser
import DooorAPI
import DooorCore
import DooorLocalAPI
import Foundation

/// The options every command that talks to the Dooor API takes (CONTRACT §4), and the one place
/// that turns them into a `DatabaseAPI`.
struct APIOptions: ParsableArguments {
  @Option(
    name: .customLong("api-url"),
    help: ArgumentHelp(
      "The Dooor API root (default: $DOOOR_API_URL, else \(HTTPDatabaseAPIConfiguration.defaultBaseURL)).",
      valueName: "URL"))
  var apiURL: String?

  @Option(
    name: .customLong("api-key-file"),
    help: ArgumentHelp(
      "Read the API key from FILE instead of $DOOOR_API_KEY (a key is never a flag value).",
      valueName: "FILE"),
    completion: .file())
  var apiKeyFile: String?

  @Flag(
    name: .customLong("allow-open-key-file"),
    help: "Use --api-key-file even when other users can read it (refused by default, as ssh does)."
  )
  var allowOpenKeyFile = false

  @Flag(
    name: .customLong("insecure-http"),
    help:
      "Allow a plain http:// API URL to a host that is not this machine (the key is sent unencrypted)."
  )
  var insecureHTTP = false

  @Flag(
    help: "Use an embedded local Dooor API with state in .dooordb/local-state.json (no key needed)."
  )
  var local = false

  @Option(
    name: .customLong("local-engines"),
    help: ArgumentHelp(
      "With --local: real servers, simulated records, or auto (real where installed; default: $DOOORDB_LOCAL_ENGINES, else auto).",
      valueName: "MODE"))
  var localEngines: LocalEnginesArgument?

  @Option(
    name: .customLong("request-timeout"),
    help: ArgumentHelp(
      "The longest one try of an HTTP request may take (default 30s).", visibility: .hidden),
    transform: DurationArgument.parse)
  var requestTimeout: DurationArgument?

  @Flag(help: "Log every HTTP request to stderr (method, path, status, time; secrets redacted).")
  var verbose = false

  @Flag(name: .customLong("no-color"), help: "Never colour output (also: NO_COLOR).")
  var noColor = false

  /// Where `--local` keeps its databases, relative to the current directory.
  static let localStatePath = ".dooordb/local-state.json"
  /// Short, so `--local` feels instant while still showing the lifecycle.
  static let localProvisionDelay = Duration.seconds(1)

  func validate() throws {
    if local && apiURL != nil {
      throw ValidationError("--local and --api-url cannot be used together")
    }
    if localEngines != nil && !local {
      throw ValidationError("--local-engines goes with --local")
    }
  }

  /// Colour for stdout: only on a terminal, and never when the user opted out.
  var useColor: Bool { useColor(on: STDOUT_FILENO) }

  /// Colour for text written to `descriptor`: decided by that stream, not by stdout (apply
  /// `--format json` shows its plan on stderr).
  func useColor(on descriptor: Int32) -> Bool { allowsColor && isatty(descriptor) == 1 }

  /// Whether the user allows colour (no `--no-color`, no `NO_COLOR`), on whatever terminal.
  var allowsColor: Bool {
    !noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
  }

  /// Runs `body` with a ready API and releases it afterwards (the embedded server included),
  /// whether `body` succeeds or throws.
  func withAPI<Result: Sendable>(
    _ body: (any DatabaseAPI) async throws -> Result
  ) async throws -> Result {
    let opened = try await openAPI()
    do {
      let result = try await body(opened.api)
      await opened.close()
      return result
    } catch {
      await opened.close()
      throw error
    }
  }

  /// A ready API client, and the embedded server behind it with `--local`.
  struct OpenedAPI: Sendable {
    let api: HTTPDatabaseAPI
    let server: LocalAPIServer?
    /// Held while the embedded server serves the state.
    let lock: LocalStateLock?

    func close() async {
      try? await api.shutdown()
      await server?.shutdown()
      lock?.release()
    }
  }

  /// The API these options name; `close()` it when done.
  /// `observe` is told of every HTTP request, whatever `--verbose` says (reconcile's metrics).
  func openAPI(observe: (@Sendable (HTTPRequestLogEntry) -> Void)? = nil) async throws -> OpenedAPI
  {
    let environment = ProcessInfo.processInfo.environment
    var server: LocalAPIServer?
    var lock: LocalStateLock?
    let baseURL: String
    let apiKey: String
    if local {
      let stateFile = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        .appendingPathComponent(Self.localStatePath)
      var options = LocalAPIOptions(
        engines: try LocalEnginesArgument.resolve(localEngines),
        maxEngines: try LocalMaxEngines.resolve(), provisionDelay: Self.localProvisionDelay)
      options.maxEnginesSetting = "\(LocalMaxEngines.environmentVariable)=\(options.maxEngines)"
      let opened = try await LocalAPIStarter.open(stateFile: stateFile, options: options)
      switch opened {
      case .started(let started, let heldLock):
        server = started
        lock = heldLock
        baseURL = started.url
      case .adopted(let url):
        baseURL = url
      }
      apiKey = "dor_sk_local"
    } else {
      baseURL = try checkedRemoteBaseURL(environment: environment)
      apiKey = try Self.readAPIKey(
        file: apiKeyFile, environment: environment, allowOpenFile: allowOpenKeyFile)
    }
    let verbose = verbose
    var log: (@Sendable (HTTPRequestLogEntry) -> Void)?
    if verbose || observe != nil {
      log = { entry in
        if verbose { CommandOutput.standardErrorLine("http: \(entry)") }
        observe?(entry)
      }
    }
    var configuration = HTTPDatabaseAPIConfiguration(
      baseURL: baseURL, apiKey: apiKey, environment: environment, log: log)
    if let requestTimeout { configuration.requestTimeout = requestTimeout.duration }
    return OpenedAPI(
      api: HTTPDatabaseAPI(configuration: configuration), server: server, lock: lock)
  }

  /// The API root these options name without `--local`: the flag, else the environment, else
  /// the default.
  func remoteBaseURL(environment: [String: String]) -> String {
    apiURL ?? environment["DOOOR_API_URL"] ?? HTTPDatabaseAPIConfiguration.defaultBaseURL
  }

  /// The remote root once `TransportSecurity` allows it: the key may travel there, and the URL
  /// holds no secret (it is named in errors and recorded in saved plans).
  func checkedRemoteBaseURL(environment: [String: String]) throws -> String {
    let baseURL = remoteBaseURL(environment: environment)
    do {
      try TransportSecurity.check(baseURL: baseURL, allowInsecureHTTP: insecureHTTP)
    } catch {
      throw CommandFailure(error.description)
    }
    return baseURL
  }

  /// Which API a saved plan is bound to: the remote root, or the `--local` state file (the
  /// embedded server's port changes from run to run; its state does not).
  var savedPlanTarget: String {
    guard local else { return remoteBaseURL(environment: ProcessInfo.processInfo.environment) }
    let stateFile = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
      .appendingPathComponent(Self.localStatePath)
    return "local:" + stateFile.standardizedFileURL.path
  }

  static func readAPIKey(
    file: String?, environment: [String: String], allowOpenFile: Bool = false
  ) throws -> String {
    if let file {
      // Read first: a missing file or a folder is that, whatever its permissions say.
      let data = try SystemFile.contents(of: file, what: "the API key file")
      if !allowOpenFile, let attributes = try? FileManager.default.attributesOfItem(atPath: file),
        let mode = (attributes[.posixPermissions] as? NSNumber)?.uint32Value,
        let problem = KeyFilePermissions.problem(path: file, mode: mode)
      {
        throw CommandFailure(problem)
      }
      let key = String(decoding: data, as: UTF8.self).trimmingCharacters(
        in: .whitespacesAndNewlines)
      guard !key.isEmpty else { throw CommandFailure("the API key file \(file) is empty") }
      try refuseControlCharacters(in: key, from: "the API key file \(file)")
      return key
    }
    if let key = environment["DOOOR_API_KEY"]?.trimmingCharacters(in: .whitespacesAndNewlines),
      !key.isEmpty
    {
      try refuseControlCharacters(in: key, from: "DOOOR_API_KEY")
      return key
    }
    throw CommandFailure(
      "no API key: set DOOOR_API_KEY or pass --api-key-file FILE (or use --local)")
  }

  /// A key cannot hold a line break, NUL or other control character: no header could carry it,
  /// and the HTTP client's error would quote it. Nor anything outside printable ASCII (U+2028,
  /// U+202E, bytes that are not UTF-8, read as U+FFFD): a bearer token is ASCII, and what would
  /// be sent is not what the file holds. Refused when read, naming where it came from and
  /// never the key.
  private static func refuseControlCharacters(in key: String, from source: String) throws {
    guard key.unicodeScalars.contains(where: { !(0x20...0x7E).contains($0.value) }) else {
      return
    }
    throw CommandFailure(
      "\(source) holds a line break, NUL or other control character, or a character that is"
        + " not printable ASCII, inside the key; an API key is one line of printable ASCII"
        + " characters")
  }
}
