import DooorCore
import DooorEngine
import Testing

@Suite("Requests built from the plan", .timeLimit(.minutes(5)))
struct ChangeRequestTests {
  @Test func aCreateSendsEveryDeclaredFieldAndOmitsTheRest() throws {
    var declared = Fixture.declared("orders", engine: .mysql, version: "8.0", cpu: "1")
    declared.memory = try Quantity(parsing: "2Gi")
    declared.ignoreChanges = [.memory]
    let request = CreateDatabaseRequest(declared: declared)

    #expect(
      request
        == CreateDatabaseRequest(
          name: "Database orders", slug: "orders", engine: .mysql, version: "8.0", cpu: "1",
          memory: "2Gi"))
  }

  @Test func anUpdateSendsOnlyTheChangedFieldsAPatchCanCarry() throws {
    var declared = Fixture.declared("orders", cpu: "500m")
    declared.storageGb = 40
    declared.memory = try Quantity(parsing: "1Gi")
    let change = PlannedChange(
      reference: Fixture.reference("orders"), action: .update,
      fields: [
        FieldChange(field: .cpu, before: "250m", after: "500m"),
        FieldChange(field: .storageGb, before: "10", after: "40"),
        FieldChange(field: .storageClass, before: "standard", after: "fast"),
      ],
      declared: declared, remote: Fixture.remote("orders", id: "db_1"))

    #expect(
      UpdateDatabaseRequest(change: change) == UpdateDatabaseRequest(cpu: "500m", storageGb: 40))
  }
}
