import AssistKit
import AssistTesting
import Foundation
import Testing

/// A candidate runs the tests that touch its files first and the whole suite only when they pass.
@Suite struct TargetedVerificationTests {
  static let modules = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"]

  /// Six modules, each with a test file of two tests; `bravo` builds on `alpha`, and `orphan` is
  /// imported by no test.
  static func files() -> [String: String] {
    var files: [String: String] = ["tests/__init__.py": "", "orphan.py": "LIMIT = 3\n"]
    for name in modules where name != "bravo" {
      files["\(name).py"] = "def \(name)_inc(x):\n    return x + 1\n"
    }
    files["bravo.py"] = """
      from alpha import alpha_inc


      def bravo_double(x):
          return alpha_inc(x) * 2
      """
    for name in modules {
      let function = name == "bravo" ? "bravo_double" : "\(name)_inc"
      let (large, expected) = name == "bravo" ? ("5", "12") : ("20", "21")
      let small = name == "bravo" ? "4" : "2"
      files["tests/test_\(name).py"] = """
        import unittest

        from \(name) import \(function)


        class \(name.capitalized)Tests(unittest.TestCase):
            def test_small(self):
                self.assertEqual(\(function)(1), \(small))

            def test_large(self):
                self.assertEqual(\(function)(\(large)), \(expected))
        """
    }
    return files
  }

  /// The repository every test of the suite starts from (a fresh one per test).
  let files = Self.files()
  let repo: TemporaryRepository

  init() throws {
    repo = try TemporaryRepository(files: files)
  }

  private func verification(
    in repo: TemporaryRepository? = nil, files: [String: String]? = nil,
    command: String = "python3 -m unittest", requiresProgress: Bool = false,
    targetedTimeout: Duration = .seconds(60)
  ) -> TestVerification {
    TestVerification(
      baseline: VerificationBaseline(
        verifier: Verifier(environment: ProcessInfo.processInfo.environment)),
      command: TestCommand(command: command, origin: .config, reason: "test"),
      repository: (repo ?? self.repo).path, base: "HEAD", requiresProgress: requiresProgress,
      files: files ?? self.files, targetedTimeout: targetedTimeout)
  }

  private func change(_ path: String, _ new: String, in files: [String: String])
    -> [EditApplier.FileChange]
  {
    [EditApplier.FileChange(path: path, old: files[path], new: new)]
  }

