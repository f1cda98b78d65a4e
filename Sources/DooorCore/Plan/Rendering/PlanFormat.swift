/// The ways a plan can be shown (`--format`).
public enum PlanFormat: String, Sendable, Hashable, CaseIterable {
  case text
  case json
  case markdown
}

extension Plan {
  /// The plan in `format`, ending with a newline. `useColor` adds ANSI colours to text and is
  /// ignored by the other formats; the CLI sets it only on a terminal without `NO_COLOR`.
  /// `maxCharacters` bounds markdown (`--max-chars`); `refusals` are why `plan` fails beyond the
  /// plan's own errors (`--max-destroy`), shown by json and markdown. `savedPlanChecksum` is
  /// the checksum of the file `plan --out` wrote, shown last so a reviewer can pin it with
  /// `apply --expect-checksum`.
  public func rendered(
    as format: PlanFormat, useColor: Bool = false, maxCharacters: Int? = nil,
    refusals: [ApplyRefusal] = [], savedPlanChecksum: String? = nil
  ) -> String {
    switch format {
    case .text:
      PlanTextRenderer(useColor: useColor).render(self)
        + (savedPlanChecksum.map { "Saved plan checksum: \($0)\n" } ?? "")
    case .json:
      PlanJSONRenderer.render(self, refusals: refusals, savedPlanChecksum: savedPlanChecksum)
    case .markdown:
      markdown(maxCharacters: maxCharacters, refusals: refusals, checksum: savedPlanChecksum)
    }
  }

  private func markdown(maxCharacters: Int?, refusals: [ApplyRefusal], checksum: String?)
    -> String
  {
    // Outside what --max-chars cuts, and counted against it.
    let footer = checksum.map { "\nSaved plan checksum: `\($0)`\n" } ?? ""
    return PlanMarkdownRenderer.render(
      self, maxCharacters: maxCharacters.map { max(0, $0 - footer.count) }, refusals: refusals)
      + footer
  }

  /// `Plan: N to create, N to update, N to replace, N to delete.` (CONTRACT §5).
  public var summaryLine: String {
    "Plan: \(count(of: .create)) to create, \(count(of: .update)) to update,"
      + " \(count(of: .replace)) to replace, \(count(of: .delete)) to delete."
  }
}

extension PlannedChange {
  /// Why the change is destructive, in the words every format uses.
  var destructiveNote: String? {
    switch action {
    case .replace: "DESTRUCTIVE: deletes the database and all its data, then creates it again"
    case .delete: "DESTRUCTIVE: deletes the database and all its data"
    case .create, .update: nil
    }
  }

  /// What a delete destroys, from the remote as the plan saw it: `postgresql 16, 20 GB`.
  var remoteSummary: String? {
    guard let remote else { return nil }
    var parts = [remote.engine.rawValue + (remote.version.map { " " + $0 } ?? "")]
    if let storage = remote.storageGb { parts.append("\(storage) GB") }
    parts.append("id " + remote.id)
    return parts.joined(separator: ", ")
  }
}
