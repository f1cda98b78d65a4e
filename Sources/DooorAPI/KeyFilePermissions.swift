/// Refuses an API key file that other users can read, as ssh does for private keys: a key left
/// readable on a shared CI runner is a key someone else may already have.
public enum KeyFilePermissions {
  /// The permission bits that must be clear: any access for group or others.
  public static let forbiddenBits: UInt32 = 0o077

  /// A message telling how to fix `path`, or nil when its `mode` keeps the key private.
  public static func problem(path: String, mode: UInt32) -> String? {
    let open = mode & forbiddenBits
    guard open != 0 else { return nil }
    let shown = String(mode & 0o777, radix: 8)
    return
      "the API key file \(path) is accessible by other users (mode \(shown)); "
      + "run `chmod 600 \(path)`, or pass --allow-open-key-file to use it anyway"
  }
}
