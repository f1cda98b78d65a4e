import DooorCore
import Foundation

/// `apply --format json`: one document at the end of the run, keys sorted so it is stable.
/// Absent values are written as `null` rather than left out, so every entry has every key.
public enum ApplyReportJSON {
  public static func render(_ report: ApplyReport) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // Encoding these plain values cannot fail.
    let data = try! encoder.encode(Document(report))
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  private struct Document: Encodable {
    var formatVersion = 1
    var succeeded: Bool
    var interrupted: Bool
    var stopReason: String?
    var wallTimeSeconds: Double
    var summary: [String: Int]
    var databases: [Database]
    var stillInProgress: [Database]

    init(_ report: ApplyReport) {
      succeeded = report.succeeded && !report.interrupted
      interrupted = report.interrupted
      stopReason = report.stopReason
      wallTimeSeconds = ElapsedText.seconds(report.wallTime)
      summary = Dictionary(
        uniqueKeysWithValues: ApplyOutcome.allCases.map { ($0.rawValue, report.count(of: $0)) })
      databases = report.entries.map(Database.init)
      stillInProgress = report.stillInProgress.map(Database.init)
    }

    private enum CodingKeys: String, CodingKey {
      case formatVersion, succeeded, interrupted, stopReason, wallTimeSeconds, summary
      case databases, stillInProgress
    }

    // Written by hand so a missing stop reason is an explicit null, like every other key.
    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(formatVersion, forKey: .formatVersion)
      try container.encode(succeeded, forKey: .succeeded)
      try container.encode(interrupted, forKey: .interrupted)
      try container.encode(stopReason, forKey: .stopReason)
      try container.encode(wallTimeSeconds, forKey: .wallTimeSeconds)
      try container.encode(summary, forKey: .summary)
      try container.encode(databases, forKey: .databases)
      try container.encode(stillInProgress, forKey: .stillInProgress)
    }
  }

  private struct Database: Encodable {
    var entry: ApplyReport.Entry

    enum CodingKeys: String, CodingKey {
      case workspace, slug, action, outcome, reason, durationSeconds, id, status
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(entry.reference.workspace, forKey: .workspace)
      try container.encode(entry.reference.slug, forKey: .slug)
      try container.encode(entry.action.rawValue, forKey: .action)
      try container.encode(entry.outcome.rawValue, forKey: .outcome)
      try container.encode(entry.reason, forKey: .reason)
      try container.encode(entry.duration.map(ElapsedText.seconds), forKey: .durationSeconds)
      try container.encode(entry.databaseID, forKey: .id)
      try container.encode(entry.lastStatus?.rawValue, forKey: .status)
    }
  }
}
