/// What a sub-agent changes in the next round when a candidate repeated an earlier one, made no
/// substantive change, or failed the same way twice: the typed list the policy's `retry.strategies`
/// orders (STYLE.md rule 11: decisions live in data).
package enum RetryStrategy: String, Sendable, Equatable, Codable, CaseIterable {
  /// The first request of a tier: nothing changed yet.
  case initial
  /// An ordinary reflection: the feedback of the last refusal, same settings.
  case reflect
  /// A hotter temperature and a new seed: an independent sample.
  case resample
  /// The function format, when the target is one function (whatever share of its file it is).
  case switchFormat = "switch_format"
  /// The failing assertion and the last diff in the feedback.
  case showFailure = "show_failure"
  /// Stop asking this tier: the next rung gets the sub-task.
  case escalate
  /// An independent sample of the sampling round, after every free rung failed (not a choice:
  /// the policy's `retry.samples` sizes the round).
  case sample

  /// The strategies a policy may list (not ``initial`` or ``reflect``, which are not choices).
  package static let choices: [RetryStrategy] = [.resample, .switchFormat, .showFailure, .escalate]
}

/// The policy's retry rules (`retry:` in `share/routing-policy.yaml`).
package struct RetryRule: Sendable, Equatable {
  /// Tried in order after a duplicate candidate, each at most once per tier; ``RetryStrategy/escalate``
  /// ends the list.
  package var strategies: [RetryStrategy]
  /// Added to the temperature by ``RetryStrategy/resample``.
  package var temperatureStep: Double
  /// The hottest a resample goes.
  package var maxTemperature: Double
  /// The same failure twice in a row on a tier escalates at once.
  package var sameFailureEscalates: Bool
  /// Independent samples once every free rung has failed a sub-task whose tests fail before any
  /// change (0: no sampling round).
  package var samples: Int
  /// The temperature of those samples.
  package var sampleTemperature: Double
  /// One-token changes of the target function the tests try before any model is asked, when its
  /// tests fail before any change (0: no repair round).
  package var mutants: Int
  /// The repair round's time cap, seconds.
  package var mutantSeconds: Double
  /// Each mutant's test-run limit, seconds (at least; three times the base run's time when longer).
  package var mutantTestSeconds: Double
  /// Mutants tested at once.
  package var mutantWorkers: Int

  /// Creates retry rules; the defaults match `share/routing-policy.yaml`.
  package init(
    strategies: [RetryStrategy] = [.switchFormat, .resample, .showFailure, .escalate],
    temperatureStep: Double = 0.4, maxTemperature: Double = 1.0, sameFailureEscalates: Bool = true,
    samples: Int = 6, sampleTemperature: Double = 0.8, mutants: Int = 200,
    mutantSeconds: Double = 60, mutantTestSeconds: Double = 10, mutantWorkers: Int = 2
  ) {
    self.mutantWorkers = mutantWorkers
    self.mutants = mutants
    self.mutantSeconds = mutantSeconds
    self.mutantTestSeconds = mutantTestSeconds
    self.samples = samples
    self.sampleTemperature = sampleTemperature
    self.strategies = strategies
    self.temperatureStep = temperatureStep
    self.maxTemperature = maxTemperature
    self.sameFailureEscalates = sameFailureEscalates
  }
}
