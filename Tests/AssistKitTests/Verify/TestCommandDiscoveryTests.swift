import AssistKit
import AssistTesting
import Foundation
import Testing

@Suite struct TestCommandDiscoveryTests {
  private func repository(_ files: [String: String]) throws -> TemporaryRepository {
    try TemporaryRepository(files: files)
  }

  @Test func theOrderIsOverrideThenConfigThenTaskTextThenConventions() throws {
    let repo = try repository(["Package.swift": "// swift-tools-version: 6.0\n"])
    let task = "Fix it so that `make check` passes."
    let config = AssistConfig.Verify(command: "./ci.sh")

    let overridden = TestCommandDiscovery.discover(
      in: repo.path, override: "true", config: config, taskText: task)
    #expect(overridden.command?.command == "true")
    #expect(overridden.command?.origin == .override)

    let configured = TestCommandDiscovery.discover(in: repo.path, config: config, taskText: task)
    #expect(configured.command?.command == "./ci.sh")
    #expect(configured.command?.origin == .config)

    let named = TestCommandDiscovery.discover(in: repo.path, taskText: task)
    #expect(named.command?.command == "make check")
    #expect(named.command?.origin == .taskText)

    let conventional = TestCommandDiscovery.discover(in: repo.path, taskText: "Fix the parser.")
    #expect(conventional.command?.command == "swift test")
    #expect(conventional.command?.origin == .convention)
    #expect(conventional.reason == "found Package.swift")
  }

