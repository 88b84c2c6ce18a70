import AssistKit
import AssistTesting
import Foundation
import HTTP
import Synchronization
import Testing

/// The coordinator's loop on real components: a real git repository (examples/py-inventory), real
/// HTTP to scripted model servers on loopback, the real store, the example's real tests.
@Suite struct CoordinatorTests {
  static let inventory =
    (try? String(
      contentsOfFile: projectRoot + "/examples/py-inventory/repo/inventory.py", encoding: .utf8))
    ?? ""

  /// inventory.py with a correct count() method, as a whole-file reply.
  static var goodReply: String {
    let fixed = inventory.replacingOccurrences(
      of: "    def total_value(self):",
      with:
        "    def count(self, name):\n        return self._items.get(name, 0)\n\n    def total_value(self):"
    )
    return "inventory.py\n```python\n\(fixed)```\n"
  }

  /// Applies cleanly but breaks remove(): the example's tests catch it.
  static var breakingReply: String {
    let broken = inventory.replacingOccurrences(of: "if qty > have:", with: "if qty > have + 100:")
      .replacingOccurrences(
        of: "    def total_value(self):",
        with:
          "    def count(self, name):\n        return self._items.get(name, 0)\n\n    def total_value(self):"
      )
    return "inventory.py\n```python\n\(broken)```\n"
  }

  static let task =
    "Add a method count(name) to Inventory in inventory.py that returns how many of an item are in stock (0 when unknown)."

  struct Harness {
    let repo: TemporaryRepository
    var environment: Environment
    let events = EventLog()

    init(small: ScriptedModelServer, medium: ScriptedModelServer, pricedMedium: Bool = false) throws
    {
      try self.init(smallURL: small.url, mediumURL: medium.url, pricedMedium: pricedMedium)
    }

    /// Tiers local-small and local-medium at any servers (a scripted model, or one that fails).
    /// - Parameters:
    ///   - files: The repository (the inventory example when `nil`).
    ///   - extraConfig: YAML appended to the config (e.g. a `routing:` override).
    init(
      smallURL: String, mediumURL: String, pricedMedium: Bool = false,
      files given: [String: String]? = nil, extraConfig: String = ""
    ) throws {
      var files: [String: String] = [:]
      for name in ["inventory.py", "report.py", "test_inventory.py"] where given == nil {
        files[name] = try String(
          contentsOfFile: projectRoot + "/examples/py-inventory/repo/" + name, encoding: .utf8)
      }
      repo = try TemporaryRepository(files: given ?? files)
      let home = FileManager.default.temporaryDirectory.appendingPathComponent("coord-\(UUID())")
        .path
      try FileManager.default.createDirectory(
        atPath: home + "/config", withIntermediateDirectories: true)
      try """
      tiers:
        - name: local-small
          endpoints: [\(smallURL)]
        - name: local-medium
          endpoints: [\(mediumURL)]
          \(pricedMedium ? "price: {input: 10, output: 30}" : "")
      verify:
        command: python3 -m unittest -q
        timeout_seconds: 60
      \(extraConfig)
      """.write(toFile: home + "/config/config.yaml", atomically: true, encoding: .utf8)
      environment = Environment(
        variables: [
          "HOME": home, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ],
        transport: try CurlTransport(),
        paths: AssistPaths(
          configDirectory: home + "/config", stateDirectory: home + "/state",
          cacheDirectory: home + "/cache",
          installDirectory: projectRoot))
    }

    func run(_ options: TaskOptions) async throws -> TaskReport {
      let events = self.events
      let coordinator = Coordinator(environment: environment, repositoryPath: repo.path) { event in
        let line: String? =
          switch event {
          case .escalated(let s, let from, let to, _): "escalated \(s) \(from)->\(to)"
          case .attemptFinished(let s, let tier, let round, let outcome, let accepted):
            "\(s) \(tier) r\(round) \(accepted ? "ok" : "no"): \(outcome)"
          case .notice(let text): "notice \(text)"
          default: nil
          }
        if let line { events.lines.withLock { $0.append(line) } }
      }
      return try await coordinator.run(options)
    }
  }

