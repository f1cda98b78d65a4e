/// A value that travels as its raw string (in the local API's state file and bodies); an
/// unknown string decodes as `.unknown`, never as an error.
public protocol RawStringCodable: Codable {
  init(rawValue: String)
  var rawValue: String { get }
}

extension RawStringCodable {
  public init(from decoder: any Decoder) throws {
    self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }
}

extension Engine: RawStringCodable {}
extension DatabaseStatus: RawStringCodable {}
