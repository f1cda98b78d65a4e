/// CPU, memory and storage amounts as every plan format writes them for people: CPU in cores
/// (`2.5`), memory in Mi or Gi (`512Mi`, `1.5Gi`), storage in GB; differences signed.
public enum ResourceText {
  static let mebibyte: Int64 = 1 << 20
  static let gibibyte: Int64 = 1 << 30

  /// Millicores as cores: `1500` → `1.5`, `250` → `0.25`.
  public static func cores(_ millicores: Int64) -> String {
    decimal(millicores, scale: 1000, digits: 3)
  }

  /// Millicores with their unit: `1 core`, `2 cores`, `0.25 cores`.
  public static func coresCount(_ millicores: Int64) -> String {
    millicores % 1000 == 0
      ? Plural.count(Int(millicores / 1000), "core") : "\(cores(millicores)) cores"
  }

  /// Bytes in Gi from 1Gi up (at most two decimals, rounded up), else in Mi (rounded up).
  public static func memory(_ bytes: Int64) -> String {
    if bytes == 0 { return "0" }
    let sign = bytes < 0 ? "-" : ""
    let size = bytes.magnitude
    if size >= UInt64(gibibyte) {
      let hundredths = (size * 100 + UInt64(gibibyte) - 1) / UInt64(gibibyte)
      return sign + decimal(Int64(hundredths), scale: 100, digits: 2) + "Gi"
    }
    let mebibytes = (size + UInt64(mebibyte) - 1) / UInt64(mebibyte)
    return sign + "\(mebibytes)Mi"
  }

  /// `before → after (+difference)` for cpu.
  public static func cpuChange(_ before: Int64, _ after: Int64) -> String {
    "\(cores(before)) → \(cores(after)) (\(signed(after - before, cores)))"
  }

  public static func memoryChange(_ before: Int64, _ after: Int64) -> String {
    "\(memory(before)) → \(memory(after)) (\(signed(after - before, memory)))"
  }

  public static func storageChange(_ before: Int, _ after: Int) -> String {
    "\(before) GB → \(after) GB (\(signed(Int64(after - before)) { "\($0) GB" }))"
  }

  /// The three changes on one line: `cpu 1 → 2.5 (+1.5), memory …, storage …`.
  public static func line(before: ResourceAmounts, after: ResourceAmounts) -> String {
    "cpu \(cpuChange(before.cpuMillicores, after.cpuMillicores)),"
      + " memory \(memoryChange(before.memoryBytes, after.memoryBytes)),"
      + " storage \(storageChange(before.storageGb, after.storageGb))"
  }

  private static func signed(_ value: Int64, _ format: (Int64) -> String) -> String {
    value < 0 ? format(value) : "+" + format(value)
  }

  /// `value / scale` with up to `digits` decimals, trailing zeros dropped.
  private static func decimal(_ value: Int64, scale: Int64, digits: Int) -> String {
    let sign = value < 0 ? "-" : ""
    let size = value.magnitude
    let whole = size / UInt64(scale)
    let fraction = size % UInt64(scale)
    guard fraction > 0 else { return sign + "\(whole)" }
    var text = String(fraction)
    text = String(repeating: "0", count: digits - text.count) + text
    while text.hasSuffix("0") { text.removeLast() }
    return sign + "\(whole).\(text)"
  }
}
