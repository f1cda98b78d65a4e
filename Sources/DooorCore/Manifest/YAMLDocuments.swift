import Yams

/// The YAML documents of one manifest file, composed by Yams with every node's position kept.
///
/// Yams stops at the first repeated key of a mapping and points at the *first* occurrence.
/// To report every repeat and still check the rest of the file, each repeat is located here,
/// reported, renamed in a private copy of the text, and the file composed again; the decoder
/// then skips the renamed keys (`shadowedKeys`).
struct YAMLDocuments {
  struct Position: Hashable {
    var line: Int
    var column: Int
  }

  var roots: [Node]
  var diagnostics: [Diagnostic]
  /// Keys that repeat an earlier key of their mapping: already reported, to be ignored.
  var shadowedKeys: Set<Position>
  /// False when a syntax error stopped reading: the file's declarations are incomplete.
  var isComplete: Bool

  /// Enough for any real file; stops a pathological one from being composed forever.
  private static let maximumRepeatedKeys = 200
  /// What Yams names a repeated key that is not a string.
  private static let nonStringKey = "<uncovertable>"

  static func compose(_ source: ManifestSource) -> YAMLDocuments {
    var text = source.text
    var diagnostics: [Diagnostic] = []
    var shadowed: Set<Position> = []
    func location(_ line: Int, _ column: Int) -> SourceLocation {
      SourceLocation(file: source.path, line: line, column: column)
    }
    for attempt in 0...maximumRepeatedKeys {
      do {
        // No resolver rules: scalars are typed by `YAMLValue`, and Yams' regular-expression
        // rules, run on every key when it checks for repeats, cost more than the parse itself.
        let parser = try Parser(yaml: text, resolver: .basic, encoding: .utf8)
        var roots: [Node] = []
        while let root = try parser.nextRoot() { roots.append(root) }
        return YAMLDocuments(
          roots: roots, diagnostics: diagnostics, shadowedKeys: shadowed, isComplete: true)
      } catch YamlError.duplicatedKeysInMapping(let duplicates, _)
        where duplicates.contains(nonStringKey)
      {
        // Yams cannot order a repeated list or mapping key against string keys, so which
        // repeat it names, and where, changes from run to run. Such keys are errors anyway:
        // say so once, at a fixed place, and stop (found by fuzzing).
        diagnostics.append(
          .error(
            at: location(1, 1),
            "a mapping repeats a key that is not a string (keys must be strings); "
              + "the file is not checked further"))
        return YAMLDocuments(
          roots: [], diagnostics: diagnostics, shadowedKeys: shadowed, isComplete: false)
      } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
        let key = duplicates.first ?? ""
        let first = Position(line: context.mark.line, column: context.mark.column)
        guard attempt < maximumRepeatedKeys,
          let repeated = RepeatedKeyFinder.position(of: key, after: first, in: text)
        else {
          diagnostics.append(
            .error(
              at: location(first.line, first.column),
              "duplicate key \"\(key)\" in this mapping (the file is not checked further)"))
          return YAMLDocuments(
            roots: [], diagnostics: diagnostics, shadowedKeys: shadowed, isComplete: false)
        }
        diagnostics.append(
          .error(
            at: location(repeated.line, repeated.column),
            "duplicate key \"\(key)\"; first written at line \(first.line), column \(first.column)"
          ))
        shadowed.insert(repeated)
        text = RepeatedKeyFinder.renaming(
          keyAt: repeated, in: text, to: "__dooordb_repeated_key_\(attempt)__")
      } catch let error as YamlError {
        diagnostics.append(syntaxDiagnostic(error, file: source.path))
        return YAMLDocuments(
          roots: [], diagnostics: diagnostics, shadowedKeys: shadowed, isComplete: false)
      } catch {
        diagnostics.append(.error(at: location(1, 1), "cannot read YAML: \(error)"))
        return YAMLDocuments(
          roots: [], diagnostics: diagnostics, shadowedKeys: shadowed, isComplete: false)
      }
    }
    return YAMLDocuments(
      roots: [], diagnostics: diagnostics, shadowedKeys: shadowed, isComplete: false)
  }

  /// Yams' description embeds the whole document; keep only libyaml's problem and its context.
  private static func syntaxDiagnostic(_ error: YamlError, file: String) -> Diagnostic {
    func located(_ mark: Mark, _ problem: String, _ context: YamlError.Context?) -> Diagnostic {
      var message = "YAML syntax error: \(problem)"
      if let context {
        message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
      }
      return .error(at: SourceLocation(file: file, line: mark.line, column: mark.column), message)
    }
    let start = SourceLocation(file: file, line: 1, column: 1)
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      return located(mark, problem, context)
    case .reader(let problem, _, _, _):
      return .error(at: start, "cannot read the file as YAML text: \(problem)")
    default:
      return .error(at: start, "cannot read YAML")
    }
  }
}

