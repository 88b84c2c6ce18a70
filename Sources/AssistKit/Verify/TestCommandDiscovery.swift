internal import Foundation

/// Finds the command that runs a repository's tests, without running anything.
///
/// The order is: the one-run override (`--verify-cmd`), the config's `verify.command`, a command
/// the task text names, then conventions (``conventions(in:pytestAvailable:)``). Everything it
/// reads is the repository's files and the strings it is given, so it is deterministic and fast.
package enum TestCommandDiscovery {
  /// What discovery found: a command, or none and why.
  package struct Outcome: Sendable, Equatable, Codable {
    /// The command, or `nil` when verification must be skipped.
    package var command: TestCommand?
    /// Why this command (or why none), in one line.
    package var reason: String

    /// Creates an outcome.
    package init(command: TestCommand?, reason: String) {
      self.command = command
      self.reason = reason
    }
  }

  /// Discovers the test command for `repository`.
  ///
  /// - Parameters:
  ///   - repository: The working tree's root.
  ///   - override: `--verify-cmd` for this run, if given.
  ///   - config: The merged config's verification settings.
  ///   - taskText: The task the user gave, searched for a named test command.
  ///   - pytestAvailable: Whether `python3 -m pytest` works here (see ``ToolProbe``).
  /// - Returns: The command and the reason, or no command and the reason.
  package static func discover(
    in repository: String, override: String? = nil, config: AssistConfig.Verify = .init(),
    taskText: String? = nil, pytestAvailable: Bool = false
  ) -> Outcome {
    if let override = nonEmpty(override) {
      return found(override, .override, "given with --verify-cmd")
    }
    if let configured = nonEmpty(config.command) {
      return found(configured, .config, "verify.command in the config")
    }
    if let taskText, let named = TaskTextCommand.first(in: taskText) {
      return found(named, .taskText, "the task text names it")
    }
    if let convention = conventions(in: repository, pytestAvailable: pytestAvailable) {
      return Outcome(command: convention, reason: convention.reason)
    }
    return Outcome(
      command: nil,
      reason: "no verify.command in the config, none named in the task, and no Package.swift, "
        + "Python tests, go.mod, package.json test script, Cargo.toml or Makefile test target")
  }

  /// The command a repository's layout implies, or `nil` if none does.
  ///
  /// - Parameters:
  ///   - repository: The working tree's root.
  ///   - pytestAvailable: Whether pytest is importable by `python3`.
  /// - Returns: The conventional command with its reason.
  package static func conventions(in repository: String, pytestAvailable: Bool) -> TestCommand? {
    let root = RepositoryFiles(root: repository)
    func convention(_ command: String, _ reason: String) -> TestCommand {
      TestCommand(command: command, origin: .convention, reason: reason)
    }
    if root.exists("Package.swift") {
      return convention("swift test", "found Package.swift")
    }
    if let python = pythonTests(root, pytestAvailable: pytestAvailable) {
      return convention(python.command, python.reason)
    }
    if root.exists("go.mod") {
      return convention("go test ./...", "found go.mod")
    }
    if let script = packageTestScript(root) {
      return convention("npm test", "found package.json with scripts.test (\(script))")
    }
    if root.exists("Cargo.toml") {
      return convention("cargo test", "found Cargo.toml")
    }
    for name in ["Makefile", "makefile", "GNUmakefile"] where hasTestTarget(root.text(name)) {
      return convention("make test", "found a test target in \(name)")
    }
    return nil
  }

  private static func found(_ command: String, _ origin: TestCommand.Origin, _ reason: String)
    -> Outcome
  {
    Outcome(command: TestCommand(command: command, origin: origin, reason: reason), reason: reason)
  }

  private static func nonEmpty(_ text: String?) -> String? {
    guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
      return nil
    }
    return text
  }

  private static func pythonTests(_ root: RepositoryFiles, pytestAvailable: Bool) -> (
    command: String, reason: String
  )? {
    let config = pytestConfig(root)
    let files = root.files(depth: 3).filter { path in
      let name = path.split(separator: "/").last.map(String.init) ?? path
      return name.hasSuffix(".py") && (name.hasPrefix("test_") || name.hasSuffix("_test.py"))
    }
    guard config != nil || !files.isEmpty else { return nil }
    let evidence = config.map { "found \($0)" } ?? "found \(describe(files))"
    // unittest only discovers test*.py by default.
    let suffixOnly =
      !files.isEmpty
      && files.allSatisfy { !($0.split(separator: "/").last ?? "").hasPrefix("test") }
    let unittest =
      suffixOnly ? "python3 -m unittest discover -p '*_test.py'" : "python3 -m unittest"
    guard pytestAvailable else { return (unittest, evidence + " and pytest is not installed") }
    // Tests written for unittest run under it several times faster than under pytest.
    if config == nil, files.allSatisfy({ root.text($0)?.contains("import unittest") == true }) {
      return (unittest, evidence + " written for unittest (faster than pytest)")
    }
    return (
      "python3 -m pytest -q \(TestRunner.pytestKeepGoing)", evidence + " and pytest is installed"
    )
  }

  private static func pytestConfig(_ root: RepositoryFiles) -> String? {
    if root.exists("pytest.ini") { return "pytest.ini" }
    if root.exists("conftest.py") { return "conftest.py" }
    let sections = [
      ("pyproject.toml", "[tool.pytest"), ("setup.cfg", "[tool:pytest]"), ("tox.ini", "[pytest]"),
    ]
    for (file, section) in sections where root.text(file)?.contains(section) == true {
      return "\(section)\(section.hasSuffix("]") ? "" : "]") in \(file)"
    }
    return nil
  }

  private static func describe(_ files: [String]) -> String {
    let shown = files.prefix(2).joined(separator: ", ")
    return files.count > 2 ? "\(shown) and \(files.count - 2) more test files" : shown
  }

  private static func packageTestScript(_ root: RepositoryFiles) -> String? {
    struct Manifest: Decodable { var scripts: [String: String]? }
    guard let data = root.data("package.json"),
      let manifest = try? JSONDecoder().decode(Manifest.self, from: data),
      let test = manifest.scripts?["test"]
    else { return nil }
    // npm init's placeholder fails on purpose; it is not a test suite.
    guard !test.contains("no test specified") else { return nil }
    return test
  }

  private static func hasTestTarget(_ makefile: String?) -> Bool {
    guard let makefile else { return false }
    return makefile.split(separator: "\n").contains { line in
      guard let colon = line.firstIndex(of: ":"), !line.hasPrefix("\t") else { return false }
      let targets = line[..<colon].split(separator: " ")
      return targets.contains("test") && !line[colon...].hasPrefix(":=")
    }
  }
}
