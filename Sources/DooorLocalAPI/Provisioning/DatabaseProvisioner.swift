import DooorCore

/// Which engines back the local API's databases (CONTRACT §7).
public enum LocalEnginesSetting: String, Sendable, Hashable, CaseIterable {
  /// Real servers only: a create the machine cannot serve is refused.
  case real
  /// Records only, whatever is installed (tests and benchmarks at scale).
  case simulated
  /// Real where the engine and version are installed, simulated elsewhere.
  case auto
}

/// How a new database will run, decided before it is stored.
enum Placement: Sendable, Hashable {
  case simulated
  /// Simulated although real servers were asked for, and why (said once to the user).
  case simulatedInstead(reason: String)
  /// A real server of this version.
  case real(version: String)
  /// Not created at all: the API answers this status (422) and message. Never 429: clients
  /// retry a 429, and a full machine does not empty itself.
  case refused(status: Int, message: String)
}

/// The seam between the local API's records and what backs them: a simulated provisioner
/// that lets the clock drive every lifecycle, and a real one that runs engine servers and
/// reports their lifecycle back to the store.
protocol DatabaseProvisioner: Sendable {
  /// Decides how a new database runs, by what is installed (the store owns the limit on
  /// how many real servers run).
  func placement(engine: Engine, version: String?) async -> Placement
  /// Brings up a real database just stored as `provisioning`.
  func provision(_ record: LocalDatabaseRecord, store: LocalDatabaseStore) async
  /// Applies a real database's new memory (a restart), the record already `updating`.
  func resize(_ record: LocalDatabaseRecord, store: LocalDatabaseStore) async
  /// Stops a real database's server and deletes its data, the record already `deleting`.
  func remove(_ record: LocalDatabaseRecord, store: LocalDatabaseStore) async
  /// Takes over the real databases of a loaded state: adopts servers still running and
  /// restarts the others; returns once each is ready or has failed.
  func adopt(_ records: [LocalDatabaseRecord], store: LocalDatabaseStore) async
  /// Stops watching the servers (they keep running).
  func shutdown() async
}

/// Records only: nothing runs, the clock moves every lifecycle (section 6's behaviour).
struct SimulatedProvisioner: DatabaseProvisioner {
  func placement(engine: Engine, version: String?) async -> Placement {
    .simulated
  }
  func provision(_ record: LocalDatabaseRecord, store: LocalDatabaseStore) async {}
  func resize(_ record: LocalDatabaseRecord, store: LocalDatabaseStore) async {}
  func remove(_ record: LocalDatabaseRecord, store: LocalDatabaseStore) async {}
  func adopt(_ records: [LocalDatabaseRecord], store: LocalDatabaseStore) async {}
  func shutdown() async {}
}
