/// CPU, memory and storage added up over databases, held exactly in whole units: CPU in
/// millicores and memory in bytes (each database's value rounded up, as Kubernetes rounds).
public struct ResourceAmounts: Sendable, Hashable {
  public var cpuMillicores: Int64
  public var memoryBytes: Int64
  public var storageGb: Int

  public init(cpuMillicores: Int64 = 0, memoryBytes: Int64 = 0, storageGb: Int = 0) {
    self.cpuMillicores = cpuMillicores
    self.memoryBytes = memoryBytes
    self.storageGb = storageGb
  }

  public static let zero = ResourceAmounts()

  /// One database's amounts. Values too large for an Int64 saturate rather than wrap.
  public init(cpu: Quantity, memory: Quantity, storageGb: Int) {
    self.init(
      cpuMillicores: cpu.roundedUpValue(scaledBy: 3), memoryBytes: memory.roundedUpValue(),
      storageGb: storageGb)
  }

  public static func + (lhs: ResourceAmounts, rhs: ResourceAmounts) -> ResourceAmounts {
    ResourceAmounts(
      cpuMillicores: lhs.cpuMillicores.addingSaturated(rhs.cpuMillicores),
      memoryBytes: lhs.memoryBytes.addingSaturated(rhs.memoryBytes),
      storageGb: lhs.storageGb + rhs.storageGb)
  }

  public static func += (lhs: inout ResourceAmounts, rhs: ResourceAmounts) {
    lhs = lhs + rhs
  }
}

extension Quantity {
  /// The value times 10^power, rounded up to a whole number; Int64.max when it does not fit.
  func roundedUpValue(scaledBy power: Int = 0) -> Int64 {
    let whole = magnitude.roundedUp(toExponent: -power).int64(scaledBy: power) ?? .max
    return isNegative ? -whole : whole
  }
}

extension Int64 {
  fileprivate func addingSaturated(_ other: Int64) -> Int64 {
    let (sum, overflow) = addingReportingOverflow(other)
    return overflow ? (other > 0 ? .max : .min) : sum
  }
}
