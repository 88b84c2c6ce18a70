import ArgumentParser
import AssistKit
import Foundation
import Git

/// The result of `assist task` as data (`--json`) and as the closing lines people read.
struct TaskSummary: Encodable {
  struct SubtaskLine: Encodable {
    var id: String
    var kind: String
    var goal: String
    var agent: String
    var status: String
    var tier: String?
    var ladder: [String]
    var routing: [String]
    var attempts: [Attempt]
    var detail: String
  }

  var run: RunRecord
  var plan: Plan
  var notices: [String]
  var subtasks: [SubtaskLine]
  var overhead: Overhead
  /// Candidates per tier, duplicates, and the strategies that produced the accepted ones.
  var cascade: CascadeNumbers
  var proposal: Proposal?
  var commits: [String]
  /// Model calls the run made; 0 when tools did the whole change.
  var modelCalls: Int
  /// The places localization chose, best first (the key the benchmark reads).
  var places: [Place]

  init(report: TaskReport, landed: ProposalLanding.Outcome?) {
    run = report.run
    plan = report.plan
    notices = report.notices
    subtasks = report.results.map { r in
      SubtaskLine(
        id: r.subtask.id, kind: r.subtask.kind.rawValue, goal: r.subtask.goal, agent: r.agent,
        status: r.status.rawValue, tier: r.tier,
        ladder: report.decisions[r.subtask.id]?.ladder ?? [],
        routing: report.decisions[r.subtask.id]?.reasons ?? [], attempts: r.attempts,
        detail: r.detail)
    }
    overhead = report.overhead
    modelCalls = report.modelCalls
    places = report.places
    cascade = CascadeNumbers(results: report.results)
    proposal = report.proposal
    commits = landed?.commits.map { "\($0.branch ?? "HEAD") \($0.commit.description)" } ?? []
  }

  /// Lands the proposal when asked, prints the outcome, and maps the run's status to the exit code
  /// (2: nothing usable came out; 3: paused at a budget cap; 130: interrupted).
  static func finish(
    _ finished: TaskReport, environment: Environment, apply: Bool, here: Bool, json: Bool
  ) async throws {
    var report = finished
    var landed: ProposalLanding.Outcome?
    let breaks = report.proposal?.verification?.newlyFailing ?? []
    if apply, !breaks.isEmpty, !json {
      // --apply lands only what the tests vouch for; a combined change that breaks a passing
      // test stays in the store for review.
      FileHandle.standardError.write(
        Data("not applied: together the changes break \(breaks.joined(separator: ", "))\n".utf8))
    }
    if apply, report.stoppedByTimeLimit, !json {
      // What a run stopped half way proposes is partial: it waits for review, never lands.
      FileHandle.standardError.write(
        Data("not applied: the run stopped at its --time-limit; review it first\n".utf8))
    }
    if apply, !report.stoppedByTimeLimit, breaks.isEmpty, report.run.status == .proposed,
      let proposal = report.proposal,
      !proposal.hunks.isEmpty
    {
      // The stored-proposal path re-checks the base and the working tree before the first commit.
      landed = try await StoredProposal.land(
        proposal.runID, runs: RunStore(try Store(path: environment.paths.storePath)),
        placement: here ? .currentBranch : .newBranch(nil), acceptAll: true)
      report.run.status = .applied
    }
    if json {
      try Output.json(TaskSummary(report: report, landed: landed))
    } else {
      print(report, landed: landed)
    }
    switch report.run.status {
    case .failed: throw ExitCode(2)
    case .paused: throw ExitCode(3)
    default: break
    }
  }

  static func print(_ report: TaskReport, landed: ProposalLanding.Outcome?) {
    let run = report.run
    let hunks = report.proposal?.hunks.count ?? 0
    let findings = report.proposal?.findings.count ?? 0
    Swift.print(
      "run \(run.id): \(run.status.rawValue) — \(run.files) file(s), \(hunks) hunk(s), \(findings) finding(s)"
    )
    for result in report.results {
      Swift.print(
        "  \(result.subtask.id) \(result.subtask.kind.rawValue) [\(result.agent)] \(result.status.rawValue)"
          + result.callsText
      )
    }
    for finding in report.proposal?.findings ?? [] {
      Swift.print("  - \(finding.text)")
    }
    for conflict in report.proposal?.conflicts ?? [] {
      Swift.print(
        "  conflict (\(conflict.kind)) in \(conflict.files.joined(separator: ", ")): \(conflict.resolution)"
      )
    }
    let o = report.overhead
    Swift.print(
      String(
        format: "  cost $%.4f (all-cloud pricing $%.4f, saved $%.4f)", run.cost,
        run.counterfactualCost, run.savings))
    Swift.print(
      "  tokens \(run.tokens) (work \(o.workTokens), coordination \(o.coordinationTokens): overhead \(Int((o.ratio * 100).rounded()))%)"
    )
    Swift.print(
      String(
        format: "  time %.1fs (model %.1fs, tests %.1fs, assist itself %.2fs)", o.wallSeconds,
        o.modelSeconds, o.verifySeconds, o.ownSeconds))
    Swift.print("  cascade: \(CascadeNumbers(results: report.results).summary)")
    for notice in report.notices { Swift.print("  note: \(notice)") }
    if let landed {
      for commit in landed.commits {
        Swift.print("  landed \(commit.commit.short) on \(commit.branch ?? "HEAD")")
      }
    } else if hunks > 0 {
      Swift.print("  review: assist review \(run.id)    apply: assist apply \(run.id)")
    }
  }
}
