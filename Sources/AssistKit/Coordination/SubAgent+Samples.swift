/// The sampling round: when every free rung of the ladder has failed a sub-task whose tests fail
/// before any change, independent samples of the first request — hotter, each with its own seed,
/// every other one asked to name the faulty line first — run on the free tiers side by side, and
/// the repository's tests pick. A small model that answers a bug right one time in three is
/// right at least once in six samples most of the time; a reflection on its own wrong answer
/// mostly repeats it.
extension SubAgent {
  /// Runs the round; returns the accepted result, or `nil` when no sample passed.
  func sampleRound(
    inputs: Inputs, baseline: String?, result: inout SubtaskResult,
    ledger: inout CandidateLedger, parentSpan: Int?
  ) async throws -> SubtaskResult? {
    guard retry.samples > 0, let verifier, let baseline, !baseline.isEmpty,
      inputs.subtask.kind != .analysis
    else { return nil }
    var tiers: [Tier] = []
    for tier in inputs.ladder where tier.isFree && !tiers.contains(where: { $0.name == tier.name })
    {
      if await client.health.benchedTiers(among: [tier]).isEmpty { tiers.append(tier) }
    }
    guard !tiers.isEmpty else { return nil }
    var setups: [(Tier, TierSetup)] = []
    for tier in tiers {
      if case .success(let setup) = try await prepare(
        tier, step: 0, inputs: inputs, lastFailure: "", baseline: baseline)
      {
        setups.append((tier, setup))
      }
    }
    guard !setups.isEmpty else { return nil }
    events(
      .notice(
        "\(inputs.subtask.id): \(retry.samples) independent samples on \(setups.map(\.0.name).joined(separator: " and ")); the tests pick"
      ))
    let board = SampleBoard(total: retry.samples, ledger: ledger)
    let thinkFirst = try prompts.render("think-first", [:])
    try await withThrowingTaskGroup(of: Void.self) { group in
      for (tier, setup) in setups {
        group.addTask {
          try await sampleWorker(
            tier: tier, setup: setup, thinkFirst: thinkFirst, inputs: inputs, verifier: verifier,
            board: board, parentSpan: parentSpan)
        }
      }
      while let _ = try await group.next() {
        if await board.winner != nil { group.cancelAll() }
      }
    }
    try Task.checkCancellation()
    result.attempts += await board.attempts
    ledger = await board.ledger
    guard let winner = await board.winner else { return nil }
    return finish(
      &result, status: .accepted, tier: winner.tier, handBack: winner.handBack,
      changes: winner.changes, detail: winner.detail)
  }

  /// One tier's share of the round: claims sample numbers until the round is spent or won.
  private func sampleWorker(
    tier: Tier, setup: TierSetup, thinkFirst: String, inputs: Inputs,
    verifier: any CandidateVerifying, board: SampleBoard, parentSpan: Int?
  ) async throws {
    while let index = await board.claim() {
      if Task.isCancelled { return }
      var messages = setup.messages
      if index % 2 == 1, let last = messages.indices.last {
        messages[last] = ChatMessage(
          messages[last].role, String(messages[last].content.trimmed) + "\n\n" + thinkFirst)
      }
      let round = index + 1
      events(
        .attemptStarted(
          subtask: inputs.subtask.id, tier: tier.name, round: round, format: setup.formatName))
      let sent: (reply: String?, attempt: Attempt)
      do {
        sent = try await call(
          tier, messages: messages, inputs: inputs, round: round, format: setup.formatName,
          bounds: ReplyBounds(
            format: setup.format, sliceBytes: setup.sliceBytes,
            defaultPath: setup.scope.count == 1 ? setup.scope[0] : nil),
          temperature: retry.sampleTemperature, seed: 20_011 + index * 7_919,
          parentSpan: parentSpan)
      } catch is CancellationError {
        return
      }
      var attempt = sent.attempt
      attempt.strategy = .sample
      guard let reply = sent.reply, let format = setup.format else {
        await board.add(attempt)
        finished(inputs, tier: tier, round: round, attempt.detail)
        if attempt.isInfrastructureFailure { return }  // this tier is down: leave it to the others
        continue
      }
      let outcome = try await gate(
        reply: reply, format: format, inputs: inputs, prior: inputs.dependencyChanges,
        scope: setup.scope, parentSpan: parentSpan)
      let changes = outcome.changes.filter { $0.old != $0.new }
      attempt.duplicate = await board.record(changes: outcome.changes, reply: reply)
      if !outcome.accepted {
        attempt.stage = outcome.stage.rawValue
        attempt.detail = Self.oneLine(outcome)
        await board.add(attempt)
        finished(inputs, tier: tier, round: round, attempt.detail)
        continue
      }
      if attempt.duplicate == true {
        // The tests already judged this change (or it changes nothing): not run again.
        attempt.stage = "duplicate"
        attempt.detail = "repeats an earlier candidate"
        await board.add(attempt)
        finished(inputs, tier: tier, round: round, attempt.detail)
        continue
      }
      let span = await recorder.begin(
        .verify, parent: parentSpan, subtask: inputs.subtask.id, tier: tier.name)
      let verdict = await verifier.verify(changes: changes)
      await recorder.end(span) { $0.attributes["verdict"] = verdict.summary }
      if case .failed(let summary, _) = verdict {
        attempt.stage = "tests"
        attempt.detail = summary
        await board.add(attempt)
        finished(inputs, tier: tier, round: round, "tests: \(summary)")
        continue
      }
      attempt.stage = "accepted"
      attempt.detail = "\(changes.count) file(s) changed; \(verdict.summary)"
      guard await board.win(attempt, tier: tier, changes: changes, handBack: HandBack(reply: reply))
      else { return }
      await markWork(attempt)
      events(
        .attemptFinished(
          subtask: inputs.subtask.id, tier: tier.name, round: round, outcome: attempt.detail,
          accepted: true))
      return
    }
  }

  private func finished(_ inputs: Inputs, tier: Tier, round: Int, _ outcome: String) {
    events(
      .attemptFinished(
        subtask: inputs.subtask.id, tier: tier.name, round: round, outcome: outcome,
        accepted: false))
  }
}

/// The sampling round's shared state: sample numbers still to hand out, every attempt, the
/// candidates seen, and the first sample the tests passed.
actor SampleBoard {
  /// The first passing sample.
  struct Winner: Sendable {
    var tier: Tier
    var changes: [EditApplier.FileChange]
    var handBack: HandBack
    var detail: String
  }

  private let total: Int
  private var next = 0
  private(set) var attempts: [Attempt] = []
  private(set) var ledger: CandidateLedger
  private(set) var winner: Winner?

  init(total: Int, ledger: CandidateLedger) {
    self.total = total
    self.ledger = ledger
  }

  /// The next sample number, or `nil` when the round is spent or won.
  func claim() -> Int? {
    guard winner == nil, next < total else { return nil }
    defer { next += 1 }
    return next
  }

  func add(_ attempt: Attempt) { attempts.append(attempt) }

  /// ``CandidateLedger/record(changes:reply:)`` across the round's workers.
  func record(changes: [EditApplier.FileChange], reply: String) -> Bool {
    ledger.record(changes: changes, reply: reply)
  }

  /// Records a passing sample; `false` when another worker's sample won first.
  func win(
    _ attempt: Attempt, tier: Tier, changes: [EditApplier.FileChange], handBack: HandBack
  ) -> Bool {
    guard winner == nil else { return false }
    attempts.append(attempt)
    winner = Winner(tier: tier, changes: changes, handBack: handBack, detail: attempt.detail)
    return true
  }
}
