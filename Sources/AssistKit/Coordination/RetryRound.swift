/// What the next round on a tier changes, decided after each refused candidate from the policy's
/// ``RetryRule``: nothing (an ordinary reflection), or, after a duplicate, the next untried
/// ``RetryStrategy``; the same failure twice in a row escalates at once.
package struct RetryRound: Sendable {
  /// The rules.
  package let rule: RetryRule
  /// Whether the function format is still to be had (the target is one function, not yet shown
  /// alone).
  package var canSwitchFormat: Bool
  /// The strategy that produced the next candidate.
  package private(set) var strategy: RetryStrategy
  /// Added to the temperature by resamples so far.
  package private(set) var temperatureBoost = 0.0
  /// The seed to send, after a resample.
  package private(set) var seed: Int?
  private var used: Set<RetryStrategy> = []
  private var lastRefusal: String?

  /// A tier's first round: ``RetryStrategy/initial`` on the first rung, ``RetryStrategy/escalate``
  /// on later ones.
  package init(rule: RetryRule, firstRung: Bool, canSwitchFormat: Bool) {
    self.rule = rule
    self.canSwitchFormat = canSwitchFormat
    strategy = firstRung ? .initial : .escalate
  }

  /// Decides the next round after a refused candidate.
  /// - Parameters:
  ///   - duplicate: The candidate repeated an earlier one or changed nothing of substance.
  ///   - parsedNothing: The reply yielded no change at all (a parse failure).
  ///   - refusal: The one-line reason it was refused.
  ///   - round: The round that was refused (seeds are derived from it).
  /// - Returns: The strategy of the next round (``RetryStrategy/escalate``: leave the tier).
  package mutating func next(duplicate: Bool, parsedNothing: Bool, refusal: String, round: Int)
    -> RetryStrategy
  {
    defer { lastRefusal = refusal }
    if rule.sameFailureEscalates, duplicate || parsedNothing, refusal == lastRefusal {
      strategy = .escalate
      return strategy
    }
    guard duplicate else {
      strategy = .reflect
      return strategy
    }
    for candidate in rule.strategies where !used.contains(candidate) {
      if candidate == .switchFormat && !canSwitchFormat { continue }
      used.insert(candidate)
      strategy = candidate
      switch candidate {
      case .resample:
        temperatureBoost += rule.temperatureStep
        seed = 1_000 + round * 7_919
      case .switchFormat: canSwitchFormat = false
      default: break
      }
      return candidate
    }
    strategy = .escalate
    return strategy
  }

  /// The temperature of the next call: `base`, plus the resamples' boost up to the rule's max.
  package func temperature(base: Double) -> Double {
    temperatureBoost == 0 ? base : min(rule.maxTemperature, base + temperatureBoost)
  }
}

extension FunctionFocus {
  /// The one function the plan says a sub-task is about (``ChangeIntent/symbols`` holds exactly
  /// one, defined once in the scope's non-test files, short enough to show alone), whatever share
  /// of its file it is: the target of ``RetryStrategy/switchFormat``.
  package static func planned(
    _ intent: ChangeIntent?, scope: [String], files: [String: String?],
    isTest: (String) -> Bool
  ) -> FunctionFormat? {
    guard let intent, intent.symbols.count == 1, let name = intent.symbols.first,
      ![.question, .rename, .move].contains(intent.action)
    else { return nil }
    var found: [FunctionFormat] = []
    for path in scope where !isTest(path) {
      guard let content = files[path] ?? nil,
        let extent = SymbolExtent.find(name, in: content, path: path),
        fitsAlone(extent, in: content, path: path)
      else { continue }
      var format = FunctionFormat(path: path, extent: extent, content: content)
      format.fixes = intent.action == .fix
      found.append(format)
    }
    return found.count == 1 ? found[0] : nil
  }
}
