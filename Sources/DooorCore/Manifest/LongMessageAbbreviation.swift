extension Diagnostic {
  /// Longer messages are cut in the middle: a message quotes the offending value, and a value
  /// of megabytes (a pasted blob, a generated file gone wrong) would bury every other line.
  static let longestMessage = 400

  /// This diagnostic with its message cut to `longestMessage` characters, keeping the start
  /// (what is wrong) and the end (often the rule that was broken).
  func abbreviated() -> Diagnostic {
    guard message.count > Self.longestMessage else { return self }
    var copy = self
    let omitted = message.count - 360
    copy.message =
      "\(message.prefix(240))… [\(omitted) characters omitted] …\(message.suffix(120))"
    return copy
  }
}
