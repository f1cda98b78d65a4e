/// How far `--target` narrowed a plan: the databases compared out of those declared.
public struct Targeting: Sendable, Hashable {
  public var compared: Int
  public var declared: Int

  public init(compared: Int, declared: Int) {
    self.compared = compared
    self.declared = declared
  }

  /// `Targeted plan: N of M declared databases.` (CONTRACT §9).
  public var line: String {
    "Targeted plan: \(compared) of \(Plural.count(declared, "declared database"))."
  }
}
