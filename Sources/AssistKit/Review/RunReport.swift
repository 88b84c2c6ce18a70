/// Everything the store knows about one run, for `assist show`: totals, plan, sub-tasks with
/// their attempts and escalations, routing decisions with reasons, conflicts, proposal, cost.
package struct RunReport: Sendable, Equatable, Encodable {
  /// The run's row.
  package var run: RunRecord
  /// Dollars saved against all-cloud pricing.
  package var savings: Double
  /// The plan and attempts, when the coordinator saved them.
  package var detail: RunDetail?
  /// The router's decisions with their reasons, oldest first.
  package var routing: [Route]
  /// The proposal, with its decisions.
  package var proposal: Proposal?

  /// Loads run `id` (or a unique prefix) and everything stored about it.
  /// - Parameters:
  ///   - id: A run id or prefix.
  ///   - runs: The store.
  /// - Throws: ``StoreError/notFound(_:)``; the store's errors.
  package init(_ id: String, runs: RunStore) throws {
    run = try runs.run(id)
    savings = run.savings
    detail = try runs.detail(run.id)
    routing = try RoutingStore(store: runs.store).decisions(runID: run.id).map {
      Route(subtask: $0.subtaskID, kind: $0.request.kind, decision: $0.decision)
    }
    proposal = try runs.proposal(run.id)
  }

  /// The report as text for a person.
  /// - Parameter now: Seconds since 1970, for the run's age.
  /// - Returns: Lines ending in a newline.
  package func text(now: Double) -> String {
    var out = "run \(run.id)  \(run.status.rawValue)  \(RunReport.age(run.createdAt, now: now))\n"
    out += "task: \(run.task)\n"
    out += "repository: \(run.repository)  (command: \(run.command))\n"
    out +=
      "cost \(HunkRenderer.dollars(run.cost)) (all-cloud \(HunkRenderer.dollars(run.counterfactualCost)), "
      + "saved \(HunkRenderer.dollars(savings))) · \(HunkRenderer.tokens(run.tokens)) tokens · "
      + "overhead \(RunReport.percent(run.overheadRatio))\n"
    if !run.detail.isEmpty { out += "note: \(run.detail)\n" }
    out += planText()
    out += subtasksText()
    out += routingText()
    out += proposalText()
    return out
  }

  /// One routing decision as `assist show` reports it.
  package struct Route: Sendable, Equatable, Encodable {
    /// The sub-task.
    package var subtask: String
    /// Its kind as the router saw it.
    package var kind: String
    /// The decision with every tier's verdict and reason.
    package var decision: RoutingDecision
  }

  private func routingText() -> String {
    guard !routing.isEmpty else { return "" }
    var out = "\nrouting decisions:\n"
    for route in routing {
      let d = route.decision
      out +=
        "  \(route.subtask) (\(route.kind)) → \(d.tier ?? "no tier")"
        + (d.ladder.count > 1 ? "; ladder \(d.ladder.joined(separator: " → "))" : "") + "\n"
      for reason in d.reasons where !reason.isEmpty { out += "      \(reason)\n" }
    }
    return out
  }

  private func planText() -> String {
    guard let plan = detail?.plan else { return "" }
    var out = "\nplan (\(plan.origin.rawValue), \(plan.subtasks.count) sub-tasks):\n"
    for subtask in plan.subtasks {
      let after =
        subtask.dependsOn.isEmpty ? "" : " (after \(subtask.dependsOn.joined(separator: ", ")))"
      out += "  \(subtask.id) [\(subtask.kind.rawValue)] \(subtask.goal)\(after)\n"
      if !subtask.files.isEmpty { out += "      files: \(subtask.files.joined(separator: ", "))\n" }
    }
    for rejection in plan.rejections { out += "  planner answer rejected: \(rejection)\n" }
    return out
  }

  private func subtasksText() -> String {
    guard let subtasks = detail?.subtasks, !subtasks.isEmpty else { return "" }
    var out = "\nsub-tasks:\n"
    for record in subtasks {
      let used = record.tier.map { " on \($0)" + (record.model.map { " (\($0))" } ?? "") } ?? ""
      out +=
        "  \(record.id) \(record.agent): \(record.status)\(used) · \(record.attempts.count) "
        + "attempt\(record.attempts.count == 1 ? "" : "s") · \(HunkRenderer.dollars(record.cost))\n"
      if !record.escalations.isEmpty {
        let first = record.attempts.first?.tier ?? "?"
        out += "      escalated: \(([first] + record.escalations).joined(separator: " → "))\n"
      }
      for attempt in record.attempts {
        out +=
          "      \(attempt.tier) round \(attempt.round)\(Self.retryNote(attempt)): \(attempt.stage)"
          + (attempt.detail.isEmpty ? "" : " — \(attempt.detail)")
          + " (\(HunkRenderer.tokens(attempt.tokens)) tokens, \(HunkRenderer.dollars(attempt.cost)))\n"
      }
      if !record.detail.isEmpty { out += "      \(record.detail)\n" }
    }
    return out
  }

  /// " [resample, duplicate]": the retry strategy that produced a round's candidate (rounds after
  /// the first) and whether it repeated an earlier one.
  package static func retryNote(_ attempt: Attempt) -> String {
    var parts: [String] = []
    if let strategy = attempt.strategy, strategy != .initial, strategy != .reflect {
      parts.append(strategy.rawValue)
    }
    if attempt.duplicate == true { parts.append("duplicate") }
    return parts.isEmpty ? "" : " [\(parts.joined(separator: ", "))]"
  }

  private func proposalText() -> String {
    guard let proposal else { return "\nno proposal\n" }
    var out = ""
    if !proposal.conflicts.isEmpty {
      out += "\nconflicts:\n"
      for conflict in proposal.conflicts {
        let detail = conflict.detail.split(separator: "\n").first.map(String.init) ?? ""
        out +=
          "  \(conflict.kind) between \(conflict.subtasks.joined(separator: ", ")) in "
          + "\(conflict.files.joined(separator: ", ")): \(conflict.resolution) — \(detail)\n"
      }
    }
    let accepted = proposal.hunks.count { $0.decision == .accepted }
    let rejected = proposal.hunks.count { $0.decision == .rejected }
    out +=
      "\nproposal on \(proposal.baseCommit.prefix(7)): \(proposal.hunks.count) hunks in "
      + "\(proposal.files.count) files (accepted \(accepted), rejected \(rejected), pending "
      + "\(proposal.hunks.count - accepted - rejected))\n"
    for (i, hunk) in proposal.hunks.enumerated() {
      let lines = hunk.diff.split(separator: "\n")
      let added = lines.count { $0.hasPrefix("+") && !$0.hasPrefix("+++") }
      let removed = lines.count { $0.hasPrefix("-") && !$0.hasPrefix("---") }
      let p = hunk.provenance
      out +=
        "  \(i + 1). \(hunk.path) +\(added) -\(removed)  \(hunk.decision.rawValue)  "
        + "\(p.subtask) \(p.agent) \(p.tier) \(p.model) \(HunkRenderer.dollars(p.cost))\n"
      for note in hunk.notes { out += "      ! \(note)\n" }
    }
    if !proposal.findings.isEmpty {
      out += "\nfindings:\n"
      for finding in proposal.findings {
        out += "  [\(finding.provenance.subtask) \(finding.provenance.agent)] \(finding.text)\n"
      }
    }
    if let verification = proposal.verification {
      out +=
        "\nverification: \(verification.command) — before: "
        + "\(verification.baselinePassed ? "passed" : "failed"), after: "
        + "\(verification.candidatePassed ? "passed" : "failed")"
        + (verification.newlyFailing.isEmpty
          ? "" : "; newly failing: \(verification.newlyFailing.joined(separator: ", "))") + "\n"
    }
    return out
  }

  /// `12s`, `5m`, `3h`, `2d` ago.
  /// - Parameters:
  ///   - time: Seconds since 1970.
  ///   - now: Seconds since 1970.
  /// - Returns: The age.
  package static func age(_ time: Double, now: Double) -> String {
    let seconds = max(0, Int(now - time))
    switch seconds {
    case ..<60: return "\(seconds)s ago"
    case ..<3600: return "\(seconds / 60)m ago"
    case ..<86_400: return "\(seconds / 3600)h ago"
    default: return "\(seconds / 86_400)d ago"
    }
  }

  /// `18%`.
  /// - Parameter ratio: A fraction.
  /// - Returns: The percentage, rounded.
  package static func percent(_ ratio: Double) -> String { "\(Int((ratio * 100).rounded()))%" }
}
