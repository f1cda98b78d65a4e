import ArgumentParser
import DooorAPI
import DooorCore
import DooorEngine
import Foundation

extension Dooordb {
  struct Apply: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "apply",
      abstract: "Make the databases match the manifests, in dependency order.",
      discussion: """
        Computes a plan, prints it, and asks for `yes` on a terminal (without one, refuses \
        unless --auto-approve). With --plan FILE, applies exactly that saved plan after checking \
        that nothing it touches changed since. Destructive changes need --allow-destroy. \
        Exits 0 when everything was applied, 1 on any failure or refusal, 130 when stopped by \
        Ctrl-C, SIGTERM or SIGHUP (changes in flight finish and the report is printed), 141 \
        when the reader of its output went away (as after `| head`).
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case text
      case json
    }

    @OptionGroup var selection: ManifestSelection

    @Option(help: ArgumentHelp("Apply this saved plan (from `plan --out`).", valueName: "FILE"))
    var plan: String?

    @Flag(help: "Do not ask for confirmation.")
    var autoApprove = false

    @Flag(help: "Allow deleting and replacing databases.")
    var allowDestroy = false

    @Option(help: "At most this many changes at a time.")
    var parallelism = 10

    @Option(
      help: "How long each database may take, waiting included (e.g. 90s, 20m); each request too.")
    var timeout = DurationArgument(.seconds(20 * 60))

    @Option(help: "Output format of the report: text or json.")
    var format: Format = .text

    @OptionGroup var api: APIOptions

    func validate() throws {
      guard parallelism >= 1 else { throw ValidationError("--parallelism must be at least 1") }
      if plan != nil && (!selection.paths.isEmpty || !selection.workspaces.isEmpty) {
        throw ValidationError(
          "--plan applies a saved plan as it is; do not pass manifest paths or --workspace with it")
      }
    }

    func run() async throws {
      let stopSignal = StopSignal()
      let interrupts = InterruptHandler(stopping: stopSignal)
      defer { withExtendedLifetime(interrupts) {} }
      let report: ApplyReport? = try await {
        if let plan {
          return try await applySaved(try SavedPlanFile.read(from: plan), stopSignal: stopSignal)
        }
        return try await applyManifests(stopSignal: stopSignal)
      }()
      guard let report else { return }
      switch format {
      case .text: CommandOutput.standardOutput("\n" + ApplySummaryRenderer.text(report))
      case .json: CommandOutput.standardOutput(ApplyReportJSON.render(report))
      }
      if report.interrupted { throw ExitCode(130) }
      if !report.succeeded { throw ExitCode.failure }
    }

    /// Plans from the manifests, shows the plan, gets approval, applies. Nil when there was
    /// nothing to apply.
    private func applyManifests(stopSignal: StopSignal) async throws -> ApplyReport? {
      try await selection.loadWithAPI(boundedAPI) { loaded in
        throw CommandOutput.report(loaded.diagnostics)
      } _: { loaded, reader in
        let plan = try await PlanComputation.plan(
          desired: loaded.desired, manifestWarnings: loaded.diagnostics, reader: reader)
        showPlan(plan)
        if plan.hasErrors {
          throw CommandFailure("the plan has errors; nothing was applied")
        }
        guard plan.hasChanges || !plan.notReady.isEmpty else {
          if format == .text { CommandOutput.standardOutput("No changes. Nothing to apply.\n") }
          return format == .json
            ? ApplyReport(entries: [], wallTime: .zero, interrupted: false) : nil
        }
        try checkDestroyAllowed(plan)
        try confirm()
        return await execute(plan, api: reader.api, stopSignal: stopSignal)
      }
    }

    /// Applies a reviewed plan after re-reading every database it touches; refuses a stale one.
    private func applySaved(_ saved: SavedPlan, stopSignal: StopSignal) async throws
      -> ApplyReport
    {
      if saved.plan.hasErrors {
        throw CommandFailure("the saved plan has errors; nothing was applied")
      }
      try checkDestroyAllowed(saved.plan)
      return try await boundedAPI.withAPI { client in
        let workspaces = Set(saved.plan.changes.map(\.reference.workspace)).sorted()
        let observation = try await ObservedStateReader(api: client).read(
          workspaces: workspaces, needingDetails: saved.databasesNeedingDetails(observed:))
        let reasons = saved.staleness(against: observation.observed)
        guard reasons.isEmpty else {
          throw CommandFailure(
            "the saved plan is stale; nothing was applied. Run plan again.\n"
              + reasons.map { "  - \($0)" }.joined(separator: "\n"))
        }
        return await execute(saved.plan, api: client, stopSignal: stopSignal)
      }
    }

    /// The API options with every request also bounded by `--timeout`.
    private var boundedAPI: APIOptions { api.boundingRequests(by: timeout.duration) }

    private func showPlan(_ plan: DooorCore.Plan) {
      let text = plan.rendered(as: .text, useColor: api.useColor)
      if format == .text {
        CommandOutput.standardOutput(text)
      } else {
        CommandOutput.standardError(text)
      }
    }

    private func checkDestroyAllowed(_ plan: DooorCore.Plan) throws {
      guard plan.hasDestructiveChanges, !allowDestroy else { return }
      let destructive = plan.changes.filter(\.isDestructive).map {
        "\($0.action.rawValue) \($0.reference)"
      }
      throw CommandFailure(
        "the plan deletes or replaces databases (\(destructive.joined(separator: ", "))); "
          + "nothing was applied. Pass --allow-destroy to allow it.")
    }

    private func confirm() throws {
      if autoApprove { return }
      guard isatty(STDIN_FILENO) == 1 else {
        throw CommandFailure(
          "no terminal to confirm on; nothing was applied. Pass --auto-approve to apply without asking."
        )
      }
      CommandOutput.standardOutput(
        "\nDo you want to apply these changes? Only 'yes' will be accepted: ")
      guard readLine()?.trimmingCharacters(in: .whitespaces) == "yes" else {
        throw CommandFailure("apply cancelled; nothing was changed")
      }
    }

    private func execute(
      _ plan: DooorCore.Plan, api client: any DatabaseAPI, stopSignal: StopSignal
    ) async -> ApplyReport {
      let toStdout = format == .text
      let live = isatty(toStdout ? STDOUT_FILENO : STDERR_FILENO) == 1
      let progress = ProgressPrinter(style: live ? .live : .timestamped) { text in
        toStdout ? CommandOutput.standardOutput(text) : CommandOutput.standardError(text)
      }
      let executor = PlanExecutor(
        api: client,
        options: ApplyOptions(parallelism: parallelism, timeout: timeout.duration),
        observer: progress, stopSignal: stopSignal)
      let started = ContinuousClock.now
      // Polls are seconds apart; the live lines' elapsed times move on between them.
      let ticker = Task {
        while live, !Task.isCancelled {
          try await Task.sleep(for: .seconds(1))
          progress.refresh(at: ContinuousClock.now - started)
        }
      }
      let report = await executor.apply(plan)
      ticker.cancel()
      progress.finish()
      return report
    }
  }
}
