import AssistKit
import AssistTesting
import Testing

@Suite struct RoutingPolicyTests {
  @Test func theShippedPolicyFileLoadsAndMatchesTheBuiltInDefaults() throws {
    let policy = try RoutingPolicy.load(file: projectRoot + "/share/routing-policy.yaml")
    #expect(policy == RoutingPolicy())
    #expect(policy.rule(for: "rename").identifierSensitive)
    #expect(policy.rule(for: "design").floor == .strongest)
    #expect(policy.difficulty[4] == .cloud)
    #expect(policy.identifierMinBits == 5)
  }

  @Test func keysTheFileLeavesOutKeepTheirDefaultsAndOthersOverride() throws {
    let policy = try RoutingPolicy.parse(
      """
      kinds:
        rename: {floor: 1}
        docs: {floor: cheapest, identifier_sensitive: true}
      identifiers: {min_bits: 6}
      budget: {downgrade_to_free: false, tier_daily_caps: {cloud: 2.5}}
      """, file: "p.yaml")
    #expect(policy.rule(for: "rename") == .init(floor: .index(1), identifierSensitive: true))
    #expect(policy.rule(for: "docs").identifierSensitive)
    #expect(policy.identifierMinBits == 6)
    #expect(policy.budget.downgradeToFree == false)
    #expect(policy.budget.tierDailyCaps == ["cloud": 2.5])
    #expect(policy.history == RoutingPolicy().history)
  }

  struct Bad: Sendable, CustomTestStringConvertible {
    var yaml: String
    var message: String
    var testDescription: String { message }
  }

  static let bad: [Bad] = [
    Bad(
      yaml: "kinds:\n  design: {flor: strongest}\n",
      message: "p.yaml:2: unknown key 'flor' in kind 'design'; did you mean 'floor'?"),
    Bad(
      yaml: "difficulty:\n  7: cloud\n", message: "p.yaml:2: difficulty must be 1…5, got '7'"),
    Bad(
      yaml: "difficulty:\n  2: sideways\n",
      message: "p.yaml:2: 'difficulty 2' must be cheapest, strongest, cloud or a tier index ≥ 0"),
    Bad(
      yaml: "history:\n  min_pass_rate: 1.5\n",
      message: "p.yaml:2: min_pass_rate must be between 0 and 1"),
    Bad(
      yaml: "scope:\n  - {floor: cloud}\n",
      message: "p.yaml:2: a scope rule needs min_files or min_lines"),
    Bad(
      yaml: "version: 2\n",
      message: "p.yaml:1: routing policy version 2 is not supported (expected 1)"),
    Bad(
      yaml: "budgets: {}\n",
      message: "p.yaml:1: unknown key 'budgets' in the routing policy; did you mean 'budget'?"),
  ]

  @Test(arguments: bad)
  func mistakesAreReportedWithFileAndLine(_ bad: Bad) {
    let error = #expect(throws: ConfigError.self) {
      try RoutingPolicy.parse(bad.yaml, file: "p.yaml")
    }
    #expect(error?.description == bad.message)
  }

  @Test func aMissingPolicyFileIsAClearError() {
    let error = #expect(throws: ConfigError.self) {
      try RoutingPolicy.load(file: "/nonexistent/routing-policy.yaml")
    }
    #expect(error?.description.contains("missing") == true)
  }
}
