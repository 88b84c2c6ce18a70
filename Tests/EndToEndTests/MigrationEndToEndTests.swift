import AssistTesting
import Foundation
import Testing

/// Multi-file changes through the built binary on a small real package (five modules and their
/// tests): a rename the tools finish alone with no model call, and, with the real local models
/// (ASSIST_E2E), a three-file rename, a parameter threaded through its callers and a new
/// exception raised by three modules' size checks.
@Suite(.serialized)  // the models share two cores; parallel runs would only slow each other
struct MigrationEndToEndTests {
  static let binary = TaskEndToEndTests.binary
  static let built = FileManager.default.isExecutableFile(atPath: binary)
  /// The real-model migrations run with the other end-to-end tests (on a quiet 2-core machine:
  /// rename 13-16 s, threaded parameter 4-5 s, exception 8-9 s; three runs of three passed);
  /// ASSIST_E2E_MIGRATION=0 skips them.
  static let models =
    TaskEndToEndTests.enabled && TaskEndToEndTests.medium != nil
    && ProcessInfo.processInfo.environment["ASSIST_E2E_MIGRATION"] != "0"

  static let package: [String: String] = [
    "sizes/__init__.py":
      "from .core import chunked, first\nfrom .extra import windowed\n\n__all__ = [\"chunked\", \"first\", \"windowed\"]\n",
    "sizes/core.py":
      "def chunked(items, size):\n    \"\"\"Split items into lists of at most size items.\"\"\"\n    return [items[i : i + size] for i in range(0, len(items), size)]\n\n\ndef first(items):\n    return items[0]\n",
    "sizes/extra.py":
      "from .core import chunked\n\n\ndef windowed(items, size):\n    return [c for c in chunked(items, size) if len(c) == size]\n",
    "sizes/report.py":
      "from sizes import core\n\n\ndef pages(lines):\n    return core.chunked(lines, 10)\n",
    "tests/__init__.py": "",
    "tests/test_sizes.py":
      "import unittest\n\nfrom sizes import chunked, windowed\nfrom sizes.report import pages\n\n\nclass SizesTests(unittest.TestCase):\n    def test_chunked(self):\n        self.assertEqual(chunked([1, 2, 3], 2), [[1, 2], [3]])\n\n    def test_windowed(self):\n        self.assertEqual(windowed([1, 2, 3], 2), [[1, 2]])\n\n    def test_pages(self):\n        self.assertEqual(len(pages(list(range(25)))), 3)\n\n\nif __name__ == \"__main__\":\n    unittest.main()\n",
  ]

  /// The package in a temp repository, with assist's state and config isolated and tiers at
  /// `small` and `medium`.
  struct Sandbox {
    let repo: TemporaryRepository
    let home: String

    init(
      small: String, medium: String?, files: [String: String] = MigrationEndToEndTests.package
    ) throws {
      repo = try TemporaryRepository(files: files)
      home = FileManager.default.temporaryDirectory.appendingPathComponent("mig-\(UUID())").path
      try FileManager.default.createDirectory(
        atPath: home + "/config/assist", withIntermediateDirectories: true)
      var yaml = "tiers:\n  - name: local-small\n    endpoints: [\(small)]\n"
      if let medium { yaml += "  - name: local-medium\n    endpoints: [\(medium)]\n" }
      yaml += "verify:\n  command: python3 -m unittest -q\n  timeout_seconds: 120\n"
      try yaml.write(toFile: home + "/config/assist/config.yaml", atomically: true, encoding: .utf8)
    }

    func assist(_ arguments: [String]) async throws -> (
      status: Int32, report: [String: Any], err: String
    ) {
      var environment = ProcessInfo.processInfo.environment
      environment["XDG_STATE_HOME"] = home + "/state"
      environment["XDG_CONFIG_HOME"] = home + "/config"
      environment["ASSIST_HOME"] = projectRoot
      let result = try await ChildProcess.run(
        MigrationEndToEndTests.binary, arguments, in: repo.path, environment: environment)
      let report =
        (try? JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]) ?? [:]
      return (result.status, report, result.error)
    }

