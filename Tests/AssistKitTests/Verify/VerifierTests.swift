import AssistKit
import AssistTesting
import Foundation
import Testing

/// Real repositories, real interpreters: Python unittest, node --test, C with make, shell.
@Suite struct VerifierTests {
  static let textkit = """
    def slugify(text):
        return "-".join(text.split())


    def shout(text):
        return text.upper()

    """
  static let textkitTests = """
    import unittest

    from textkit import shout, slugify


    class TextkitTests(unittest.TestCase):
        def test_slugify_lowercases(self):
            self.assertEqual(slugify("Hello World"), "hello-world")

        def test_shout(self):
            self.assertEqual(shout("hi"), "HI")


    if __name__ == "__main__":
        unittest.main()

    """
  static let fixedTextkit = textkit.replacingOccurrences(
    of: "\"-\".join(text.split())", with: "\"-\".join(text.lower().split())")

  private func verifier(timeout: Duration = .seconds(60), environment: [String: String]? = nil)
    -> Verifier
  {
    Verifier(
      environment: environment ?? ProcessInfo.processInfo.environment, timeout: timeout)
  }

  private func pythonRepository() throws -> TemporaryRepository {
    try TemporaryRepository(files: [
      "textkit.py": Self.textkit, "test_textkit.py": Self.textkitTests,
    ])
  }

