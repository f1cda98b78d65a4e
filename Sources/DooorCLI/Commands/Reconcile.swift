import ArgumentParser
import DooorAPI
import DooorCore
import DooorEngine
import Foundation
import Logging

extension Dooordb {
  struct Reconcile: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "reconcile",
      abstract:
        "Detect drift continuously (and with --mode apply, fix it), with Prometheus metrics.",
      discussion: """
        Every interval, re-reads the manifests (and --policy files) and plans against the API. \
        `drift` mode reports only; `apply` mode applies a plan that has no errors, deletes and \
        replaces nothing and breaks no mandatory policy, and reports any other instead. One \
        cycle at a time; a cycle that overruns delays the next. \
        Serves /metrics, /healthz and /readyz on --listen. Ctrl-C or SIGTERM ends the cycle \
        under way and exits 0.

        EXAMPLES:
          dooordb reconcile manifests --interval 5m
          dooordb reconcile manifests --interval 1m --mode apply --listen 0.0.0.0:9464 --log-format json
        """)

    enum Mode: String, ExpressibleByArgument, CaseIterable {
      case drift, apply
    }

    enum LogFormat: String, ExpressibleByArgument, CaseIterable {
      case text, json
    }

    @OptionGroup var selection: ManifestSelection

    @OptionGroup var policies: PolicySelection

    @Option(
      help: "How often a cycle starts (e.g. 30s; default: 5m).", transform: DurationArgument.parse)
    var interval = DurationArgument(.seconds(300))

    @Option(help: "drift: report only; apply: also apply non-destructive plans.")
    var mode: Mode = .drift

    @Option(
      help: ArgumentHelp("Where /metrics, /healthz and /readyz are served.", valueName: "HOST:PORT")
    )
    var listen = "127.0.0.1:9464"

    @Option(name: .customLong("log-format"), help: "text or json (one object per line).")
    var logFormat: LogFormat = .text

    @Option(parsing: .unconditional, help: "In apply mode, at most this many changes at a time.")
    var parallelism = 10

    @Option(
      help: "In apply mode, how long each database may take (e.g. 90s; default: 20m).",
      transform: DurationArgument.parse)
    var timeout = DurationArgument(.seconds(20 * 60))

    @OptionGroup var api: APIOptions

    func validate() throws {
      guard interval.duration >= .seconds(1) else {
        throw ValidationError("--interval must be at least 1s")
      }
      guard parallelism >= 1 else {
        throw ValidationError("--parallelism must be 1 or more, found \(parallelism)")
      }
      _ = try listenAddress()
    }

    func listenAddress() throws -> (host: String, port: Int) {
      guard let colon = listen.lastIndex(of: ":"),
        let port = Int(listen[listen.index(after: colon)...]),
        (0...65535).contains(port)
      else {
        throw ValidationError("--listen must be HOST:PORT, e.g. 127.0.0.1:9464")
      }
      var host = String(listen[..<colon])
      if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
      return (host.isEmpty ? "0.0.0.0" : host, port)
    }

    func run() async throws {
      let logger = makeLogger()
      let metrics = ReconcileMetrics()
      let readiness = MetricsServer.Readiness(interval: interval.duration)
      let (host, port) = try listenAddress()
      let server = try await MetricsServer.start(
        host: host, port: port, metrics: metrics, readiness: readiness)
      CommandOutput.standardOutput("Serving metrics on \(server.url)/metrics\n")
      logger.info("serving metrics", metadata: ["url": "\(server.url)/metrics"])
      let opened = try await api.openAPI(observe: { entry in
        metrics.apiRequest(entry)
        if entry.status != nil { readiness.apiAnswered() }
      })
      let cycle = ReconcileCycle(
        selection: selection, policies: policies, api: opened.api, mode: mode, metrics: metrics,
        readiness: readiness,
        logger: logger,
        applyOptions: ApplyOptions(parallelism: parallelism, timeout: timeout.duration))
      let signals = SignalHandling(awaiting: [SIGINT, SIGTERM])
      let loop = Task {
        await ReconcileLoop.run(clock: ContinuousClock(), interval: interval.duration) {
          await cycle.run()
        }
      }
      let signal = await signals.firstSignal()
      logger.info(
        "stopping: the cycle under way ends now; a second signal exits at once",
        metadata: ["signal": "\(SignalHandling.names[signal] ?? "\(signal)")"])
      loop.cancel()
      let cycles = await loop.value
      await opened.close()
      await server.shutdown()
      logger.info("stopped", metadata: ["cycles": "\(cycles)"])
    }

    private func makeLogger() -> Logger {
      let format = logFormat
      var logger = Logger(label: "dooordb.reconcile") { label in
        ReconcileLogHandler(label: label, format: format)
      }
      logger.logLevel = .info
      return logger
    }
  }
}
