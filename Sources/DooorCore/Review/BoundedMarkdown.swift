/// A markdown document that fits a size limit by leaving out its least important parts first
/// (CONTRACT §10, `--max-chars`): GitHub refuses a comment over 65,536 characters, and a plan
/// comment that is refused shows the reviewer nothing at all.
///
/// The document is a list of sections. A section's items are cut from the last one back, the
/// sections with the lowest `cutRank` first; a section left without items goes away with its
/// heading. Sections without a rank (the title, the verdict) are always kept. When anything was
/// cut, the document ends with one line saying what, written by the caller from `Cuts`.
struct BoundedMarkdown {
  struct Section {
    /// Names the section in `Cuts`; nil for sections that are never cut.
    var kind: String?
    var head: [String] = []
    /// Each item is one or more lines: a table row, a `<details>` block.
    var items: [[String]] = []
    var foot: [String] = []
    /// Lower ranks are cut first; nil: never cut.
    var cutRank: Int?

    static func fixed(_ lines: [String]) -> Section {
      Section(kind: nil, head: lines)
    }
  }

  /// How many items each kind of section had and how many were left out.
  struct Cuts {
    var total: [String: Int] = [:]
    var leftOut: [String: Int] = [:]

    func leftOut(_ kind: String) -> Int { leftOut[kind] ?? 0 }
    func total(_ kind: String) -> Int { total[kind] ?? 0 }
  }

  var sections: [Section]

  /// Every line, ending with a newline; within `maxCharacters` (Unicode scalars) when given,
  /// with `notice(cuts)` as the last line when something had to be left out.
  func rendered(maxCharacters: Int?, notice: (Cuts) -> String) -> String {
    let full = Self.joined(sections.flatMap(Self.lines))
    guard let limit = maxCharacters, Self.size(full) > limit else { return full }
    var totals: [String: Int] = [:]
    for section in sections {
      if let kind = section.kind { totals[kind, default: 0] += section.items.count }
    }
    // Room for the notice as long as it can get: every item of every kind left out.
    let longestNotice = Self.size(notice(Cuts(total: totals, leftOut: totals))) + 1
    let budget = limit - longestNotice
    let itemSizes = sections.map { $0.items.map { $0.reduce(0) { $0 + Self.size($1) + 1 } } }
    let frameSizes = sections.map { ($0.head + $0.foot).reduce(0) { $0 + Self.size($1) + 1 } }
    var keptItems = sections.map { $0.items.count }
    var size = Self.size(full)
    for rank in Set(sections.compactMap(\.cutRank)).sorted() where size > budget {
      for index in sections.indices.reversed() where sections[index].cutRank == rank {
        while keptItems[index] > 0 && size > budget {
          keptItems[index] -= 1
          size -= itemSizes[index][keptItems[index]]
          if keptItems[index] == 0 { size -= frameSizes[index] }
        }
      }
    }
    var cuts = Cuts(total: totals)
    var lines: [String] = []
    for (index, section) in sections.enumerated() {
      if let kind = section.kind {
        cuts.leftOut[kind, default: 0] += section.items.count - keptItems[index]
      }
      var trimmed = section
      trimmed.items = Array(section.items.prefix(keptItems[index]))
      lines += Self.lines(trimmed)
    }
    lines.append(notice(cuts))
    let shortened = Self.joined(lines)
    // Only a limit smaller than the parts that are never cut gets here; the CLI refuses one.
    guard Self.size(shortened) > limit else { return shortened }
    return String(String.UnicodeScalarView(shortened.unicodeScalars.prefix(limit - 1))) + "\n"
  }

  /// A section's lines; a cut section with no item left has none.
  private static func lines(_ section: Section) -> [String] {
    if section.cutRank != nil && section.items.isEmpty { return [] }
    return section.head + section.items.flatMap { $0 } + section.foot
  }

  private static func joined(_ lines: [String]) -> String {
    lines.joined(separator: "\n") + "\n"
  }

  static func size(_ text: String) -> Int { text.unicodeScalars.count }
}
