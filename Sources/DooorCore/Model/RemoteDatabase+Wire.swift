/// The one JSON form of a database: what the API answers, what `get`/`list --format json`
/// print and what a saved plan records. Decoding is tolerant on purpose: fields the API adds
/// are ignored, optional fields may be missing, a version or quantity written as a number is
/// kept as its text, and an engine or status this build does not know is kept (the caller
/// reports it) instead of failing the whole answer. A required field that is missing or of
/// the wrong type fails with a `DecodingError` whose coding path names it.
extension RemoteDatabase: Codable {
  /// The fields, in the order every writer puts them.
  public enum WireKey: String, CodingKey, CaseIterable, Sendable {
    case id, slug, name, engine, version, status, cpu, memory, storageGb, storageClass
    case createdAt, updatedAt
  }

  /// What an API may add beside the reference's fields. Kept out of `wireFields`: a saved
  /// plan records the managed fields, and a status message is none.
  enum ExtraKey: String, CodingKey {
    case statusMessage
  }

  /// A field's value as JSON carries it.
  public enum WireValue: Sendable, Hashable {
    case text(String)
    case integer(Int)
  }

  /// Every field in wire order, nil where this database lacks it.
  public var wireFields: [(key: WireKey, value: WireValue?)] {
    [
      (.id, .text(id)), (.slug, .text(slug)), (.name, .text(name)),
      (.engine, .text(engine.rawValue)), (.version, version.map(WireValue.text)),
      (.status, .text(status.rawValue)), (.cpu, cpu.map(WireValue.text)),
      (.memory, memory.map(WireValue.text)), (.storageGb, storageGb.map(WireValue.integer)),
      (.storageClass, storageClass.map(WireValue.text)),
      (.createdAt, createdAt.map(WireValue.text)), (.updatedAt, updatedAt.map(WireValue.text)),
    ]
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: WireKey.self)
    let slug = try container.decode(String.self, forKey: .slug)
    self.init(
      id: try container.decode(String.self, forKey: .id), slug: slug,
      name: try container.decodeIfPresent(String.self, forKey: .name) ?? slug,
      engine: try container.decode(Engine.self, forKey: .engine),
      version: container.decodeLenientText(forKey: .version),
      status: try container.decodeIfPresent(DatabaseStatus.self, forKey: .status)
        ?? DatabaseStatus(rawValue: "unknown"),
      cpu: container.decodeLenientText(forKey: .cpu),
      memory: container.decodeLenientText(forKey: .memory),
      storageGb: try container.decodeIfPresent(Int.self, forKey: .storageGb),
      storageClass: try container.decodeIfPresent(String.self, forKey: .storageClass),
      createdAt: try container.decodeIfPresent(String.self, forKey: .createdAt),
      updatedAt: try container.decodeIfPresent(String.self, forKey: .updatedAt),
      // A message of the wrong type is dropped: it explains, it never decides.
      statusMessage: try? decoder.container(keyedBy: ExtraKey.self)
        .decodeIfPresent(String.self, forKey: .statusMessage))
  }

  /// Absent fields are left out, not written as null.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: WireKey.self)
    for (key, value) in wireFields {
      switch value {
      case .text(let text)?: try container.encode(text, forKey: key)
      case .integer(let number)?: try container.encode(number, forKey: key)
      case nil: continue
      }
    }
    var extra = encoder.container(keyedBy: ExtraKey.self)
    try extra.encodeIfPresent(statusMessage, forKey: .statusMessage)
  }
}

extension KeyedDecodingContainer {
  /// A text field an API might also write as a number (`"version": 16`, `"cpu": 1`).
  fileprivate func decodeLenientText(forKey key: Key) -> String? {
    if let text = try? decodeIfPresent(String.self, forKey: key) { return text }
    if let whole = try? decodeIfPresent(Int.self, forKey: key) { return String(whole) }
    if let number = try? decodeIfPresent(Double.self, forKey: key) { return String(number) }
    return nil
  }
}
