/// The pauses between polls of one database: 1 s, 1 s, 2 s, 4 s, 8 s, then 10 s.
///
/// The second pause is not doubled so that a database that provisions in about two seconds is
/// seen ready at two seconds rather than three; from then on the API is asked less and less.
struct PollBackoff: Sendable, Hashable {
  static let first = Duration.seconds(1)
  static let maximum = Duration.seconds(10)

  private var count = 0

  mutating func next() -> Duration {
    defer { count += 1 }
    guard count >= 2 else { return Self.first }
    var pause = Self.first
    for _ in 1..<count where pause < Self.maximum { pause *= 2 }
    return min(pause, Self.maximum)
  }
}
