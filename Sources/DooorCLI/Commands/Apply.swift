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
        that it was made against this API by a compatible dooordb (and, with --plan-max-age, \
        recently enough), that nothing it touches changed since, and against the policies given \
        now. Destructive changes need --allow-destroy; --max-destroy caps them; a mandatory \
        policy violation refuses the plan. Exits 0 when everything was applied, 1 on any \
        failure or refusal, 130 when stopped by Ctrl-C, SIGTERM or SIGHUP (changes in flight finish and the report is \
        printed), 141 when the reader of its output went away (as after `| head`).

        EXAMPLES:
          dooordb apply --local examples/basic
          dooordb apply --plan plan.json
          dooordb apply manifests --auto-approve --parallelism 4 --timeout 30m
        """)

    @OptionGroup var selection: ManifestSelection

    @Option(
      help: ArgumentHelp("Apply this saved plan (from `plan --out`).", valueName: "FILE"),
      completion: .file(extensions: ["json"]))
    var plan: String?

    @Option(
      name: .customLong("plan-max-age"),
      help: ArgumentHelp(
        "With --plan: refuse a saved plan made longer ago than this (e.g. 30m, 1h).",
        valueName: "DURATION"),
      transform: DurationArgument.parse)
    var planMaxAge: DurationArgument?

    @Option(
      name: .customLong("expect-checksum"),
      help: ArgumentHelp(
        "With --plan: apply it only if its checksum is this one (as `plan --out` printed it).",
        valueName: "sha256:HEX"))
    var expectChecksum: String?

    @Flag(help: "Do not ask for confirmation.")
    var autoApprove = false

    @Flag(help: "Allow deleting and replacing databases.")
    var allowDestroy = false

    // `.unconditional`, so `--parallelism -3` reaches `validate()` and is refused as a number
    // below 1 rather than read as an unknown flag `-3`.
    @Option(parsing: .unconditional, help: "At most this many changes at a time.")
    var parallelism = 10

    @Option(
      help: ArgumentHelp(
        "How long each database may take, waiting included (e.g. 90s, 20m); each request too"
          + " (default: 20m)."),
      transform: DurationArgument.parse)
    var timeout = DurationArgument(.seconds(20 * 60))

    @Option(help: "Output format of the report: text or json.")
    var format: TextOrJSONFormat = .text

    @OptionGroup var review: ReviewOptions

    @OptionGroup var policies: PolicySelection

    @OptionGroup var api: APIOptions

    func validate() throws {
      guard parallelism >= 1 else {
        throw ValidationError("--parallelism must be 1 or more, found \(parallelism)")
      }
      if planMaxAge != nil && plan == nil {
        throw ValidationError("--plan-max-age goes with --plan")
      }
      if let expectChecksum {
        guard plan != nil else { throw ValidationError("--expect-checksum goes with --plan") }
        let digest = expectChecksum.dropFirst("sha256:".count)
        guard expectChecksum.hasPrefix("sha256:"), digest.count == 64,
          digest.allSatisfy({ $0.isHexDigit && !$0.isUppercase })
        else {
          throw ValidationError(
            "--expect-checksum takes sha256: and 64 lower-case hex digits, as `plan --out`"
              + " prints it")
        }
      }
      if plan != nil
        && (!selection.paths.isEmpty || !selection.workspaces.isEmpty || review.isNarrowing)
      {
        throw ValidationError(
          "--plan applies a saved plan as it is; do not pass manifest paths, --workspace,"
            + " --target or --replace with it")
      }
    }

    private var permissions: ApplyDecision.Permissions {
      ApplyDecision.Permissions(allowDestroy: allowDestroy, maxDestroy: review.maxDestroy)
    }

    func run() async throws {
      let stopSignal = StopSignal()
      let interrupts = InterruptHandler(stopping: stopSignal)
      defer { withExtendedLifetime(interrupts) {} }
      let loadedPolicies = policies.load()
      guard loadedPolicies.isValid else {
        // Policy files are checked offline, with the manifests, before any API call.
        let manifests = plan == nil ? await selection.load().diagnostics : []
        throw CommandOutput.report(loadedPolicies.diagnostics + manifests)
      }
      let report: ApplyReport? = try await {
        if let plan {
          let saved = try SavedPlanFile.read(from: plan, expectedChecksum: expectChecksum)
          try SavedPlanFile.checkOrigin(
            of: saved, path: plan, api: api, maxAge: planMaxAge?.duration)
          return try await applySaved(
            saved, policies: loadedPolicies.policies, stopSignal: stopSignal)
        }
        return try await applyManifests(policies: loadedPolicies.policies, stopSignal: stopSignal)
      }()
      guard let report else { return }
      switch format {
      case .text:
        CommandOutput.standardOutput(
          "\n" + ApplySummaryRenderer.text(report, useColor: api.useColor))
      case .json: CommandOutput.standardOutput(ApplyReportJSON.render(report))
      }
      if report.interrupted { throw ExitCode(130) }
      if !report.succeeded { throw ExitCode.failure }
    }

    /// Plans from the manifests, shows the plan, gets approval, applies. Nil when there was
    /// nothing to apply.
    private func applyManifests(policies: [Policy], stopSignal: StopSignal) async throws
      -> ApplyReport?
    {
      try await selection.loadWithAPI(api) { loaded in
        throw CommandOutput.report(loaded.diagnostics)
      } _: { loaded, reader in
        let plan = try await PlanComputation.plan(
          desired: loaded.desired, manifestWarnings: loaded.diagnostics, reader: reader,
          options: review.planOptions(policies: policies))
        showPlan(plan)
        switch ApplyDecision.decide(plan, permissions: permissions) {
        case .refuse(let refusals):
          throw Self.refused(refusals)
        case .nothingToDo:
          if format == .text { CommandOutput.standardOutput("No changes. Nothing to apply.\n") }
          return format == .json
            ? ApplyReport(entries: [], wallTime: .zero, interrupted: false) : nil
        case .apply:
          try confirm(plan)
          return await execute(plan, api: reader.api, stopSignal: stopSignal)
        }
      }
    }

    /// Every reason apply refuses, as one failure: nothing was changed.
    private static func refused(_ refusals: [ApplyRefusal]) -> CommandFailure {
      CommandFailure(
        "nothing was applied:\n" + refusals.map { "  - \($0.description)" }.joined(separator: "\n"))
    }

    /// Applies a reviewed plan after re-reading every database it touches; refuses a stale one.
    private func applySaved(_ saved: SavedPlan, policies: [Policy], stopSignal: StopSignal)
      async throws -> ApplyReport
    {
      // What the saved plan alone decides is refused before the API is opened.
      if case .refuse(let refusals) = ApplyDecision.decide(saved.plan, permissions: permissions) {
        throw Self.refused(refusals)
      }
      return try await api.withAPI { client in
        // Staleness needs the workspaces the plan changes; policies every one it compared.
        let workspaces =
          policies.isEmpty
          ? Set(saved.plan.changes.map(\.reference.workspace)).sorted() : saved.comparedWorkspaces
        let observation = try await ObservedStateReader(api: client).read(
          workspaces: workspaces, needingDetails: saved.databasesNeedingDetails(observed:))
        let reasons = saved.staleness(against: observation.observed)
        guard reasons.isEmpty else {
          throw CommandFailure(
            "the saved plan is stale; nothing was applied. Run plan again.\n"
              + reasons.map { "  - \($0)" }.joined(separator: "\n"))
        }
        // The policies given now, against the state the plan would leave.
        var plan = saved.plan
        if !policies.isEmpty {
          plan.policy = saved.policyReport(policies, observed: observation.observed)
          // No plan is printed here: the violations are shown on their own.
          for violation in plan.policy?.violations ?? [] {
            CommandOutput.standardErrorLine(violation.diagnostic.description)
          }
        }
        if case .refuse(let refusals) = ApplyDecision.decide(plan, permissions: permissions) {
          throw Self.refused(refusals)
        }
        return await execute(plan, api: client, stopSignal: stopSignal)
      }
    }

    /// The plan as text, on stdout, or on stderr when stdout holds the json report; coloured
    /// when the stream it goes to is a terminal.
    private func showPlan(_ plan: DooorCore.Plan) {
      let toStdout = format == .text
      let text = plan.rendered(
        as: .text, useColor: api.useColor(on: toStdout ? STDOUT_FILENO : STDERR_FILENO))
      if toStdout {
        CommandOutput.standardOutput(text)
      } else {
        CommandOutput.standardError(text)
      }
    }

    private func confirm(_ plan: DooorCore.Plan) throws {
      if autoApprove { return }
      guard isatty(STDIN_FILENO) == 1 else {
        throw CommandFailure(
          "no terminal to confirm on; nothing was applied. Pass --auto-approve to apply without asking."
        )
      }
      // Where the plan went: with --format json stdout holds only the report.
      let toStdout = format == .text
      func show(_ text: String) {
        if toStdout {
          CommandOutput.standardOutput(text)
        } else {
          CommandOutput.standardError(text)
        }
      }
      // Restated last, right above the question, however long the plan above was.
      if let notice = DestructionNotice.text(for: plan) {
        show("\n" + notice + "\n")
      }
      show("\nDo you want to apply these changes? Only 'yes' will be accepted: ")
      let answer = InterruptHandler.cancellingOutright { readLine() }
      guard answer?.trimmingCharacters(in: .whitespaces) == "yes" else {
        throw CommandFailure("apply cancelled; nothing was changed")
      }
    }

    private func execute(
      _ plan: DooorCore.Plan, api client: any DatabaseAPI, stopSignal: StopSignal
    ) async -> ApplyReport {
      InterruptHandler.changesBegin()
      let toStdout = format == .text
      let terminal = toStdout ? STDOUT_FILENO : STDERR_FILENO
      let live = isatty(terminal) == 1
      let progress = ProgressPrinter(
        style: live ? .live : .timestamped, useColor: live && api.allowsColor,
        width: { TerminalSize.columns(of: terminal) },
        height: { TerminalSize.rows(of: terminal) },
        write: { text in CommandOutput.liveProgressDrawing(text, to: terminal) })
      if live {
        CommandOutput.writeAroundLiveProgress { say in progress.interject(say) }
      }
      defer { CommandOutput.writeAroundLiveProgress(nil) }
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
      // Ended before the block is erased: a refresh after that would draw stale rows again.
      _ = await ticker.result
      progress.finish()
      return report
    }
  }
}
