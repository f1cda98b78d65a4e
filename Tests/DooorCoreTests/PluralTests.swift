import DooorCore
import Testing

/// Messages that count things agree with their count: "1 database", never "1 databases".
@Suite(.timeLimit(.minutes(1))) struct PluralTests {
  @Test func aCountOfOneTakesTheSingular() {
    #expect(Plural.count(1, "error") == "1 error")
    #expect(Plural.count(0, "error") == "0 errors")
    #expect(Plural.count(2, "policy", plural: "policies") == "2 policies")
  }

  @Test func theDestroyBudgetRefusalCountsOneDatabaseInTheSingular() {
    let refusal = ApplyRefusal.destroyBudget(limit: 0, changes: ["delete shop/orders"])
    #expect(refusal.description.hasPrefix("the plan deletes or replaces 1 database ("))
  }
}
