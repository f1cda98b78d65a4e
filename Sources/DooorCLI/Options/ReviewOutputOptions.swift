import ArgumentParser
import DooorCore

/// `--format` and `--max-chars` of plan and drift, and what they print when they fail
/// (CONTRACT §10): json and markdown always make one document on stdout, so a CI job that
/// posts it posts the errors; stderr keeps the text a person reads.
struct ReviewOutputOptions: ParsableArguments {
  /// GitHub refuses a comment over 65,536 characters; this leaves room for a job's own lines.
  static let defaultMaxCharacters = 60_000
  /// Below this the title, verdict and closing line alone may not fit.
  static let smallestMaxCharacters = 1_000

  @Option(help: "Output format: text, json or markdown.")
  var format: ReviewFormat = .text

  @Option(
    name: .customLong("max-chars"),
    help: ArgumentHelp(
      "Keep markdown within N characters: field details are left out first, then table"
        + " rows, and the last line says what was left out.",
      valueName: "N"))
  var maxCharacters = defaultMaxCharacters

  func validate() throws {
    guard maxCharacters >= Self.smallestMaxCharacters else {
      throw ValidationError("--max-chars must be at least \(Self.smallestMaxCharacters)")
    }
  }

  /// The bound for markdown; the other formats are never shortened.
  var markdownLimit: Int? { format == .markdown ? maxCharacters : nil }

  /// Runs `body`; if it fails, prints the failure as one json or markdown document on stdout
  /// first, then fails as before (same stderr, same exit code). Invalid manifests or policy
  /// files are listed on stderr as `FILE:LINE:COL: error: MESSAGE` and exit 1.
  ///
  /// A signal while `body` runs ends the run with the failure document saying so, exit 130
  /// (`ReadOnlyInterruption`).
  func failingAsDocument<Result>(
    command: String, _ body: () async throws -> Result
  ) async throws -> Result {
    let format = format
    let markdownLimit = markdownLimit
    let interruption = ReadOnlyInterruption { message in
      format == .text
        ? nil
        : FailureDocument(command: command, errors: [.error(at: nil, message)])
          .rendered(as: format.planFormat, maxCharacters: markdownLimit)
    }
    defer { interruption.claimOutput() }
    do {
      let result = try await body()
      interruption.claimOutput()
      return result
    } catch let exit as ExitCode {
      throw exit
    } catch let invalid as InvalidInputs {
      interruption.claimOutput()
      printDocument(command: command, errors: invalid.diagnostics.filter { $0.severity == .error })
      throw CommandOutput.report(invalid.diagnostics)
    } catch {
      interruption.claimOutput()
      printDocument(
        command: command, errors: [.error(at: nil, FailureReport.message(for: error))])
      throw error
    }
  }

  private func printDocument(command: String, errors: [Diagnostic]) {
    guard format != .text else { return }
    CommandOutput.standardOutput(
      FailureDocument(command: command, errors: errors.sorted())
        .rendered(as: format.planFormat, maxCharacters: markdownLimit))
  }
}