  @Test func aMalformedReplyIsFedBackAndTheCorrectedOneIsVerifiedAndProposed() async throws {
    let small = try ScriptedModelServer(replies: [
      "Sure! Add `def count` to the class.", Self.goodReply,
    ])
    let medium = try ScriptedModelServer(replies: ["unused"])
    let harness = try Harness(small: small, medium: medium)
    let before = try harness.repo.git("status", "--porcelain")
    let report = try await harness.run(TaskOptions(task: Self.task, singleAgent: true))

    #expect(report.run.status == .proposed)
    let result = try #require(report.results.first)
    #expect(result.attempts.map(\.stage) == ["parse", "accepted"])
    #expect(result.tier == "local-small")
    let proposal = try #require(report.proposal)
    #expect(proposal.files == ["inventory.py"])
    // The proposal as a whole was tested once more; its verdict is what the trailer will say.
    let verification = try #require(proposal.verification)
    #expect(verification.candidatePassed && verification.newlyFailing.isEmpty)
    #expect(verification.command.contains("unittest"), "\(verification.command)")
    #expect(
      proposal.hunks.allSatisfy {
        $0.provenance.tier == "local-small" && $0.provenance.subtask == "s1"
      })
    // The second call carried the refusal back to the model.
    let retry = small.messages(ofRequest: 1)
    #expect(retry.count == 4)
    #expect(retry[3]["content"]?.contains("could not be used") == true)
    // The rejected call is coordination, the accepted one work.
    #expect(report.overhead.coordinationTokens > 0)
    #expect(report.overhead.workTokens > 0)
    #expect(medium.requests.isEmpty)
    // Nothing touched the working tree, and the proposal is in the store.
    #expect(try harness.repo.git("status", "--porcelain") == before)
    let stored = try RunStore(Store(path: harness.environment.paths.storePath)).proposal(
      report.run.id)
    #expect(stored?.hunks.count == proposal.hunks.count)
  }

  @Test func aTierThatKeepsFailingEscalatesAndTheEscalationIsBilledToTheSubtask() async throws {
    let small = try ScriptedModelServer(replies: ["I cannot do that."])
    let medium = try ScriptedModelServer(replies: [Self.goodReply])
    let harness = try Harness(small: small, medium: medium)
    let report = try await harness.run(
      TaskOptions(task: Self.task, singleAgent: true, reflections: 1))
    let result = try #require(report.results.first)
    #expect(result.status == .accepted)
    #expect(result.attempts.map(\.tier) == ["local-small", "local-small", "local-medium"])
    #expect(result.tier == "local-medium")
    #expect(harness.events.lines.withLock { $0.contains("escalated s1 local-small->local-medium") })
    #expect(report.proposal?.hunks.first?.provenance.tokens == result.tokens)
  }

  @Test func aChangeThatBreaksAPassingTestIsNeverProposed() async throws {
    let small = try ScriptedModelServer(replies: [Self.breakingReply, Self.goodReply])
    let medium = try ScriptedModelServer(replies: ["unused"])
    let harness = try Harness(small: small, medium: medium)
    let report = try await harness.run(TaskOptions(task: Self.task, singleAgent: true))
    let result = try #require(report.results.first)
    #expect(result.attempts.map(\.stage) == ["tests", "accepted"])
    // The feedback named the failing test.
    let feedback = small.messages(ofRequest: 1).last?["content"] ?? ""
    #expect(feedback.contains("test_remove_too_many_raises"))
    let proposal = try #require(report.proposal)
    let merged = try HunkApplier.apply(
      proposal.hunks.map(\.diff), to: Self.inventory, path: "inventory.py")
    #expect(merged?.contains("if qty > have:") == true)
  }

  @Test func noTierDoingItEndsInAFailedRunWithTheReasonAndNoProposal() async throws {
    let small = try ScriptedModelServer(replies: ["no code here"])
    let medium = try ScriptedModelServer(replies: [
      "inventory.py\n```python\nclass Inventory:\n    pass\n```\n"
    ])
    let harness = try Harness(small: small, medium: medium)
    let report = try await harness.run(
      TaskOptions(task: Self.task, singleAgent: true, reflections: 0))
    #expect(report.run.status == .failed)
    #expect(report.run.detail.contains("no tier could do this (tried local-small → local-medium)"))
    #expect(report.proposal == nil)
  }

  @Test func thePlannersInvalidAnswersGetOneRetryThenTheFallbackPlan() async throws {
    let cyclic =
      #"{"subtasks": [{"id": "a", "kind": "migration", "goal": "g", "files": ["inventory.py"], "depends_on": ["a"], "difficulty": 1}]}"#
    let small = try ScriptedModelServer(replies: [Self.goodReply])
    let medium = try ScriptedModelServer(replies: ["not json at all", cyclic])
    let harness = try Harness(small: small, medium: medium)
    let report = try await harness.run(TaskOptions(task: Self.task, verify: false))
    #expect(report.plan.origin == .fallback)
    #expect(report.plan.rejections.count == 2)
    #expect(report.plan.rejections[1].contains("depends on itself"))
    #expect(report.plannerAttempts.count == 2)
    #expect(report.notices.contains { $0.contains("running the task as one sub-task") })
    #expect(report.run.status == .proposed)
  }

  @Test func aValidPlanRunsItsSubtasksInDependencyOrder() async throws {
    let plan = #"""
      {"subtasks": [
        {"id": "look", "kind": "analysis", "goal": "find where Inventory.add is called", "files": ["report.py"], "depends_on": [], "difficulty": 1},
        {"id": "edit", "kind": "migration", "goal": "add count(name) to Inventory", "files": ["inventory.py"], "depends_on": ["look"], "difficulty": 1}
      ]}
      """#
    let findings =
      "- report.py calls inventory.add in restock\nASSUMPTION unknown items: count is 0"
    // The planner (difficulty 3) and analysis run on the strongest tier, the migration on the cheapest.
    let small = try ScriptedModelServer(replies: [Self.goodReply])
    let medium = try ScriptedModelServer(replies: [plan, findings])
    let harness = try Harness(small: small, medium: medium)
    let report = try await harness.run(TaskOptions(task: Self.task, verify: false))
    #expect(report.plan.origin == .planner, "\(report.plan.rejections)")
    #expect(report.results.map(\.status) == [.findings, .accepted])
    let proposal = try #require(report.proposal)
    #expect(proposal.findings.map(\.text) == ["report.py calls inventory.add in restock"])
    #expect(proposal.assumptions["look"] == ["unknown items": "count is 0"])
    // The dependent sub-task was told what the analysis found.
    #expect(
      small.messages(ofRequest: 0).last?["content"]?.contains("report.py calls inventory.add")
        == true)
  }
}

/// Collected progress lines (a class so the harness stays copyable).
final class EventLog: Sendable {
  let lines = Mutex<[String]>([])
}

extension CoordinatorTests {
  @Test func aRunPausedAtItsBudgetCapResumesWithoutRedoingOrRebillingAnything() async throws {
    let small = try ScriptedModelServer(replies: ["unused"])
    let medium = try ScriptedModelServer(replies: [Self.goodReply])
    // local-medium costs money here; --cloud-only leaves it as the only tier, so no free tier can
    // take the call and the run must pause instead of crossing the cap.
    let priced = try Harness(small: small, medium: medium, pricedMedium: true)
    let paused = try await priced.run(
      TaskOptions(
        task: Self.task, singleAgent: true, verify: false, budget: 0.000_001, tiers: .cloudOnly))
    #expect(paused.run.status == .paused)
    #expect(paused.run.detail.contains("task budget"))
    #expect(paused.run.detail.contains("assist resume \(paused.run.id)"))
    #expect(medium.requests.isEmpty)  // nothing was sent, nothing was billed

    let coordinator = Coordinator(environment: priced.environment, repositoryPath: priced.repo.path)
    let resumed = try await coordinator.resume(String(paused.run.id.prefix(8)), budget: 1.0)
    #expect(resumed.run.id == paused.run.id)
    #expect(resumed.run.status == .proposed)
    #expect(medium.requests.count == 1)
    #expect(resumed.run.cost > 0)
    let resumedAgain = await #expect(throws: TaskError.self) {
      _ = try await coordinator.resume(paused.run.id)
    }
    #expect(resumedAgain?.description.contains("is proposed") == true)
  }
}

/// Endpoint cooldowns reach routing: the run's client benches a tier whose endpoint keeps failing,
/// and the run's later routing decisions and ladders leave it out.
extension CoordinatorTests {
  static let cooldownReason = "in cooldown (its endpoints are failing)"

  @Test func aTierBenchedByThePlannersFailuresIsSkippedByTheNextRoutingDecision() async throws {
    let small = try ScriptedModelServer(replies: [Self.goodReply])
    let failing = try LoopbackServer(replies: [
      .json(status: 500, #"{"error": {"message": "boom"}}"#)
    ])
    var harness = try Harness(smallURL: small.url, mediumURL: failing.url)
    harness.environment.endpointHealth = .init(failuresBeforeCooldown: 1)
    harness.environment.clock = RecordingClock()  // backoff waits return at once
    let report = try await harness.run(TaskOptions(task: Self.task, verify: false))

    // The planner runs on local-medium: three attempts, three 500s, one failed call: benched.
    #expect(report.plannerAttempts.map(\.tier) == ["local-medium"])
    #expect(report.plan.origin == .fallback)
    // The fallback sub-task would climb local-small → local-medium; now local-medium is left out.
    let decision = try #require(report.decisions["s1"])
    #expect(decision.ladder == ["local-small"])
    let medium = decision.considered.first { $0.tier == "local-medium" }
    #expect(medium?.verdict == .skipped)
    #expect(medium?.reason == Self.cooldownReason)
    #expect(decision.reasons.contains("local-medium skipped: \(Self.cooldownReason)"))
    // The stored decision says so too, and the sub-task ran on the tier that answers.
    let stored = try RoutingStore(store: Store(path: harness.environment.paths.storePath))
      .decisions(runID: report.run.id)
    #expect(stored.first?.decision.ladder == ["local-small"])
    #expect(report.results.first?.status == .accepted)
    #expect(failing.requests.count == 3)  // nothing called local-medium after the planner
  }

  @Test func aTierBenchedByAnEarlierSubtaskLeavesTheLadderOfALaterOne() async throws {
    // Two independent edits that both start on local-small (one slot there, so the second waits
    // for the first): the first fails on local-small, climbs to local-medium and benches it; the
    // second, routed local-small → local-medium before anything failed, starts afterwards.
    let plan = #"""
      {"subtasks": [
        {"id": "edit", "kind": "migration", "goal": "add count(name) to Inventory", "files": ["inventory.py"], "depends_on": [], "difficulty": 1},
        {"id": "later", "kind": "migration", "goal": "add size() to Inventory", "files": ["inventory.py"], "depends_on": [], "difficulty": 1}
      ]}
      """#
    let small = try ScriptedModelServer(replies: ["I cannot do that."])
    let medium = try LoopbackServer(replies: [
      ScriptedModelServer.reply(plan), .json(status: 500, #"{"error": {"message": "boom"}}"#),
    ])
    var harness = try Harness(smallURL: small.url, mediumURL: medium.url)
    harness.environment.endpointHealth = .init(failuresBeforeCooldown: 1)
    harness.environment.clock = RecordingClock()
    let report = try await harness.run(
      TaskOptions(task: Self.task, verify: false, reflections: 0))

    #expect(report.plan.origin == .planner, "\(report.plan.rejections)")
    #expect(report.decisions["later"]?.ladder == ["local-small", "local-medium"])
    let results = Dictionary(uniqueKeysWithValues: report.results.map { ($0.subtask.id, $0) })
    #expect(results["edit"]?.attempts.map(\.tier).last == "local-medium")
    // The later edit failed on local-small and did not climb to the benched local-medium.
    #expect(results["later"]?.attempts.map(\.tier) == ["local-small"])
    let notice = "later: local-medium skipped: \(Self.cooldownReason)"
    #expect(report.notices.contains(notice))
    #expect(harness.events.lines.withLock { $0.contains("notice " + notice) })
  }
}
