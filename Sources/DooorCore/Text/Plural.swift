/// A count and its noun in agreement (`1 error`, `2 errors`), for every message that counts
/// something, so none says "1 errors".
public enum Plural {
  /// `count` followed by `noun`, or by `plural` (default: `noun` + "s") when `count` is not 1.
  public static func count(_ count: Int, _ noun: String, plural: String? = nil) -> String {
    "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
  }
}