    func sh(_ command: String) async throws -> Int32 {
      try await ChildProcess.run("/bin/sh", ["-c", command], in: repo.path).status
    }
  }

  @Test(.enabled(if: built)) func aMechanicalRenameLandsWithNoModelCall() async throws {
    // A server that would record any call: the tool must not need it.
    let server = try ScriptedModelServer(replies: ["unused"])
    let sandbox = try Sandbox(small: server.url, medium: nil)
    let (status, report, err) = try await sandbox.assist([
      "task", "Rename the function `chunked` to `batched_list` everywhere.", "--local-only",
      "--apply", "--json",
    ])
    #expect(status == 0, "stderr: \(err.suffix(2000))")
    #expect(report["modelCalls"] as? Int == 0)
    #expect(server.requests.isEmpty)
    let run = try #require(report["run"] as? [String: Any])
    #expect(run["status"] as? String == "applied", "\(run)")
    let notices = report["notices"] as? [String] ?? []
    #expect(
      notices.contains { $0.contains("done by tool: ") && $0.contains("no model") }, "\(notices)")
    #expect(try await sandbox.sh("! grep -rnw chunked --include=*.py .") == 0)
    #expect(try await sandbox.sh("python3 -m unittest -q 2>/dev/null") == 0)
  }

  @Test(.enabled(if: models)) func theLocalModelsRenameAFunctionAcrossThreeFiles() async throws {
    let sandbox = try Sandbox(
      small: TaskEndToEndTests.small ?? "", medium: TaskEndToEndTests.medium)
    // Not a pattern the tools read: the planner (a real model) states the intent.
    let (status, report, err) = try await sandbox.assist([
      "task",
      "Our naming guide says split helpers end in _list: the function chunked in sizes/core.py must be called batched_list, and every module and test that uses it must follow.",
      "--local-only", "--apply", "--json",
    ])
    #expect(status == 0, "stderr: \(err.suffix(2000))")
    let run = try #require(report["run"] as? [String: Any])
    #expect(run["status"] as? String == "applied", "\(run)\nplan: \(report["plan"] ?? "none")")
    #expect(try await sandbox.sh("! grep -rnw chunked --include=*.py .") == 0)
    #expect(try await sandbox.sh("grep -q 'def batched_list' sizes/core.py") == 0)
    #expect(try await sandbox.sh("python3 -m unittest -q 2>/dev/null") == 0)
  }

  @Test(.enabled(if: models)) func theLocalModelsThreadAParameterThroughItsCallers() async throws {
    let sandbox = try Sandbox(
      small: TaskEndToEndTests.small ?? "", medium: TaskEndToEndTests.medium)
    let (status, report, err) = try await sandbox.assist([
      "task",
      "Add a keyword-only parameter strict=False to chunked in sizes/core.py (when strict is true and the last chunk is short, raise ValueError), and give windowed in sizes/extra.py and pages in sizes/report.py the same keyword-only strict=False, passed on to chunked.",
      "--local-only", "--apply", "--json",
    ])
    #expect(status == 0, "stderr: \(err.suffix(2000))")
    let run = try #require(report["run"] as? [String: Any])
    #expect(run["status"] as? String == "applied", "\(run)\nplan: \(report["plan"] ?? "none")")
    let check = """
      python3 -c "
      import inspect, sizes, sizes.report as r
      for f in (sizes.chunked, sizes.windowed, r.pages):
          p = inspect.signature(f).parameters['strict']
          assert p.kind == p.KEYWORD_ONLY and p.default is False, f
      assert sizes.chunked([1, 2, 3], 2) == [[1, 2], [3]]
      try:
          sizes.chunked([1, 2, 3], 2, strict=True)
          raise SystemExit(1)
      except ValueError:
          pass
      "
      """
    #expect(try await sandbox.sh(check) == 0)
    #expect(try await sandbox.sh("python3 -m unittest -q 2>/dev/null") == 0)
  }

  /// The package with a size check in each of three modules, and one check that is not about a
  /// size (`first` of nothing), which the change must leave alone.
  static let checkedPackage: [String: String] = {
    var files = package
    files["sizes/core.py"] =
      "def chunked(items, size):\n    if size < 1:\n        raise ValueError(\"size must be at least 1\")\n"
      + "    return [items[i : i + size] for i in range(0, len(items), size)]\n\n\n"
      + "def first(items):\n    if not items:\n        raise ValueError(\"no items\")\n    return items[0]\n"
    files["sizes/extra.py"] =
      "from .core import chunked\n\n\ndef windowed(items, size):\n    if size < 1:\n"
      + "        raise ValueError(\"size must be at least 1\")\n"
      + "    return [c for c in chunked(items, size) if len(c) == size]\n"
    files["sizes/report.py"] =
      "from sizes import core\n\n\ndef pages(lines, per_page=10):\n    if per_page <= 0:\n"
      + "        raise ValueError(\"per_page must be positive\")\n    return core.chunked(lines, per_page)\n"
    return files
  }()

  @Test(.enabled(if: models)) func theLocalModelsRaiseANewExceptionInEachSizeCheck() async throws {
    let sandbox = try Sandbox(
      small: TaskEndToEndTests.small ?? "", medium: TaskEndToEndTests.medium,
      files: Self.checkedPackage)
    let (status, report, err) = try await sandbox.assist([
      "task",
      "Introduce InvalidSizeError(ValueError) in a new module sizes/errors.py and raise it instead of ValueError in every size check: chunked, windowed and pages.",
      "--local-only", "--apply", "--json",
    ])
    #expect(status == 0, "stderr: \(err.suffix(2000))")
    let run = try #require(report["run"] as? [String: Any])
    #expect(run["status"] as? String == "applied", "\(run)\nplan: \(report["plan"] ?? "none")")
    let notices = report["notices"] as? [String] ?? []
    #expect(notices.contains { $0.contains("created sizes/errors.py, no model") }, "\(notices)")
    let check = """
      python3 -c "
      import sizes, sizes.report as r
      from sizes.errors import InvalidSizeError
      assert issubclass(InvalidSizeError, ValueError)
      for call in (lambda: sizes.chunked([1], 0), lambda: sizes.windowed([1], 0), lambda: r.pages([], 0)):
          try:
              call()
              raise SystemExit(1)
          except InvalidSizeError:
              pass
      "
      """
    #expect(try await sandbox.sh(check) == 0)
    #expect(try await sandbox.sh("python3 -m unittest -q 2>/dev/null") == 0)
  }
}
