import AssistKit
import AssistTesting
import Foundation
import Testing

@Suite struct RoutingContextTests {
  typealias F = RoutingFixtures

  private func config(_ variables: [String: String], extra: String = "") throws -> AssistConfig {
    let file = projectRoot + "/share/default-config.yaml"
    var texts = [(file: file, text: try String(contentsOfFile: file, encoding: .utf8))]
    if !extra.isEmpty { texts.append((file: "user.yaml", text: extra)) }
    return try ConfigLoader.merge(texts, variables: variables)
  }

  private func paths() -> AssistPaths {
    AssistPaths(
      configDirectory: "/nonexistent", stateDirectory: "/nonexistent",
      cacheDirectory: "/nonexistent",
      installDirectory: projectRoot)
  }

  @Test func withTheShippedConfigAndNoKeyCloudWorkGoesLocalAndTheDecisionIsStored() throws {
    let store = try F.temporaryStore()
    let context = try RoutingContext.load(config: try config([:]), paths: paths(), store: store)
    let design = try context.route(
      .init(kind: "design", difficulty: 4, promptTokens: 3000), runID: "r1", subtaskID: "s1")
    let easy = try context.route(
      .init(kind: "migration", promptTokens: 800), runID: "r1", subtaskID: "s2")
    #expect(design.tier == "local-medium")
    #expect(design.cloudAbsent)
    #expect(easy.tier == "local-small")
    let notices = RoutingDecision.notices([design, easy, design])
    #expect(
      notices == [
        "cloud unavailable: cloud: ANTHROPIC_API_KEY is not set, cloud-openai: OPENAI_API_KEY is "
          + "not set → strongest available tier local-medium"
      ])
    #expect(try context.store.decisions(runID: "r1").map(\.subtaskID) == ["s1", "s2"])
  }

  @Test func storedOutcomesAndLedgerSpendChangeTheNextDecisions() throws {
    let store = try F.temporaryStore()
    let config = try config(
      ["ANTHROPIC_API_KEY": "sk-test"], extra: "budgets: {per_task: 0.05, per_day: 10}\n")
    var policy = RoutingPolicy()
    policy.history.exploreShare = 0  // this test reads decisions, not exploration
    let context = RoutingContext(
      config: config, policy: policy, store: store, runBudget: 0.03)
    #expect(context.ledger.caps.perTask == 0.03)  // --budget wins over the config
    #expect(context.ledger.counterfactualPrice == config.tier(named: "cloud")?.price)
    let request = RoutingRequest(kind: "migration", promptTokens: 800)
    #expect(try context.route(request, runID: "r1", subtaskID: "s1").tier == "local-small")
    for i in 0..<4 {
      try context.store.record(
        attempt: .init(
          runID: "r0", subtaskID: "s\(i)", kind: "migration", tier: "local-small",
          gatePassed: false, escalated: true))
    }
    #expect(try context.route(request, runID: "r1", subtaskID: "s2").tier == "local-medium")
    // Spend most of the run's --budget on the cloud; the next design call no longer fits.
    let cloud = try #require(config.tier(named: "cloud"))
    let reservation = try #require(
      try context.ledger.reserve(
        PlannedCall(runID: "r1", tier: cloud, promptTokens: 1000, maxTokens: 1000)
      ).reservation)
    try context.ledger.settle(reservation, usage: .init(input: 1000, output: 1000))
    let design = try context.route(
      .init(kind: "design", promptTokens: 2000), runID: "r1", subtaskID: "s3")
    guard case .downgraded(let from, let pause) = design.budget else {
      Issue.record("expected a downgrade, got \(design.budget)")
      return
    }
    #expect(from == "cloud")
    #expect(pause.cap == .task(runID: "r1"))
    #expect(design.tier == "local-medium")
    // Another run has its own task budget.
    #expect(try context.route(.init(kind: "design"), runID: "r2", subtaskID: "s1").tier == "cloud")
  }
}
