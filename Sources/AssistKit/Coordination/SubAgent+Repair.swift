/// The repair round: before any model is asked to fix a function whose tests fail, the
/// repository's tests try its single-token mutants (``MutantGenerator``), best first, under the
/// policy's count and time caps. One with which every test passes is the fix (one that fixes only
/// part of the failure is a guess), made with no model, no tokens and no money; the run says so. Most small bugs are one token off,
/// and the tests tell dozens of mutants apart in the time one call of a small model takes.
extension SubAgent {
  /// Runs the round; returns the accepted result, or `nil` when it does not apply or no mutant
  /// passed.
  func repairRound(inputs: Inputs, baseline: String?, result: inout SubtaskResult) async
    -> SubtaskResult?
  {
    // A plan that says the sub-task adds or moves something is not a one-token fix.
    if let action = inputs.subtask.intent?.action, action != .fix { return nil }
    guard retry.mutants > 0, let verifier, let baseline, !baseline.isEmpty,
      inputs.subtask.kind != .analysis,
      FunctionFocus.allowed(kind: inputs.subtask.kind, agent: inputs.agent),
      let target = repairTarget(inputs, baseline: baseline),
      let language = SourceLanguage(path: target.path)
    else { return nil }
    let evidence = Set(
      FailureLocations.frames(in: baseline, paths: [target.path])
        .filter { $0.path == target.path }.map { $0.line - 1 }
        .filter { target.extent.lines.contains($0) })
    let mutants = MutantGenerator(language: language).mutants(
      of: target.content, lines: target.extent.lines, evidence: evidence
    ).prefix(retry.mutants)
    guard !mutants.isEmpty else { return nil }
    events(
      .notice(
        "\(inputs.subtask.id): trying up to \(mutants.count) one-token changes of `\(target.extent.name)` with the tests before any model (\(Int(retry.mutantSeconds)) s at most)"
      ))
    let quick = verifier.limited(to: .seconds(retry.mutantTestSeconds))
    let end = ContinuousClock.now.advanced(by: .milliseconds(Int64(retry.mutantSeconds * 1_000)))
    let started = ContinuousClock.now
    let changes = mutants.map {
      EditApplier.FileChange(
        path: target.path, old: target.content, new: $0.apply(to: target.content))
    }
    let (winner, tried) = await Self.firstPassing(
      changes, verifier: quick, workers: retry.mutantWorkers, end: end, deadline: deadline)
    if let (index, summary) = winner {
      let mutant = mutants[mutants.startIndex + index]
      let seconds = (ContinuousClock.now - started).components.seconds
      let detail =
        "fixed with no model: mutant \(index + 1) of \(mutants.count) (\(mutant.kind.rawValue), \(mutant.summary)) in \(seconds) s; \(summary)"
      events(.notice("\(inputs.subtask.id): \(detail)"))
      result.status = .accepted
      result.tier = Self.repairTier
      result.model = "none"
      result.handBack = HandBack(reply: "")
      result.changes = [changes[index]]
      result.detail = detail
      return result
    }
    let seconds = (ContinuousClock.now - started).components.seconds
    events(
      .notice(
        "\(inputs.subtask.id): no one-token change passed the tests (\(tried) tried in \(seconds) s); asking the models"
      ))
    return nil
  }

  /// Tests `changes` in order, `workers` at once (no model runs yet, so the cores are free),
  /// until one passes, `end` passes or the run's deadline does.
  /// - Returns: The first passing change's index and verdict summary, and how many were tried.
  private static func firstPassing(
    _ changes: [EditApplier.FileChange], verifier: any CandidateVerifying, workers: Int,
    end: ContinuousClock.Instant, deadline: RunDeadline?
  ) async -> (winner: (index: Int, summary: String)?, tried: Int) {
    await withTaskGroup(of: (Int, String?).self) { group -> ((index: Int, summary: String)?, Int) in
      // The round's end also stops the runs in flight (a slow suite's run may outlast it).
      let timer = -1
      group.addTask {
        try? await Task.sleep(until: end, clock: .continuous)
        return (timer, nil)
      }
      var next = 0
      var running = 0
      while next < min(max(1, workers), changes.count) {
        let index = next
        group.addTask { (index, await Self.passing(changes[index], verifier: verifier)) }
        next += 1
        running += 1
      }
      while running > 0, let (index, summary) = await group.next() {
        if index == timer { break }
        running -= 1
        if let summary {
          group.cancelAll()
          return ((index, summary), next)
        }
        if next < changes.count, ContinuousClock.now < end, deadline?.hasPassed != true {
          let index = next
          group.addTask { (index, await Self.passing(changes[index], verifier: verifier)) }
          next += 1
          running += 1
        }
      }
      group.cancelAll()
      return (nil, next)
    }
  }

  /// The verdict's summary when `change` passes the tests, else `nil`.
  private static func passing(_ change: EditApplier.FileChange, verifier: any CandidateVerifying)
    async -> String?
  {
    guard case .passed(let summary) = await verifier.verify(changes: [change]) else { return nil }
    return summary
  }

  /// The result's tier when the repair round made the fix (no model, no cost).
  static let repairTier = "tool"

  /// The one function the sub-task is about: localization's focus, else the function the failing
  /// assertions call, else the plan's single symbol.
  private func repairTarget(_ inputs: Inputs, baseline: String) -> FunctionFormat? {
    let renderer = renderer(inputs)
    let scope = renderer.scope(fixingTests: true)
    let current = renderer.current
    let isTest = inputs.context.isTestFile
    return FunctionFocus.choose(
      places: inputs.places, isFix: inputs.subtask.intent?.action == .fix, scope: scope,
      files: current, isTest: isTest)
      ?? FunctionFocus.choose(failure: baseline, scope: scope, files: current, isTest: isTest)
      ?? FunctionFocus.planned(inputs.subtask.intent, scope: scope, files: current, isTest: isTest)
      // Localization's best place even when it is not decisive (a function and the helper
      // nested in it): the tests, not a model, judge what is tried there.
      ?? inputs.places.lazy.filter {
        scope.contains($0.path) && !isTest($0.path) && !$0.symbol.isEmpty
      }
      .compactMap { place in
        (current[place.path] ?? nil).flatMap {
          FunctionFocus.focus(place.symbol, near: place.startLine, path: place.path, content: $0)
        }
      }.first
  }
}
