/// What `plan` and `drift` print on stdout in json or markdown when they fail before there is
/// a plan or report to show: invalid manifests or policy files, no API key, an API that does
/// not answer (CONTRACT §10). A CI job that posts stdout as a comment then posts why, never an
/// empty comment or half a document.
public struct FailureDocument: Sendable, Hashable {
  /// `plan` or `drift`.
  public var command: String
  public var errors: [Diagnostic]

  public init(command: String, errors: [Diagnostic]) {
    self.command = command
    self.errors = errors
  }

  /// `{"formatVersion": 1, "status": "error", "errors": [...]}`, ending with a newline.
  public func json() -> String {
    JSONText.object([
      ("formatVersion", .integer(PlanJSONRenderer.formatVersion)),
      ("status", .string("error")),
      ("errors", .array(errors.map(PlanJSONRenderer.diagnostic))),
    ]).rendered() + "\n"
  }

  /// The same title as a successful document, a verdict, and a caution callout with every
  /// error, within `maxCharacters` when given.
  public func markdown(maxCharacters: Int? = nil) -> String {
    let sections: [BoundedMarkdown.Section] = [
      .fixed([
        "### dooordb \(command)", "",
        ":x: **dooordb \(command) failed: \(Plural.count(errors.count, "error")).**"
          + " Nothing was compared and nothing was changed.",
        "", "> [!CAUTION]",
      ]),
      BoundedMarkdown.Section(
        kind: "errors", head: ["> **dooordb \(command) could not run.** Fix these errors first:"],
        items: errors.map { ["> - " + PlanMarkdownRenderer.escaped($0.description)] },
        cutRank: 1),
    ]
    return BoundedMarkdown(sections: sections).rendered(maxCharacters: maxCharacters) { cuts in
      "> **\(cuts.leftOut("errors")) of \(cuts.total("errors")) errors left out** to stay under"
        + " \(maxCharacters ?? 0) characters. The job log has them all."
    }
  }

  /// The document in the format of a plan.
  public func rendered(as format: PlanFormat, maxCharacters: Int? = nil) -> String {
    switch format {
    case .text: errors.map { "\($0)\n" }.joined()
    case .json: json()
    case .markdown: markdown(maxCharacters: maxCharacters)
    }
  }
}
