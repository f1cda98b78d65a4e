import DooorCore
import DooorEngine

/// A fake Dooor API for executor tests: simulates each database's lifecycle on a `SteppedClock`,
/// records every call in order, fails calls as scripted, and writes down every request that the
/// real API would see in an impossible order (`violations`), like Terraform's mock provider.
actor ScriptedDatabaseAPI: DatabaseAPI {
  enum CallKind: String, Sendable, Hashable {
    case list, get, status, connection, create, update, delete
  }

  struct Call: Sendable, Hashable, CustomStringConvertible {
    var kind: CallKind
    var slug: String
    var at: Duration
    var description: String { "\(kind.rawValue) \(slug)" }
  }

  /// A scripted failure, consumed by the next matching call.
  enum Fault: Sendable, Hashable {
    /// 503 without doing anything; the client cannot know that, so it may have taken effect.
    case serverErrorBeforeEffect
    /// Carries the request out, then answers 503.
    case serverErrorAfterEffect
    /// Carries the request out, then the answer never comes.
    case timeoutAfterEffect
    /// Carries the request out, then answers 409 (as a client retry of it would see).
    case conflictAfterEffect
    /// 429 without doing anything.
    case rateLimited
    /// Answers this 4xx without doing anything.
    case refused(status: Int)
  }

  private enum Phase: Sendable, Hashable {
    case provisioning(until: Duration)
    case updating(until: Duration)
    case ready
    case error
    case deleting(until: Duration)
  }

  private struct Stored: Sendable {
    var workspace: String
    var remote: RemoteDatabase
    var phase: Phase
  }

  let clock: ElapsedTime
  private var databases: [String: Stored] = [:]
  private var nextID = 1
  private var faults: [String: [CallKind: [Fault]]] = [:]
  private var provisioningTimes: [String: Duration] = [:]
  private var slugsEndingInError: Set<String> = []
  private var slugsFailingDeletion: Set<String> = []
  private var dependencies: [String: [String]] = [:]
  private var checksDeleteOrder = true
  private var onCall: (@Sendable (Call) -> Void)?
  private var createBarrier: (count: Int, waiting: [CheckedContinuation<Void, Never>])?
  private var busy: Set<String> = []

  /// Replicas come up this long after the status turns `ready`.
  private var replicaLag = Duration.zero
  private var readySince: [String: Duration] = [:]

  var provisioningTime = Duration.seconds(3)
  var updatingTime = Duration.seconds(2)
  var deletingTime = Duration.seconds(2)

  private(set) var calls: [Call] = []
  private(set) var violations: [String] = []
  /// Creates carried out, by slug.
  private(set) var createsCarriedOut: [String: Int] = [:]
  /// The most databases changed at once whose end the executor had not yet seen.
  private(set) var maximumBusy = 0

  init(clock: any Clock<Duration>) {
    self.clock = ElapsedTime(clock)
  }

  // MARK: - Scripting

  func seed(_ database: RemoteDatabase, workspace: String = Fixture.workspace) {
    var phase = Phase.ready
    switch database.status {
    case .provisioning: phase = .provisioning(until: clock.now + provisioningTime)
    case .updating: phase = .updating(until: clock.now + updatingTime)
    case .error: phase = .error
    case .deleting: phase = .deleting(until: clock.now + deletingTime)
    case .ready, .unknown: phase = .ready
    }
    databases[database.id] = Stored(workspace: workspace, remote: database, phase: phase)
  }

  func inject(_ fault: Fault, on kind: CallKind, for slug: String) {
    faults[slug, default: [:]][kind, default: []].append(fault)
  }

  func setProvisioningTime(_ duration: Duration, for slug: String) {
    provisioningTimes[slug] = duration
  }

  func endInError(_ slug: String) { slugsEndingInError.insert(slug) }

  func setReplicaLag(_ lag: Duration) { replicaLag = lag }

  /// Deleting `slug` leaves it in status `error` instead of removing it.
  func failDeletion(_ slug: String) { slugsFailingDeletion.insert(slug) }

  func setDefaultProvisioningTime(_ duration: Duration) { provisioningTime = duration }

  /// `slug` must not be created or updated before each of `prerequisites` is ready, and (unless
  /// `checksDeleteOrder` is off) each prerequisite must not be deleted while `slug` exists.
  func declareDependency(_ slug: String, on prerequisites: [String]) {
    dependencies[slug, default: []] += prerequisites
  }

  func setChecksDeleteOrder(_ checks: Bool) { checksDeleteOrder = checks }

  func setOnCall(_ hook: @escaping @Sendable (Call) -> Void) { onCall = hook }

  /// The next `count` creates are held until all of them have arrived: proof that the executor
  /// runs that many at once. The test's watchdog `releaseCreateBarrier()`s it if they never do.
  func holdCreates(untilConcurrent count: Int) {
    createBarrier = (count, [])
  }

  func releaseCreateBarrier(becauseOfTimeout: Bool) {
    guard let barrier = createBarrier else { return }
    if becauseOfTimeout {
      violations.append(
        "only \(barrier.waiting.count) of \(barrier.count) creates were ever in flight at once")
    }
    createBarrier = nil
    for waiter in barrier.waiting { waiter.resume() }
  }

  var createBarrierIsOpen: Bool { createBarrier == nil }

  func status(ofSlug slug: String) -> DatabaseStatus? {
    refreshAll()
    return databases.values.first { $0.remote.slug == slug }?.remote.status
  }

  func id(ofSlug slug: String) -> String? {
    databases.values.first { $0.remote.slug == slug }?.remote.id
  }

  func callKinds(for slug: String) -> [CallKind] {
    calls.filter { $0.slug == slug }.map(\.kind)
  }

  // MARK: - DatabaseAPI

  func listDatabases(workspace: String, filter: DatabaseFilter) async throws -> DatabaseListing {
    record(.list, slug: filter.search ?? "*")
    refreshAll()
    let matching = databases.values.filter { stored in
      guard stored.workspace == workspace else { return false }
      guard let search = filter.search else { return true }
      // Like a full-text search: loose on purpose, the caller must match the slug exactly.
      return stored.remote.slug.contains(search) || search.contains(stored.remote.slug)
        || stored.remote.name.contains(search)
    }
    return DatabaseListing(
      databases: matching.map(\.remote).sorted { $0.slug < $1.slug }, requestCount: 1)
  }

  func database(workspace: String, id: String) async throws -> RemoteDatabase {
    refresh(id)
    record(.get, slug: slug(of: id))
    guard let stored = databases[id], stored.workspace == workspace else {
      busy.remove(id)
      throw Self.notFound("GET", id)
    }
    if stored.phase == .error { busy.remove(id) }
    return stored.remote
  }

  func status(workspace: String, id: String) async throws -> ReplicaStatus {
    refresh(id)
    record(.status, slug: slug(of: id))
    guard let stored = databases[id], stored.workspace == workspace else {
      busy.remove(id)
      throw Self.notFound("GET", id)
    }
    let replicasUp = clock.now >= (readySince[id] ?? .zero) + replicaLag
    let ready = stored.phase == .ready && replicasUp ? 1 : 0
    if ready == 1 { busy.remove(id) }
    return ReplicaStatus(ready: ready, desired: 1)
  }

  func connection(workspace: String, id: String) async throws -> ConnectionInfo {
    record(.connection, slug: slug(of: id))
    violations.append("apply asked for connection details")
    throw Self.notFound("GET", id)
  }

  func createDatabase(workspace: String, _ request: CreateDatabaseRequest) async throws
    -> RemoteDatabase
  {
    record(.create, slug: request.slug)
    if var barrier = createBarrier {
      await withCheckedContinuation { continuation in
        barrier.waiting.append(continuation)
        createBarrier = barrier
        if barrier.waiting.count >= barrier.count { releaseCreateBarrier(becauseOfTimeout: false) }
      }
    }
    let fault = takeFault(.create, request.slug)
    try failBeforeEffect(fault, method: "POST", path: request.slug)
    refreshAll()
    if let existing = databases.values.first(where: {
      $0.workspace == workspace && $0.remote.slug == request.slug
    }) {
      violations.append("create \(request.slug) sent while \(existing.remote.id) holds the slug")
      throw APIError(
        kind: .http(status: 409, code: "conflict"), method: "POST", path: "/databases",
        message: "slug \(request.slug) already exists")
    }
    checkPrerequisitesReady(request.slug, doing: "created")
    let id = "db_\(nextID)"
    nextID += 1
    let remote = RemoteDatabase(
      id: id, slug: request.slug, name: request.name, engine: request.engine,
      version: request.version ?? "16", status: .provisioning, cpu: request.cpu ?? "250m",
      memory: request.memory ?? "512Mi", storageGb: request.storageGb ?? 10,
      storageClass: request.storageClass ?? "standard")
    let until = clock.now + (provisioningTimes[request.slug] ?? provisioningTime)
    databases[id] = Stored(workspace: workspace, remote: remote, phase: .provisioning(until: until))
    createsCarriedOut[request.slug, default: 0] += 1
    markBusy(id)
    try failAfterEffect(fault, method: "POST", path: request.slug)
    return remote
  }

  func updateDatabase(workspace: String, id: String, _ request: UpdateDatabaseRequest)
    async throws -> RemoteDatabase
  {
    let slug = slug(of: id)
    record(.update, slug: slug)
    let fault = takeFault(.update, slug)
    try failBeforeEffect(fault, method: "PATCH", path: id)
    refresh(id)
    guard var stored = databases[id], stored.workspace == workspace else {
      throw Self.notFound("PATCH", id)
    }
    switch stored.phase {
    case .provisioning, .updating, .deleting:
      violations.append("update \(slug) sent while it was \(stored.remote.status)")
      throw APIError(
        kind: .http(status: 409, code: "conflict"), method: "PATCH", path: id,
        message: "database is \(stored.remote.status)")
    case .ready, .error:
      break
    }
    if request.isEmpty { violations.append("empty update sent for \(slug)") }
    checkPrerequisitesReady(slug, doing: "updated")
    if let name = request.name { stored.remote.name = name }
    if let cpu = request.cpu { stored.remote.cpu = cpu }
    if let memory = request.memory { stored.remote.memory = memory }
    if let storageGb = request.storageGb { stored.remote.storageGb = storageGb }
    stored.phase = .updating(until: clock.now + updatingTime)
    stored.remote.status = .updating
    databases[id] = stored
    markBusy(id)
    try failAfterEffect(fault, method: "PATCH", path: id)
    return stored.remote
  }

  func deleteDatabase(workspace: String, id: String) async throws {
    let slug = slug(of: id)
    record(.delete, slug: slug)
    let fault = takeFault(.delete, slug)
    try failBeforeEffect(fault, method: "DELETE", path: id)
    refresh(id)
    guard var stored = databases[id], stored.workspace == workspace else {
      throw Self.notFound("DELETE", id)
    }
    if checksDeleteOrder {
      for (dependent, prerequisites) in dependencies where prerequisites.contains(slug) {
        if let remaining = databases.values.first(where: {
          $0.workspace == workspace && $0.remote.slug == dependent
        }) {
          violations.append(
            "delete \(slug) sent while \(dependent), which depends on it, was \(remaining.remote.status)"
          )
        }
      }
    }
    if slugsFailingDeletion.contains(slug) {
      stored.phase = .error
      stored.remote.status = .error
      databases[id] = stored
    } else if case .deleting = stored.phase {
    } else {
      stored.phase = .deleting(until: clock.now + deletingTime)
      stored.remote.status = .deleting
      databases[id] = stored
    }
    markBusy(id)
    try failAfterEffect(fault, method: "DELETE", path: id)
  }

  // MARK: - Lifecycle

  private func refreshAll() {
    for id in Array(databases.keys) { refresh(id) }
  }

  private func refresh(_ id: String) {
    guard var stored = databases[id] else { return }
    let now = clock.now
    switch stored.phase {
    case .provisioning(let until) where now >= until:
      stored.phase = slugsEndingInError.contains(stored.remote.slug) ? .error : .ready
      readySince[id] = until
    case .updating(let until) where now >= until:
      stored.phase = .ready
      readySince[id] = until
    case .deleting(let until) where now >= until:
      databases[id] = nil
      return
    default:
      break
    }
    switch stored.phase {
    case .provisioning: stored.remote.status = .provisioning
    case .updating: stored.remote.status = .updating
    case .ready: stored.remote.status = .ready
    case .error: stored.remote.status = .error
    case .deleting: stored.remote.status = .deleting
    }
    databases[id] = stored
  }

  private func checkPrerequisitesReady(_ slug: String, doing verb: String) {
    for prerequisite in dependencies[slug] ?? [] {
      let status = databases.values.first { $0.remote.slug == prerequisite }?.remote.status
      if status != .ready {
        violations.append(
          "\(slug) \(verb) while its dependency \(prerequisite) was \(status?.rawValue ?? "absent")"
        )
      }
    }
  }

  private func markBusy(_ id: String) {
    busy.insert(id)
    maximumBusy = max(maximumBusy, busy.count)
  }

  private func record(_ kind: CallKind, slug: String) {
    let call = Call(kind: kind, slug: slug, at: clock.now)
    calls.append(call)
    onCall?(call)
  }

  private func slug(of id: String) -> String {
    databases[id]?.remote.slug ?? id
  }

  private func takeFault(_ kind: CallKind, _ slug: String) -> Fault? {
    guard var queue = faults[slug]?[kind], !queue.isEmpty else { return nil }
    let fault = queue.removeFirst()
    faults[slug]?[kind] = queue
    return fault
  }

  private func failBeforeEffect(_ fault: Fault?, method: String, path: String) throws {
    switch fault {
    case .serverErrorBeforeEffect:
      throw APIError(
        kind: .http(status: 503, code: nil), method: method, path: path,
        message: "service unavailable", mayHaveTakenEffect: true)
    case .rateLimited:
      throw APIError(
        kind: .http(status: 429, code: "rate_limited"), method: method, path: path,
        message: "too many requests")
    case .refused(let status):
      throw APIError(
        kind: .http(status: status, code: "invalid"), method: method, path: path,
        message: "refused")
    case .serverErrorAfterEffect, .timeoutAfterEffect, .conflictAfterEffect, nil:
      return
    }
  }

  private func failAfterEffect(_ fault: Fault?, method: String, path: String) throws {
    switch fault {
    case .serverErrorAfterEffect:
      throw APIError(
        kind: .http(status: 503, code: nil), method: method, path: path,
        message: "service unavailable", mayHaveTakenEffect: true)
    case .timeoutAfterEffect:
      throw APIError(
        kind: .timeout, method: method, path: path, message: "no answer in time",
        mayHaveTakenEffect: true)
    case .conflictAfterEffect:
      throw APIError(
        kind: .http(status: 409, code: "conflict"), method: method, path: path,
        message: "slug already exists")
    case .serverErrorBeforeEffect, .rateLimited, .refused, nil:
      return
    }
  }

  private static func notFound(_ method: String, _ id: String) -> APIError {
    APIError(
      kind: .http(status: 404, code: "not_found"), method: method, path: "/databases/\(id)",
      message: "database not found")
  }
}
