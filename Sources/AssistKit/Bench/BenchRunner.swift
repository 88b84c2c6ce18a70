internal import Foundation

/// Runs one bench cell: the example's `repo/` in a fresh git repository, the coordinator in
/// process, the proposal landed on a branch, then the task's acceptance check.
package struct BenchRunner: Sendable {
  /// `single` (one sub-task) or `multi` (the planner splits the task).
  package enum Topology: String, Sendable, CaseIterable, Codable {
    case single, multi
  }

  /// Which tiers the run may use.
  package enum Policy: String, Sendable, CaseIterable, Codable {
    case localOnly = "local-only"
    case hybrid
    case cloudOnly = "cloud-only"

    /// The coordinator's tier filter.
    var tiers: TaskOptions.TierFilter {
      switch self {
      case .localOnly: .localOnly
      case .hybrid: .all
      case .cloudOnly: .cloudOnly
      }
    }
  }

  /// The coordinator's environment (network, paths, store).
  package var environment: Environment
  /// Seconds before a check is killed.
  package var checkTimeout: Duration

  /// Creates a runner.
  package init(environment: Environment, checkTimeout: Duration = .seconds(120)) {
    self.environment = environment
    self.checkTimeout = checkTimeout
  }

  /// Runs `task` under `topology` and `policy`; failures of any step become a failed result.
  /// - Throws: `CancellationError` only.
  package func run(_ task: BenchSuite.Task, topology: Topology, policy: Policy) async throws
    -> BenchResult
  {
    var result = BenchResult(
      task: task.name, category: task.category, topology: topology.rawValue,
      policy: policy.rawValue, success: false, detail: "")
    let clock = ContinuousClock()
    let start = clock.now
    let folder: String
    do {
      folder = try await prepareRepository(task)
    } catch {
      result.detail = "\(error)"
      return result
    }
    defer { try? FileManager.default.removeItem(atPath: folder) }
    do {
      let config = try ConfigLoader.load(
        paths: environment.paths, repositoryRoot: folder, variables: environment.variables)
      if policy == .cloudOnly, let strongest = config.tiers.last, !strongest.isCloud {
        result.cloudPlayedBy = strongest.name
      }
      let coordinator = Coordinator(environment: environment, repositoryPath: folder)
      let report = try await coordinator.run(
        TaskOptions(task: task.text, singleAgent: topology == .single, tiers: policy.tiers))
      result.runID = report.run.id
      result.cost = report.run.cost
      result.counterfactualCost = report.run.counterfactualCost
      result.overhead = report.overhead
      let spans =
        (try? RunStore(Store(path: environment.paths.storePath)).spans(report.run.id)) ?? []
      result.calls = spans.filter(\.isModelCall).map {
        BenchResult.Call(
          tier: $0.tier ?? "-", inputTokens: $0.inputTokens, outputTokens: $0.outputTokens,
          cachedTokens: $0.cachedTokens, classification: $0.classification)
      }
      (result.success, result.detail) = try await accept(task, report: report, folder: folder)
    } catch is CancellationError {
      throw CancellationError()
    } catch {
      result.detail = "\(error)"
    }
    result.wallSeconds = TracingCost.seconds(start.duration(to: clock.now))
    return result
  }

  /// Lands the proposal (when it has hunks) and judges the task.
  private func accept(_ task: BenchSuite.Task, report: TaskReport, folder: String) async throws
    -> (Bool, String)
  {
    if !task.expectInFindings.isEmpty {
      return Self.findingsCheck(task.expectInFindings, findings: report.proposal?.findings ?? [])
    }
    guard let proposal = report.proposal, !proposal.hunks.isEmpty else {
      return (false, "no change proposed: " + (report.run.detail.isEmpty ? "-" : report.run.detail))
    }
    _ = try await ProposalLanding.land(
      proposal, environment: environment, placement: .newBranch("assist/bench"),
      includePending: true)
    return try await check(task.check, in: folder)
  }

  /// An analysis task's check: every expected word appears (any case) in the findings' text.
  package static func findingsCheck(_ expected: [String], findings: [Finding]) -> (Bool, String) {
    let text = findings.map(\.text).joined(separator: "\n").lowercased()
    let missing = expected.filter { !text.contains($0.lowercased()) }
    return missing.isEmpty
      ? (true, "findings name \(expected.joined(separator: ", "))")
      : (false, "findings miss \(missing.joined(separator: ", "))")
  }

  /// Runs `command` in `folder`: exit 0 is success.
  package func check(_ command: String, in folder: String) async throws -> (Bool, String) {
    let outcome = try await runner.run(command, in: folder)
    let tail = outcome.output.split(separator: "\n").suffix(2).joined(separator: " | ")
    switch outcome.status {
    case .passed: return (true, "check passed")
    case .failed: return (false, "check failed: " + String(tail.prefix(160)))
    case .timedOut: return (false, "check timed out")
    case .couldNotRun: return (false, "check could not run: " + outcome.output)
    }
  }

  private var runner: CommandRunner {
    CommandRunner(
      timeout: checkTimeout, outputLimit: 16_384,
      environment: ChildEnvironment.trimmed(environment.variables))
  }

  /// Copies the task's `repo/` into a new temporary folder and commits it as the only commit on
  /// `main`; the caller removes the folder.
  /// - Throws: ``BenchError/setup(_:)``; file errors.
  package func prepareRepository(_ task: BenchSuite.Task) async throws -> String {
    let source = task.repository
    let base = FileManager.default.temporaryDirectory.resolvingSymlinksInPath().path
    let folder = base + "/assist-bench-" + UUID().uuidString.prefix(8).lowercased()
    try FileManager.default.copyItem(atPath: source, toPath: folder)
    let setup = try await runner.run(
      "git init -q --initial-branch=main && git config user.name assist-bench && "
        + "git config user.email bench@assist.invalid && git add -A && git commit -qm base",
      in: folder)
    guard setup.status == .passed else {
      try? FileManager.default.removeItem(atPath: folder)
      throw BenchError.setup(setup.output)
    }
    return folder
  }
}