  @Test(arguments: [
    ("so that `python3 -m unittest` passes test_slugify", "python3 -m unittest"),
    ("Fix Cart.total (`npm test` must pass).", "npm test"),
    ("Fix median (`make test` must pass).", "make test"),
    ("so that \"python3 test_x.py\" passes", "python3 test_x.py"),
    ("Run 'go test ./...' afterwards", "go test ./..."),
    ("Make `./run_tests.sh` green", "./run_tests.sh"),
    (
      "Rename `load_settings` in `server.py`; then `pytest -q tests/` must pass", "pytest -q tests/"
    ),
  ])
  func aTestCommandNamedInTheTaskIsFound(text: String, expected: String) throws {
    let repo = try repository(["README": "x\n"])
    #expect(
      TestCommandDiscovery.discover(in: repo.path, taskText: text).command?.command == expected)
  }

  @Test(arguments: [
    "Rename `qty` to `quantity` in `inventory.py`.",
    "Fix `test_slugify_lowercases_and_joins_words`.",
    "Run `python3 app.py` and check the output isn't wrong",
    "Don't touch the user's 'settings' file.",
  ])
  func quotedTextThatIsNotATestCommandIsIgnored(text: String) throws {
    let repo = try repository(["README": "x\n"])
    let outcome = TestCommandDiscovery.discover(in: repo.path, taskText: text)
    #expect(outcome.command == nil)
    #expect(outcome.reason.contains("no verify.command"))
  }

  @Test func pythonTestFilesPickPytestOnlyWhenItIsInstalled() throws {
    let repo = try repository(["app.py": "x = 1\n", "tests/test_app.py": "import app\n"])
    let without = TestCommandDiscovery.discover(in: repo.path, pytestAvailable: false)
    #expect(without.command?.command == "python3 -m unittest")
    #expect(without.reason == "found tests/test_app.py and pytest is not installed")
    let with = TestCommandDiscovery.discover(in: repo.path, pytestAvailable: true)
    #expect(with.command?.command == "python3 -m pytest -q --continue-on-collection-errors")
    #expect(with.reason == "found tests/test_app.py and pytest is installed")
  }

  @Test func testsWrittenForUnittestRunUnderUnittestEvenWithPytestInstalled() throws {
    let repo = try repository(["test_app.py": "import unittest\n", "app.py": "x = 1\n"])
    let outcome = TestCommandDiscovery.discover(in: repo.path, pytestAvailable: true)
    #expect(outcome.command?.command == "python3 -m unittest")
    #expect(outcome.reason == "found test_app.py written for unittest (faster than pytest)")
  }

  @Test func suffixStyleTestFilesGetAUnittestPattern() throws {
    let repo = try repository(["app_test.py": "import unittest\n"])
    let outcome = TestCommandDiscovery.discover(in: repo.path)
    #expect(outcome.command?.command == "python3 -m unittest discover -p '*_test.py'")
  }

  @Test func pytestConfigCountsWithoutTestFiles() throws {
    let repo = try repository(["pyproject.toml": "[tool.pytest.ini_options]\naddopts = \"-q\"\n"])
    let outcome = TestCommandDiscovery.discover(in: repo.path, pytestAvailable: true)
    #expect(outcome.command?.command == "python3 -m pytest -q --continue-on-collection-errors")
    #expect(outcome.reason.hasPrefix("found [tool.pytest] in pyproject.toml"))
  }

  @Test func testFilesInsideDependencyFoldersAreNotEvidence() throws {
    let repo = try repository([
      "node_modules/pkg/test_x.py": "", ".venv/lib/test_y.py": "", "main.c": "int main(){}\n",
    ])
    #expect(TestCommandDiscovery.discover(in: repo.path).command == nil)
  }

  @Test func goModuleCargoAndPackageJSONConventions() throws {
    let go = try repository(["go.mod": "module example.com/x\n"])
    #expect(TestCommandDiscovery.discover(in: go.path).command?.command == "go test ./...")
    let cargo = try repository(["Cargo.toml": "[package]\nname = \"x\"\n"])
    #expect(TestCommandDiscovery.discover(in: cargo.path).command?.command == "cargo test")
    let node = try repository(["package.json": #"{"scripts": {"test": "node --test"}}"#])
    let outcome = TestCommandDiscovery.discover(in: node.path)
    #expect(outcome.command?.command == "npm test")
    #expect(outcome.reason == "found package.json with scripts.test (node --test)")
  }

  @Test func npmsPlaceholderTestScriptAndAMalformedManifestAreNotTests() throws {
    let placeholder = try repository([
      "package.json": #"{"scripts": {"test": "echo \"Error: no test specified\" && exit 1"}}"#
    ])
    #expect(TestCommandDiscovery.discover(in: placeholder.path).command == nil)
    let broken = try repository(["package.json": "{ not json"])
    #expect(TestCommandDiscovery.discover(in: broken.path).command == nil)
  }

  @Test func aMakefileNeedsARealTestTarget() throws {
    let with = try repository(["Makefile": "CFLAGS ?= -O1\n\ntest: bin\n\t./bin\n"])
    let outcome = TestCommandDiscovery.discover(in: with.path)
    #expect(outcome.command?.command == "make test")
    #expect(outcome.reason == "found a test target in Makefile")
    let without = try repository(["Makefile": "all: bin\n\techo test: not a target\nTEST := 1\n"])
    #expect(TestCommandDiscovery.discover(in: without.path).command == nil)
  }

  @Test func anEmptyOverrideOrConfigFallsThrough() throws {
    let repo = try repository(["go.mod": "module x\n"])
    let outcome = TestCommandDiscovery.discover(
      in: repo.path, override: "  ", config: .init(command: ""))
    #expect(outcome.command?.command == "go test ./...")
  }

  @Test func theShippedExamplesAreDiscoveredFromTheirFilesAndTasks() throws {
    let examples = projectRoot + "/examples"
    #expect(
      TestCommandDiscovery.discover(in: examples + "/c-stats/repo").command?.command == "make test")
    #expect(
      TestCommandDiscovery.discover(in: examples + "/js-cart/repo").command?.command == "npm test")
    #expect(
      TestCommandDiscovery.discover(in: examples + "/py-textkit/repo").command?.command
        == "python3 -m unittest")
  }

  @Test func pytestProbeAgreesWithPython() async throws {
    let environment = ProcessInfo.processInfo.environment
    let probed = await ToolProbe.pytestAvailable(environment: environment)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import pytest"]
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(probed == (process.terminationStatus == 0))
    #expect(await ToolProbe.pytestAvailable(environment: ["PATH": "/nonexistent"]) == false)
  }
}