/// Finds, in the text, the second occurrence of a key Yams reported as repeated.
enum RepeatedKeyFinder {
  /// Looks in the block mapping that holds the first occurrence: later lines indented exactly
  /// like it, up to the first line indented less. Flow mappings (`{a: 1, a: 2}`) are searched
  /// on the first occurrence's line.
  static func position(of key: String, after first: YAMLDocuments.Position, in text: String)
    -> YAMLDocuments.Position?
  {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard first.line >= 1, first.line <= lines.count else { return nil }
    let firstLine = Array(lines[first.line - 1].unicodeScalars)
    let keyIndent = first.column - 1
    var searchFrom = keyIndent + 1
    while searchFrom < firstLine.count {
      if let column = keyStart(key, in: firstLine, at: searchFrom), isFlowKey(firstLine, column) {
        return YAMLDocuments.Position(line: first.line, column: column + 1)
      }
      searchFrom += 1
    }
    for lineIndex in first.line..<lines.count {
      let scalars = Array(lines[lineIndex].unicodeScalars)
      let indent = scalars.prefix { $0 == " " }.count
      let rest = scalars.dropFirst(indent)
      if rest.isEmpty || rest.first == "#" || rest.first == "\r" { continue }
      if indent < keyIndent { return nil }
      if indent == keyIndent {
        if keyStart(key, in: scalars, at: indent) != nil {
          return YAMLDocuments.Position(line: lineIndex + 1, column: indent + 1)
        }
        if rest.first == "-" { return nil }
      }
    }
    return nil
  }

  /// The column (0-based) where `key` is written as a mapping key at `column`, plain or quoted.
  private static func keyStart(_ key: String, in line: [Unicode.Scalar], at column: Int) -> Int? {
    let candidates = [key, "\"\(key)\"", "'\(key)'"].map { Array($0.unicodeScalars) }
    for candidate in candidates {
      let end = column + candidate.count
      guard end <= line.count, Array(line[column..<end]) == candidate else { continue }
      let after = line[end...].drop { $0 == " " }
      if after.first == ":" { return column }
    }
    return nil
  }

  private static func isFlowKey(_ line: [Unicode.Scalar], _ column: Int) -> Bool {
    let before = line[..<column].reversed().drop { $0 == " " }
    return before.first == "," || before.first == "{"
  }

  /// The text with the key written at `position` replaced by `placeholder`.
  static func renaming(
    keyAt position: YAMLDocuments.Position, in text: String, to placeholder: String
  )
    -> String
  {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var scalars = Array(lines[position.line - 1].unicodeScalars)
    let start = position.column - 1
    var end = start
    if let quote = scalars[start...].first, quote == "\"" || quote == "'" {
      end = (scalars[(start + 1)...].firstIndex(of: quote) ?? start) + 1
    } else {
      while end < scalars.count, scalars[end] != ":" { end += 1 }
      while end > start, scalars[end - 1] == " " { end -= 1 }
    }
    scalars.replaceSubrange(start..<end, with: placeholder.unicodeScalars)
    var rebuilt = String.UnicodeScalarView()
    rebuilt.append(contentsOf: scalars)
    lines[position.line - 1] = String(rebuilt)
    return lines.joined(separator: "\n")
  }
}