  @Test func pythonUnittestBaselineFailsAndTheFixImprovesIt() async throws {
    let repo = try pythonRepository()
    let baseline = VerificationBaseline(verifier: verifier())
    let comparison = try await baseline.verify(
      VerificationCandidate(files: [.init(path: "textkit.py", content: Self.fixedTextkit)]),
      command: "python3 -m unittest", repository: repo.path)
    #expect(comparison.baseline.status == .failed)
    #expect(
      comparison.baseline.failingTests == ["test_textkit.TextkitTests.test_slugify_lowercases"])
    #expect(comparison.candidate.status == .passed)
    #expect(comparison.candidate.exitCode == 0)
    #expect(
      comparison.verdict == .improved(fixed: ["test_textkit.TextkitTests.test_slugify_lowercases"]))
    #expect(comparison.trailer == "python3 -m unittest passed")
    // Traceback paths are relative to the repository, not the scratch folder.
    #expect(comparison.baseline.output.contains("File \"test_textkit.py\", line 8"))
    #expect(!comparison.baseline.output.contains("assist-scratch-"))
  }

  @Test func anEditRoundsChangesAreACandidateAndResultsSurviveJSON() async throws {
    let repo = try pythonRepository()
    let changes = [
      EditApplier.FileChange(path: "textkit.py", old: Self.textkit, new: Self.fixedTextkit),
      EditApplier.FileChange(path: "unused.py", old: "x = 1\n", new: nil),
    ]
    let comparison = try await VerificationBaseline(verifier: verifier()).verify(
      VerificationCandidate(changes: changes), command: "python3 -m unittest",
      repository: repo.path)
    #expect(comparison.passed)
    let data = try JSONEncoder().encode(comparison)
    #expect(try JSONDecoder().decode(VerificationComparison.self, from: data) == comparison)
  }

  @Test func aChangeThatBreaksAPassingTestIsRegressedEvenWhenAnotherTestAlreadyFailed()
    async throws
  {
    let repo = try pythonRepository()
    let broken = Self.textkit.replacingOccurrences(of: "text.upper()", with: "text.lower()")
    let comparison = try await VerificationBaseline(verifier: verifier()).verify(
      VerificationCandidate(files: [.init(path: "textkit.py", content: broken)]),
      command: "python3 -m unittest", repository: repo.path)
    #expect(
      comparison.verdict == .regressed(newlyFailing: ["test_textkit.TextkitTests.test_shout"]))
    #expect(!comparison.verdict.mayLand)
    #expect(comparison.alreadyFailing == ["test_textkit.TextkitTests.test_slugify_lowercases"])
  }

  @Test func theBaselineRunsOncePerBaseAndCommand() async throws {
    let repo = try pythonRepository()
    let baseline = VerificationBaseline(verifier: verifier())
    async let first = baseline.result(command: "python3 -m unittest", repository: repo.path)
    async let second = baseline.result(command: "python3 -m unittest", repository: repo.path)
    let results = try await [first, second]
    #expect(results[0] == results[1])
    _ = try await baseline.verify(
      .init(files: [.init(path: "textkit.py", content: Self.fixedTextkit)]),
      command: "python3 -m unittest", repository: repo.path, base: "main")
    #expect(await baseline.runs == 1)
    _ = try await baseline.result(command: "python3 -m unittest -v", repository: repo.path)
    #expect(await baseline.runs == 2)
    try repo.write("extra.txt", "x\n")
    try repo.commitAll("second")
    _ = try await baseline.result(command: "python3 -m unittest", repository: repo.path)
    #expect(await baseline.runs == 3)
  }

  @Test func nodeTestWithPackageJSONAndAUnifiedDiffCandidate() async throws {
    let repo = try TemporaryRepository(files: [
      "package.json": #"{ "name": "x", "private": true, "scripts": { "test": "node --test" } }"#,
      "sum.js": "exports.sum = (a, b) => a - b;\n",
      "sum.test.js": """
      const test = require('node:test');
      const assert = require('node:assert');
      const { sum } = require('./sum');
      test('adds two numbers', () => { assert.strictEqual(sum(2, 3), 5); });
      test('zero is neutral', () => { assert.strictEqual(sum(0, 0), 0); });

      """,
    ])
    let command = try #require(TestCommandDiscovery.discover(in: repo.path).command?.command)
    #expect(command == "npm test")
    let diff = """
      diff --git a/sum.js b/sum.js
      --- a/sum.js
      +++ b/sum.js
      @@ -1 +1 @@
      -exports.sum = (a, b) => a - b;
      +exports.sum = (a, b) => a + b;

      """
    let comparison = try await VerificationBaseline(verifier: verifier()).verify(
      VerificationCandidate(diff: diff), command: command, repository: repo.path)
    #expect(comparison.baseline.failingTests == ["adds two numbers"])
    #expect(comparison.candidate.status == .passed)
    #expect(comparison.verdict == .improved(fixed: ["adds two numbers"]))
  }

  @Test func cWithAMakefileTestTarget() async throws {
    let repo = try TemporaryRepository(files: [
      "Makefile":
        "test: check_max\n\t./check_max\n\ncheck_max: max.c check_max.c\n\t$(CC) -o $@ max.c check_max.c\n",
      "max.c": "int max(int a, int b) { return a < b ? a : b; }\n",
      "check_max.c": """
      #include <stdio.h>
      int max(int, int);
      int main(void) {
        if (max(2, 3) != 3) { printf("FAIL max(2, 3) == 3\\n"); return 1; }
        printf("ok\\n");
        return 0;
      }

      """,
    ])
    let fixed = "int max(int a, int b) { return a > b ? a : b; }\n"
    let comparison = try await VerificationBaseline(verifier: verifier()).verify(
      .init(files: [.init(path: "max.c", content: fixed)]), command: "make -s test",
      repository: repo.path)
    #expect(comparison.baseline.status == .failed)
    #expect(comparison.baseline.failingTests == ["max(2, 3) == 3"])
    #expect(comparison.candidate.status == .passed)
    #expect(comparison.candidate.output.contains("ok"))
    #expect(repo.read("check_max") == nil)  // built in the scratch copy, not here
  }

  @Test func ignoredDependencyFoldersAreLinkedOnlyWhenAsked() async throws {
    let repo = try TemporaryRepository(files: [
      ".gitignore": "node_modules/\n",
      "index.test.js": """
      const test = require('node:test');
      const assert = require('node:assert');
      test('uses a dependency', () => { assert.strictEqual(require('dep').answer, 42); });

      """,
    ])
    try repo.write("node_modules/dep/index.js", "exports.answer = 42;\n")
    var verifier = self.verifier()
    let isolated = try await verifier.run("node --test", repository: repo.path)
    #expect(isolated.status == .failed)
    verifier.sharedFolders = ["node_modules", "../etc", ".git"]
    let linked = try await verifier.run("node --test", repository: repo.path)
    #expect(linked.status == .passed)
    #expect(repo.read("node_modules/dep/index.js") == "exports.answer = 42;\n")
  }

  @Test func shellScriptsKeepTheirExecutableBitAndDeletionsApply() async throws {
    let repo = try TemporaryRepository(files: [
      "check.sh": "#!/bin/sh\ntest ! -e obsolete.txt && echo clean\n", "obsolete.txt": "old\n",
    ])
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o755], ofItemAtPath: repo.path + "/check.sh")
    try repo.commitAll("executable")
    let verifier = self.verifier()
    let before = try await verifier.run("./check.sh", repository: repo.path)
    #expect(before.status == .failed)
    #expect(before.output == "")
    let after = try await verifier.run(
      "./check.sh", repository: repo.path,
      candidate: .init(files: [.init(path: "obsolete.txt", content: nil)]))
    #expect(after.status == .passed)
    #expect(after.output == "clean\n")
    #expect(repo.read("obsolete.txt") == "old\n")
  }

  @Test func aHangingCommandIsKilledWithItsWholeProcessGroupAtTheTimeout() async throws {
    let repo = try TemporaryRepository(files: ["README": "x\n"])
    let pidFile = FileManager.default.temporaryDirectory.path + "/assist-pid-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: pidFile) }
    // A background child in the same group, recorded so the test can see it die.
    let command = "sleep 60 & echo $! > \(pidFile); echo started; sleep 60"
    let result = try await verifier(timeout: .seconds(2)).run(command, repository: repo.path)
    #expect(result.status == .timedOut)
    #expect(result.output.contains("started"))
    #expect(result.duration < .seconds(30))
    let pid = try #require(
      Int32(
        String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(
          in: .whitespacesAndNewlines)))
    #expect(await Self.dies(pid))
  }

  @Test func cancellingTheCallerKillsTheRunAndThrows() async throws {
    let repo = try TemporaryRepository(files: ["README": "x\n"])
    let pidFile = FileManager.default.temporaryDirectory.path + "/assist-pid-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: pidFile) }
    let verifier = self.verifier(timeout: .seconds(120))
    let command = "sleep 60 & echo $! > \(pidFile); sleep 60"
    let clock = ContinuousClock()
    let start = clock.now
    let outcome = await withTaskGroup(of: Result<VerificationResult, any Error>.self) { group in
      group.addTask {
        do { return .success(try await verifier.run(command, repository: repo.path)) } catch {
          return .failure(error)
        }
      }
      while !FileManager.default.fileExists(atPath: pidFile) {
        try? await Task.sleep(for: .milliseconds(50))
      }
      group.cancelAll()
      return await group.next()
    }
    #expect(clock.now - start < .seconds(30))
    guard case .failure(let error) = outcome else {
      Issue.record("expected CancellationError, got \(String(describing: outcome))")
      return
    }
    #expect(error is CancellationError)
    let text = try String(contentsOfFile: pidFile, encoding: .utf8)
    let pid = try #require(Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)))
    #expect(await Self.dies(pid))
  }

  @Test func backgroundProcessesDoNotOutliveAFinishedRun() async throws {
    let repo = try TemporaryRepository(files: ["README": "x\n"])
    let pidFile = FileManager.default.temporaryDirectory.path + "/assist-pid-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: pidFile) }
    let command = "sleep 60 >/dev/null 2>&1 & echo $! > \(pidFile); echo done"
    let result = try await verifier().run(command, repository: repo.path)
    #expect(result.status == .passed)
    let pid = try #require(
      Int32(
        String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(
          in: .whitespacesAndNewlines)))
    #expect(await Self.dies(pid))
  }

  /// Whether process `pid` is gone (or a zombie) within a few seconds.
  private static func dies(_ pid: Int32) async -> Bool {
    for _ in 0..<50 {
      guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
      else { return true }
      let state = stat[stat.index(after: close)...].split(separator: " ").first
      if state == "Z" || state == "X" { return true }
      try? await Task.sleep(for: .milliseconds(100))
    }
    return false
  }

  @Test func theUsersWorkingTreeAndIndexAreByteIdenticalAfterVerification() async throws {
    let repo = try pythonRepository()
    try repo.write("textkit.py", Self.textkit + "# local edit, not committed\n")
    try repo.write("notes.txt", "untracked\n")
    try repo.write("staged.py", "staged = True\n")
    try repo.git("add", "staged.py")
    let before = try snapshot(repo)
    let comparison = try await VerificationBaseline(verifier: verifier()).verify(
      .init(
        files: [
          .init(path: "textkit.py", content: Self.fixedTextkit),
          .init(path: "test_textkit.py", content: nil),
          .init(path: "new/dir/file.txt", content: "new\n"),
        ]),
      command: "python3 -m unittest; ls", repository: repo.path)
    #expect(comparison.candidate.status == .passed)
    // The scratch copy held the commit plus the candidate, not the dirty or untracked files.
    #expect(!comparison.candidate.output.contains("notes.txt"))
    #expect(!comparison.candidate.output.contains("staged.py"))
    #expect(comparison.candidate.output.contains("new"))
    #expect(try snapshot(repo) == before)
  }

  @Test func apiKeysNeverReachTheChild() async throws {
    let repo = try TemporaryRepository(files: ["README": "x\n"])
    var environment = ProcessInfo.processInfo.environment
    environment["ANTHROPIC_API_KEY"] = "sk-ant-secret"
    environment["OPENAI_API_KEY"] = "sk-openai-secret"
    environment["GITHUB_TOKEN"] = "ghp-secret"
    environment["MY_SERVICE_SECRET"] = "hush"
    environment["Lowercase_Api_Key"] = "lower"
    environment["ASSIST_VISIBLE"] = "yes"
    environment["GIT_DIR"] = repo.path + "/.git"
    let result = try await verifier(environment: environment).run("env", repository: repo.path)
    #expect(result.status == .passed)
    #expect(result.output.contains("ASSIST_VISIBLE=yes"))
    #expect(!result.output.contains("GIT_DIR="))
    for secret in ["sk-ant-secret", "sk-openai-secret", "ghp-secret", "hush", "lower"] {
      #expect(!result.output.contains(secret))
    }
  }

  @Test func aDiffThatDoesNotApplyCouldNotRun() async throws {
    let repo = try pythonRepository()
    let diff = """
      diff --git a/textkit.py b/textkit.py
      --- a/textkit.py
      +++ b/textkit.py
      @@ -1,2 +1,2 @@
      -def nothing_like_this():
      +def slugify(text):
           return 1

      """
    let result = try await verifier().run(
      "python3 -m unittest", repository: repo.path, candidate: .init(diff: diff))
    #expect(result.status == .couldNotRun)
    #expect(result.output.hasPrefix("the candidate diff does not apply to the base"))
    let verdict = VerificationVerdict.compare(
      baseline: VerificationResult(command: "x", status: .passed), candidate: result)
    #expect(!verdict.mayLand)
  }

  @Test(arguments: ["../escape.txt", "/tmp/absolute.txt", ".git/config", "a/../../b"])
  func pathsThatLeaveTheScratchCopyAreRefused(path: String) async throws {
    let repo = try TemporaryRepository(files: ["README": "x\n"])
    let result = try await verifier().run(
      "true", repository: repo.path, candidate: .init(files: [.init(path: path, content: "x")]))
    #expect(result.status == .couldNotRun)
    #expect(result.output.contains("refusing to write"))
  }

  @Test func aCommittedSymlinkCannotCarryAWriteOutside() async throws {
    let outside =
      FileManager.default.temporaryDirectory.path + "/assist-outside-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: outside) }
    let repo = try TemporaryRepository(files: ["README": "x\n"])
    try FileManager.default.createSymbolicLink(
      atPath: repo.path + "/link", withDestinationPath: outside)
    try repo.commitAll("symlink")
    let result = try await verifier().run(
      "true", repository: repo.path,
      candidate: .init(files: [.init(path: "link/pwned.txt", content: "x")]))
    #expect(result.status == .couldNotRun)
    #expect(!FileManager.default.fileExists(atPath: outside + "/pwned.txt"))
  }

  @Test func aMissingRevisionOrRepositoryCouldNotRun() async throws {
    let repo = try pythonRepository()
    let missing = try await verifier().run("true", repository: repo.path, base: "no-such-branch")
    #expect(missing.status == .couldNotRun)
    let nowhere = try await verifier().run("true", repository: "/nonexistent/assist")
    #expect(nowhere.status == .couldNotRun)
    #expect(nowhere.output.hasPrefix("cannot read the repository"))
  }

  @Test func hugeOutputIsCappedToTheHeadAndTheTail() async throws {
    let repo = try TemporaryRepository(files: ["README": "x\n"])
    var verifier = self.verifier()
    verifier.outputLimit = 4_096
    let result = try await verifier.run(
      "echo first; seq 1 200000; echo last; exit 3", repository: repo.path)
    #expect(result.status == .failed)
    #expect(result.exitCode == 3)
    #expect(result.output.hasPrefix("first\n"))
    #expect(result.output.hasSuffix("last\n"))
    #expect(result.omittedBytes > 1_000_000)
    #expect(result.output.utf8.count < 4_096 + 100)
  }

  /// Every file under the working tree and `.git/index`, byte for byte (objects may be added).
  private func snapshot(_ repo: TemporaryRepository) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let root = URL(fileURLWithPath: repo.path)
    let enumerator = FileManager.default.enumerator(atPath: repo.path)
    while let relative = enumerator?.nextObject() as? String {
      if relative.hasPrefix(".git/") && relative != ".git/index" && relative != ".git/HEAD" {
        continue
      }
      let url = root.appendingPathComponent(relative)
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder),
        !isFolder.boolValue
      {
        files[relative] = try Data(contentsOf: url)
      }
    }
    return files
  }
}
