/// What a terminal of `width` columns shows after some output: enough of a VT100 to follow
/// live progress (printable text that wraps at the last column, CR, LF, cursor up `ESC[nA`,
/// erase to the end of the screen `ESC[J`; colours ignored), so a test can see stale rows.
struct VirtualScreen {
  private(set) var lines: [[Character]] = [[]]
  private var row = 0
  private var column = 0
  let width: Int

  init(width: Int) {
    self.width = width
  }

  /// The screen's lines, trailing blank ones left out.
  var text: [String] {
    var shown = lines.map { String($0) }
    while shown.last?.isEmpty == true { shown.removeLast() }
    return shown
  }

  mutating func feed(_ output: String) {
    var scalars = output.unicodeScalars.makeIterator()
    while let scalar = scalars.next() {
      switch scalar {
      case "\r": column = 0
      case "\n": moveDown()
      case "\u{1B}":
        guard scalars.next() == "[" else { continue }
        var parameter = ""
        while let next = scalars.next() {
          if next.properties.numericType != nil || next == ";" {
            parameter.unicodeScalars.append(next)
            continue
          }
          control(next, Int(parameter) ?? 1)
          break
        }
      default:
        put(Character(scalar))
      }
    }
  }

  private mutating func control(_ final: Unicode.Scalar, _ count: Int) {
    switch final {
    case "A": row = max(0, row - count)
    case "J":
      lines[row] = Array(lines[row].prefix(column))
      lines.removeSubrange((row + 1)...)
    default: break
    }
  }

  private mutating func put(_ character: Character) {
    if column == width {
      moveDown()
      column = 0
    }
    while lines[row].count < column { lines[row].append(" ") }
    if column < lines[row].count {
      lines[row][column] = character
    } else {
      lines[row].append(character)
    }
    column += 1
  }

  private mutating func moveDown() {
    row += 1
    if row == lines.count { lines.append([]) }
  }
}
