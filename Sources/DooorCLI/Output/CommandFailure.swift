/// A user-facing failure with nothing more to say than its message; exits 1.
struct CommandFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
