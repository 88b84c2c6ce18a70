internal import Subprocess

/// Quick facts about the tools on this machine that test-command discovery depends on.
package enum ToolProbe {
  /// Whether `python3 -m pytest` would work: `python3` runs and can import pytest.
  ///
  /// Runs `python3 -c "import pytest"` once (about 100 ms); call it once per run, not per check.
  /// - Parameter environment: The variables the tests will run with (their `PATH` finds python3).
  /// - Returns: `true` if the import succeeded.
  package static func pytestAvailable(environment: [String: String]) async -> Bool {
    let result = try? await Subprocess.run(
      .name("python3"), arguments: ["-c", "import pytest"],
      environment: .custom(ChildEnvironment.keys(ChildEnvironment.trimmed(environment))),
      output: .discarded, error: .discarded)
    return result?.terminationStatus.isSuccess == true
  }
}
