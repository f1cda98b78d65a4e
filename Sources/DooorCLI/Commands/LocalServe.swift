import ArgumentParser
import DooorCore
import DooorLocalAPI
import Foundation

extension Dooordb {
  struct Local: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "local",
      abstract:
        "Run the local Dooor API, with real or simulated databases, and manage its servers.",
      discussion: """
        EXAMPLES:
          dooordb local serve --port 0
          dooordb local status
          dooordb local stop
        """,
      subcommands: [Serve.self, Status.self, Stop.self, Reset.self])
  }
}

extension Dooordb.Local {
  struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "serve",
      abstract: "Serve the local Dooor API until interrupted (prints the URL it listens on).",
      discussion: """
        EXAMPLES:
          dooordb local serve
          dooordb local serve --port 0 --engines simulated --provision-delay 500ms
          dooordb local serve --port 0 --fail-rate 0.1 --fault-seed 7
        """)

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port: Int = 8080

    @Option(help: "The state file, written atomically and reloaded on restart.")
    var state: String = APIOptions.localStatePath

    @Option(
      help: ArgumentHelp(
        "real servers, simulated records, or auto: real where the engine and version are installed (default: $DOOORDB_LOCAL_ENGINES, else auto).",
        valueName: "MODE"))
    var engines: LocalEnginesArgument?

    @Option(name: .customLong("max-engines"), help: "The most real database servers at once.")
    var maxEngines: Int = LocalMaxEngines.defaultValue

    @Option(
      name: .customLong("provision-delay"),
      help: "How long provisioning, updating and deleting take (e.g. 500ms; default: 2s).",
      transform: DurationArgument.parse)
    var provisionDelay = DurationArgument(.seconds(2))

    @Option(
      name: .customLong("api-key-file"),
      help: "Accept only the key in FILE (default: any dor_sk_... key).")
    var apiKeyFile: String?

    @Option(name: .customLong("fail-rate"), help: "Share (0-1) of API requests answered 500.")
    var failRate: Double = 0

    @Option(
      name: .customLong("unavailable-rate"),
      help: "Share (0-1) of API requests answered 503 with Retry-After.")
    var unavailableRate: Double = 0

    @Option(
      name: .customLong("bad-gateway-rate"),
      help: "Share (0-1) of API requests answered 502 with an HTML page.")
    var badGatewayRate: Double = 0

    @Option(
      name: .customLong("drop-connection-rate"),
      help: "Share (0-1) of API requests whose connection is closed mid-answer.")
    var dropConnectionRate: Double = 0

    @Option(
      name: .customLong("rate-limit-every"),
      help: "Every N API requests, start a burst of 429 answers.")
    var rateLimitEvery: Int?

    @Option(name: .customLong("rate-limit-burst"), help: "How many requests a 429 burst refuses.")
    var rateLimitBurst: Int = 1

    @Option(name: .customLong("retry-after"), help: "Seconds sent in Retry-After with 429/503.")
    var retryAfter: Int = 1

    @Option(
      help: "Delay added to every API answer (e.g. 50ms; default: none).",
      transform: DurationArgument.parse)
    var latency = DurationArgument(.zero)

    @Option(
      name: .customLong("error-slugs"),
      help: "New databases whose slug matches this regular expression end in error.")
    var errorSlugs: String?

    @Option(
      name: .customLong("error-rate"), help: "Share (0-1) of new databases that end in error.")
    var errorRate: Double = 0

    @Option(name: .customLong("fault-seed"), help: "Seed for the random fault choices.")
    var faultSeed: UInt64 = 1

    @Option(
      name: .customLong("fault-endpoints"),
      help: ArgumentHelp(
        "Limit the request faults and --latency to these endpoints, comma-separated (default: all).",
        discussion: "Endpoints: "
          + LocalAPIEndpoint.allCases.map(\.rawValue).joined(separator: ", ") + ".",
        valueName: "LIST"))
    var faultEndpoints: String?

    /// The endpoints named by `--fault-endpoints`, nil when it is not given.
    var targetedEndpoints: Set<LocalAPIEndpoint>? {
      get throws {
        guard let faultEndpoints else { return nil }
        var endpoints: Set<LocalAPIEndpoint> = []
        for name in faultEndpoints.split(separator: ",") {
          let trimmed = name.trimmingCharacters(in: .whitespaces)
          guard let endpoint = LocalAPIEndpoint(rawValue: trimmed) else {
            throw ValidationError(
              "--fault-endpoints: unknown endpoint \"\(trimmed)\" (known: "
                + LocalAPIEndpoint.allCases.map(\.rawValue).joined(separator: ", ") + ")")
          }
          endpoints.insert(endpoint)
        }
        return endpoints
      }
    }

    func validate() throws {
      for (name, share) in [
        ("--fail-rate", failRate), ("--unavailable-rate", unavailableRate),
        ("--bad-gateway-rate", badGatewayRate), ("--drop-connection-rate", dropConnectionRate),
        ("--error-rate", errorRate),
      ] where !(0...1).contains(share) {
        throw ValidationError("\(name) must be between 0 and 1")
      }
      guard (0...65535).contains(port) else { throw ValidationError("--port must be 0-65535") }
      guard maxEngines >= 0 else { throw ValidationError("--max-engines must be 0 or more") }
      if let errorSlugs, (try? Regex(errorSlugs)) == nil {
        throw ValidationError("--error-slugs is not a valid regular expression")
      }
      if let rateLimitEvery, rateLimitEvery < 1 {
        throw ValidationError("--rate-limit-every must be at least 1")
      }
      _ = try targetedEndpoints
    }

    func run() async throws {
      var apiKey: String?
      if let apiKeyFile {
        // The local server is a test tool: the key it accepts guards nothing of value.
        apiKey = try APIOptions.readAPIKey(
          file: apiKeyFile, environment: [:], allowOpenFile: true)
      }
      let faults = LocalAPIFaults(
        internalErrorShare: failRate, unavailableShare: unavailableRate,
        badGatewayShare: badGatewayRate, closeConnectionShare: dropConnectionRate,
        rateLimitEvery: rateLimitEvery, rateLimitBurst: rateLimitBurst,
        retryAfterSeconds: retryAfter, latency: latency.duration, errorSlugPattern: errorSlugs,
        errorDatabaseShare: errorRate, seed: faultSeed, endpoints: try targetedEndpoints)
      let options = LocalAPIOptions(
        engines: try LocalEnginesArgument.resolve(engines), maxEngines: maxEngines,
        provisionDelay: provisionDelay.duration, apiKey: apiKey, faults: faults)
      let signals = SignalHandling(awaiting: [SIGINT, SIGTERM])
      let (server, lock): (LocalAPIServer, LocalStateLock)
      do {
        (server, lock) = try await LocalAPIStarter.start(
          stateFile: URL(fileURLWithPath: state), host: host, port: port, options: options)
      } catch let error as LocalAPIServerError where error.errnoCode == EADDRINUSE {
        throw CommandFailure("\(error.message); choose another --port (0 picks a free one)")
      }
      CommandOutput.standardOutput("Listening on \(server.url)\n")
      CommandOutput.standardErrorLine(
        "state: \(state); stop with Ctrl-C (real database servers keep running: dooordb local stop)"
      )
      let signal = await signals.firstSignal()
      CommandOutput.standardErrorLine(
        "\(SignalHandling.names[signal] ?? "Signal \(signal)") received: shutting down."
          + " Press Ctrl-C again to exit at once.")
      // No longer offered to --local commands: one arriving now waits for the lock instead
      // of talking to a closing port.
      lock.publish(url: server.url, lasting: false)
      await server.shutdown()
      lock.release()
      let statistics = server.statistics.snapshot()
      CommandOutput.standardErrorLine(
        "served \(Plural.count(statistics.requests, "request")) over"
          + " \(Plural.count(statistics.connections, "connection"))")
    }
  }
}
