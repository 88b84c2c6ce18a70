/// The cascade's own numbers over one run or several: candidates per tier, how many repeated an
/// earlier one, and which retry strategy produced the accepted ones (`assist task`, `assist stats`).
package struct CascadeNumbers: Sendable, Equatable, Codable {
  /// One tier's share.
  package struct TierLine: Sendable, Equatable, Codable {
    /// The tier.
    package var tier: String
    /// Replies the model sent (calls that failed before an answer are not candidates).
    package var candidates: Int
    /// Candidates that repeated an earlier one or changed nothing of substance.
    package var duplicates: Int
    /// Candidates accepted.
    package var accepted: Int
  }

  /// Per tier, in the order first seen.
  package var tiers: [TierLine]
  /// Accepted candidates per ``RetryStrategy`` raw value (`initial` for a first answer).
  package var acceptedBy: [String: Int]

  /// The numbers of a run's sub-task results.
  package init(results: [SubtaskResult]) {
    tiers = []
    acceptedBy = [:]
    for attempt in results.flatMap(\.attempts) where !attempt.isInfrastructureFailure {
      add(attempt)
    }
  }

  /// Sums several runs' numbers.
  package init(aggregating runs: [CascadeNumbers]) {
    tiers = []
    acceptedBy = [:]
    for run in runs {
      for line in run.tiers {
        let i = index(of: line.tier)
        tiers[i].candidates += line.candidates
        tiers[i].duplicates += line.duplicates
        tiers[i].accepted += line.accepted
      }
      acceptedBy.merge(run.acceptedBy, uniquingKeysWith: +)
    }
  }

  /// All candidates.
  package var candidates: Int { tiers.reduce(0) { $0 + $1.candidates } }
  /// All duplicates.
  package var duplicates: Int { tiers.reduce(0) { $0 + $1.duplicates } }

  /// "candidates local-small 4 (2 duplicates), local-medium 1 (accepted 1); accepted via
  /// switch_format 1".
  package var summary: String {
    guard !tiers.isEmpty else { return "no candidates" }
    let perTier = tiers.map { line in
      var extras: [String] = []
      if line.duplicates > 0 { extras.append("\(line.duplicates) duplicate(s)") }
      if line.accepted > 0 { extras.append("\(line.accepted) accepted") }
      return "\(line.tier) \(line.candidates)"
        + (extras.isEmpty ? "" : " (\(extras.joined(separator: ", ")))")
    }
    var text = "candidates " + perTier.joined(separator: ", ")
    if !acceptedBy.isEmpty {
      text +=
        "; accepted via "
        + acceptedBy.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        .joined(separator: ", ")
    }
    return text
  }

  private mutating func add(_ attempt: Attempt) {
    let i = index(of: attempt.tier)
    tiers[i].candidates += 1
    if attempt.duplicate == true { tiers[i].duplicates += 1 }
    if attempt.accepted {
      tiers[i].accepted += 1
      acceptedBy[(attempt.strategy ?? .initial).rawValue, default: 0] += 1
    }
  }

  private mutating func index(of tier: String) -> Int {
    if let i = tiers.firstIndex(where: { $0.tier == tier }) { return i }
    tiers.append(TierLine(tier: tier, candidates: 0, duplicates: 0, accepted: 0))
    return tiers.count - 1
  }
}

extension SubtaskResult {
  /// " via local-small → local-medium, 3 call(s): detail", or " not run: detail" when no call was
  /// made (never an empty "via , 0 call(s)").
  package var callsText: String {
    var tiers: [String] = []
    for attempt in attempts where attempt.sentRequest && tiers.last != attempt.tier {
      tiers.append(attempt.tier)
    }
    guard !tiers.isEmpty else { return " with no call: \(detail)" }
    return " via \(tiers.joined(separator: " → ")), \(calls) call(s): \(detail)"
  }
}
