/// Ceilings on cpu, memory and storage; nil: no ceiling.
public struct ResourceLimits: Sendable, Hashable {
  public var cpu: Quantity?
  public var memory: Quantity?
  public var storageGb: Int?

  public init(cpu: Quantity? = nil, memory: Quantity? = nil, storageGb: Int? = nil) {
    self.cpu = cpu
    self.memory = memory
    self.storageGb = storageGb
  }

  public var isEmpty: Bool { cpu == nil && memory == nil && storageGb == nil }
}
