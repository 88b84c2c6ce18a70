import AssistKit
import Testing

/// What the next round changes after a refused candidate, decided from the policy's retry rules.
@Suite struct RetryRoundTests {
  /// One refusal: (duplicate, parsed nothing, the refusal's line).
  typealias Refusal = (duplicate: Bool, nothing: Bool, refusal: String)

  /// The strategies `round` picks for `refusals`, in order.
  private func strategies(_ round: inout RetryRound, _ refusals: [Refusal]) -> [RetryStrategy] {
    refusals.enumerated().map { i, r in
      round.next(duplicate: r.duplicate, parsedNothing: r.nothing, refusal: r.refusal, round: i)
    }
  }

  @Test func anOrdinaryRefusalReflectsAndADuplicateTriesTheNextStrategyInThePolicysOrder() {
    var round = RetryRound(rule: RetryRule(), firstRung: true, canSwitchFormat: true)
    #expect(round.strategy == .initial)
    let picked = strategies(
      &round,
      [
        (false, false, "tests: 1 failed"), (true, false, "gate: a"), (true, false, "gate: b"),
      ])
    #expect(picked == [.reflect, .switchFormat, .resample])
    #expect(round.temperature(base: 0.4) == 0.8)
    #expect(round.seed != nil)
    let rest = strategies(&round, [(true, false, "gate: c"), (true, false, "gate: d")])
    #expect(rest == [.showFailure, .escalate])
  }

  @Test func theSameFailureTwiceInARowEscalatesAtOnce() {
    // A reply with no path line, twice: nothing new came of the first retry.
    var round = RetryRound(rule: RetryRule(), firstRung: true, canSwitchFormat: false)
    let parse = strategies(
      &round, [(false, true, "parse: no path"), (false, true, "parse: no path")])
    #expect(parse == [.reflect, .escalate])
    // A new candidate that fails the same test is not "the same failure": it is a new attempt.
    var tests = RetryRound(rule: RetryRule(), firstRung: false, canSwitchFormat: false)
    #expect(tests.strategy == .escalate)
    let fresh = strategies(
      &tests, [(false, false, "tests: 1 failed"), (false, false, "tests: 1 failed")])
    #expect(fresh == [.reflect, .reflect])
    // Off in the policy: only the strategies decide.
    var off = RetryRound(
      rule: RetryRule(sameFailureEscalates: false), firstRung: true, canSwitchFormat: false)
    let listed = strategies(&off, [(true, false, "gate: ws"), (true, false, "gate: ws")])
    #expect(listed == [.resample, .showFailure])
  }

  @Test func resamplingNeverGoesPastTheMaximumTemperature() {
    var round = RetryRound(
      rule: RetryRule(strategies: [.resample], temperatureStep: 0.9, maxTemperature: 1.0),
      firstRung: true, canSwitchFormat: false)
    _ = strategies(&round, [(true, false, "x")])
    #expect(round.temperature(base: 0.8) == 1.0)
  }

  @Test func aCandidateThatRepeatsAnEarlierOneOrChangesOnlyBlankLinesIsADuplicate() {
    var ledger = CandidateLedger()
    let fix = EditApplier.FileChange(path: "a.py", old: "x = 1\n", new: "x = 2\n")
    let same = EditApplier.FileChange(path: "a.py", old: "x = 1\n", new: "x = 2   \n\n")
    let blank = EditApplier.FileChange(path: "a.py", old: "x = 1\n", new: "\nx = 1\n")
    let indent = EditApplier.FileChange(path: "a.py", old: "x = 1\n", new: "    x = 1\n")
    let verdicts = [
      ledger.record(changes: [fix], reply: ""),
      ledger.record(changes: [same], reply: ""),  // trailing spaces and blank lines aside
      ledger.record(changes: [blank], reply: ""),
      ledger.record(changes: [indent], reply: ""),  // indentation is code in Python
      ledger.record(changes: [], reply: "no path line"),
      ledger.record(changes: [], reply: "no path line\n"),
    ]
    #expect(verdicts == [false, true, true, false, false, true])
  }

  @Test func thePlannedFunctionIsTheTargetWhateverShareOfItsFileItIs() {
    let source = "def only(x):\n    if x:\n        return 1\n    return 2\n"
    let files: [String: String?] = ["m.py": source, "test_m.py": "def test_only(): pass\n"]
    let target = FunctionFocus.planned(
      ChangeIntent(action: .fix, symbols: ["only"]), scope: ["m.py", "test_m.py"], files: files,
      isTest: { $0.hasPrefix("test_") })
    #expect(target?.extent.name == "only")
    #expect(target?.path == "m.py")
    // The focus rule agrees now that a function's share of its file no longer matters.
    let context = RepoContext(files: files.compactMapValues { $0 })
    #expect(
      FunctionFocus.choose(
        places: context.places(task: "Fix only in m.py"), isFix: true, scope: ["m.py"],
        files: files, isTest: { $0.hasPrefix("test_") })?.extent.name == "only")
    #expect(
      FunctionFocus.planned(
        ChangeIntent(action: .rename, symbols: ["only"]), scope: ["m.py"], files: files,
        isTest: { _ in false }) == nil)
    #expect(
      FunctionFocus.planned(
        ChangeIntent(action: .fix, symbols: ["only", "other"]), scope: ["m.py"], files: files,
        isTest: { _ in false }) == nil)
    #expect(
      FunctionFocus.planned(nil, scope: ["m.py"], files: files, isTest: { _ in false }) == nil)
  }

  @Test func theRetryRulesLoadFromThePolicyAndABadStrategyIsAFileAndLineError() throws {
    let policy = try RoutingPolicy.parse(
      "retry:\n  strategies: [resample, escalate]\n  same_failure_escalates: false\n",
      file: "p.yaml")
    #expect(policy.retry.strategies == [.resample, .escalate])
    #expect(!policy.retry.sameFailureEscalates)
    let error = #expect(throws: ConfigError.self) {
      try RoutingPolicy.parse("retry:\n  strategies: [resample, pray]\n", file: "p.yaml")
    }
    #expect(
      error?.description
        == "p.yaml:2: a retry strategy must be one of resample, switch_format, show_failure, escalate"
    )
  }

  @Test func assistShowNamesTheStrategyAndTheDuplicatesOfEachRound() {
    var attempt = Attempt(
      tier: "local-small", model: "m", round: 1, format: "whole-file", stage: "gate", detail: "")
    #expect(RunReport.retryNote(attempt) == "")
    attempt.strategy = .resample
    attempt.duplicate = true
    #expect(RunReport.retryNote(attempt) == " [resample, duplicate]")
    attempt.strategy = .reflect
    attempt.duplicate = false
    #expect(RunReport.retryNote(attempt) == "")
  }
}