  @Test func aChangeToOneModuleRunsOnlyItsTestFileFirstThenTheWholeSuiteOnce() async throws {
    let verification = verification()
    let verdict = await verification.verify(
      changes: change("charlie.py", "def charlie_inc(x):\n    return 1 + x\n", in: files))
    #expect(verdict.mayLand)
    #expect(
      await verification.baseline.candidateCommands == [
        "python3 -m unittest tests.test_charlie", "python3 -m unittest",
      ])
    #expect(verdict.summary.contains("targeted: tests/test_charlie.py (2 tests) passed"))
    #expect(verdict.summary.contains("whole suite (`python3 -m unittest`) 12 passed"))
    // A targeted baseline and a whole-suite baseline, each run once.
    #expect(await verification.baseline.runs == 2)
  }

  @Test func aCandidateFailingItsTargetedTestsNeverRunsTheWholeSuite() async throws {
    let verification = verification()
    let broken = change("delta.py", "def delta_inc(x):\n    return x + 2\n", in: files)
    let verdict = await verification.verify(changes: broken)
    guard case .failed(let summary, let feedback) = verdict else {
      Issue.record("expected a refusal, got \(verdict)")
      return
    }
    #expect(summary.hasPrefix("targeted: tests/test_delta.py (2 tests) regressed"))
    #expect(feedback.contains("test_delta"))
    // A reflection round that is still wrong re-runs the targeted tests only.
    let again = await verification.verify(
      changes: change("delta.py", "def delta_inc(x):\n    return x\n", in: files))
    #expect(!again.mayLand)
    #expect(
      await verification.baseline.candidateCommands
        == Array(
          repeating: "python3 -m unittest tests.test_delta", count: 2))
    // The whole suite ran only as the base commit's baseline, once, beside the targeted one.
    #expect(await verification.baseline.runs == 2)
    // The round that passes them runs the whole suite once.
    let fixed = await verification.verify(
      changes: change("delta.py", "def delta_inc(x):\n    return 1 + x\n", in: files))
    #expect(fixed.mayLand)
    let commands = await verification.baseline.candidateCommands
    #expect(commands.filter { $0 == "python3 -m unittest" }.count == 1)
    #expect(commands.count == 4)
  }

  @Test func passingItsTargetedTestsButBreakingAnotherModulesTestIsRefusedByTheWholeSuite()
    async throws
  {
    let verification = verification()
    // alpha's own tests check 1 and 20; bravo's doubles alpha_inc(5).
    let verdict = await verification.verify(
      changes: change(
        "alpha.py", "def alpha_inc(x):\n    return x if x == 5 else x + 1\n", in: files))
    guard case .failed(let summary, let feedback) = verdict else {
      Issue.record("expected a refusal, got \(verdict)")
      return
    }
    #expect(
      await verification.baseline.candidateCommands == [
        "python3 -m unittest tests.test_alpha", "python3 -m unittest",
      ])
    #expect(summary.contains("targeted: tests/test_alpha.py (2 tests) passed"))
    #expect(summary.contains("whole suite (`python3 -m unittest`): regressed"))
    #expect(summary.contains("test_bravo"))
    #expect(feedback.contains("test_bravo"))
  }

  @Test func aModuleNoTestImportsFallsBackToTheWholeSuiteAndSaysSo() async throws {
    let verification = verification()
    let verdict = await verification.verify(changes: change("orphan.py", "LIMIT = 4\n", in: files))
    #expect(verdict.mayLand)
    #expect(await verification.baseline.candidateCommands == ["python3 -m unittest"])
    #expect(
      verdict.summary.contains("targeted: none (no test file imports or is named after orphan.py)"))
    #expect(verdict.summary.contains("12 passed"))
  }

  @Test func aTargetedRunThatHangsIsKilledAtItsOwnTimeoutAndTheWholeSuiteNeverRuns() async throws {
    // Long enough for the base commit's targeted run on a loaded machine (a baseline that times
    // out falls back to the whole suite), far shorter than the hang.
    let verification = verification(targetedTimeout: .seconds(15))
    let verdict = await verification.verify(
      changes: change(
        "echo.py", "import time\n\n\ndef echo_inc(x):\n    time.sleep(300)\n    return x + 1\n",
        in: files))
    #expect(!verdict.mayLand)
    #expect(verdict.summary.hasPrefix("targeted: tests/test_echo.py"))
    #expect(verdict.summary.contains("regressed"))
    #expect(
      await verification.baseline.candidateCommands == ["python3 -m unittest tests.test_echo"])
  }

  @Test func nodeTestRunsOnlyTheTestFilesThatRequireTheChangedModule() async throws {
    var files: [String: String] = [:]
    for name in ["parse", "render", "store"] {
      files["lib/\(name).js"] = "exports.\(name) = (x) => x + 1;\n"
      files["test/\(name).test.js"] = """
        const test = require('node:test');
        const assert = require('node:assert');
        const { \(name) } = require('../lib/\(name)');
        test('\(name) adds one', () => assert.strictEqual(\(name)(1), 2));
        test('\(name) keeps zero apart', () => assert.strictEqual(\(name)(0), 1));
        """
    }
    let repo = try TemporaryRepository(files: files)
    let verification = verification(in: repo, files: files, command: "node --test")
    let good = await verification.verify(
      changes: [
        EditApplier.FileChange(
          path: "lib/render.js", old: files["lib/render.js"],
          new: "exports.render = (x) => 1 + x;\n")
      ])
    #expect(good.mayLand)
    #expect(good.summary.contains("targeted: test/render.test.js (2 tests) passed"))
    #expect(good.summary.contains("whole suite (`node --test`) 6 passed"))
    let bad = await verification.verify(
      changes: [
        EditApplier.FileChange(
          path: "lib/store.js", old: files["lib/store.js"], new: "exports.store = (x) => x;\n")
      ])
    #expect(!bad.mayLand)
    #expect(
      await verification.baseline.candidateCommands == [
        "node --test 'test/render.test.js'", "node --test", "node --test 'test/store.test.js'",
      ])
    withExtendedLifetime(repo) {}
  }

  @Test func aFixThatMakesItsFailingTargetedTestsPassGoesOnToTheWholeSuite() async throws {
    var files = self.files
    files["delta.py"] = "def delta_inc(x):\n    return x - 1\n"
    let repo = try TemporaryRepository(files: files)
    let verification = verification(in: repo, files: files, requiresProgress: true)
    let unchanged = await verification.verify(
      changes: change("delta.py", "def delta_inc(x):\n    return x - 1  # same\n", in: files))
    #expect(!unchanged.mayLand)
    #expect(unchanged.summary.hasPrefix("targeted: tests/test_delta.py (2 tests) unchanged"))
    let fixed = await verification.verify(
      changes: change("delta.py", "def delta_inc(x):\n    return x + 1\n", in: files))
    #expect(fixed.mayLand)
    #expect(fixed.summary.contains("targeted: tests/test_delta.py (2 tests) passed"))
    #expect(fixed.summary.contains("12 passed"))
    withExtendedLifetime(repo) {}
  }

  @Test func aFixOfOneOfTheTwoFunctionsTheTaskNamesDoesNotLand() async throws {
    var files = self.files
    files["delta.py"] = "def delta_inc(x):\n    return x - 1\n"
    files["echo.py"] = "def echo_inc(x):\n    return x - 1\n"
    let repo = try TemporaryRepository(files: files)
    var verification = verification(in: repo, files: files, requiresProgress: true)
    let half = change("delta.py", "def delta_inc(x):\n    return x + 1\n", in: files)
    // Without the task's names, fixing some failing tests and breaking none is progress.
    #expect(await verification.verify(changes: half).mayLand)
    verification.taskNames = ["delta_inc", "echo_inc"]
    let partial = await verification.verify(changes: half)
    #expect(!partial.mayLand)
    #expect(
      partial.summary.contains("still fails the task's tests.test_echo.EchoTests.test_large"),
      "\(partial)")
    let whole = await verification.verify(
      changes: half + change("echo.py", "def echo_inc(x):\n    return x + 1\n", in: files))
    #expect(whole.mayLand, "\(whole)")
    withExtendedLifetime(repo) {}
  }

  @Test func aTargetedCommandThatBreaksOnTheBaseFallsBackToTheWholeSuiteAndSaysSo() async throws {
    // The suite runs from tests/ (`discover -s tests`), so its modules import a sibling helper
    // that `python3 -m unittest tests.test_golf` from the root cannot find.
    let files = [
      "golf.py": "def golf_inc(x):\n    return x\n",
      "tests/helper.py": "ONE = 1\n",
      "tests/test_golf.py": """
      import unittest

      from golf import golf_inc
      from helper import ONE


      class GolfTests(unittest.TestCase):
          def test_one(self):
              self.assertEqual(golf_inc(ONE), 2)
      """,
      "tests/test_other.py":
        "import unittest\n\n\nclass T(unittest.TestCase):\n    def test_ok(self):\n        pass\n",
    ]
    let repo = try TemporaryRepository(files: files)
    let verification = verification(
      in: repo, files: files, command: "python3 -m unittest discover -s tests",
      requiresProgress: true)
    let fixed = await verification.verify(
      changes: change("golf.py", "def golf_inc(x):\n    return x + 1\n", in: files))
    #expect(fixed.mayLand, "\(fixed)")
    #expect(
      fixed.summary.contains(
        "targeted: none (`python3 -m unittest tests.test_golf` disagrees with the whole suite"))
    #expect(
      await verification.baseline.candidateCommands == ["python3 -m unittest discover -s tests"])
    withExtendedLifetime(repo) {}
  }

  @Test func aChangeEveryTestFileTouchesRunsTheWholeSuiteOnlyNotTwice() async throws {
    var files = ["core.py": "def core_inc(x):\n    return x + 1\n", "tests/__init__.py": ""]
    files["tests/helpers.py"] = "from core import core_inc\n"
    for name in ["one", "two"] {
      files["tests/test_\(name).py"] =
        "import unittest\n\nfrom core import core_inc\n\n\nclass T(unittest.TestCase):\n"
        + "    def test_inc(self):\n        self.assertEqual(core_inc(1), 2)\n"
    }
    let repo = try TemporaryRepository(files: files)
    let verification = verification(in: repo, files: files)
    let verdict = await verification.verify(
      changes: change("core.py", "def core_inc(x):\n    return 1 + x\n", in: files))
    #expect(verdict.mayLand)
    #expect(verdict.summary.hasPrefix("targeted: none (every test file touches core.py)"))
    #expect(await verification.baseline.candidateCommands == ["python3 -m unittest"])
    withExtendedLifetime(repo) {}
  }
}
