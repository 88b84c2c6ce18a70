import AssistKit
import AssistTesting
import Foundation
import Testing

/// The gate's per-language checks run bounded like the test commands: no API keys in their
/// environment, and nothing left running once they end or time out.
@Suite struct CheckCommandsTests {
  private let changed = [CheckCommands.File(path: "a.py", content: "x = 1\n")]

  @Test func aCheckCommandDoesNotSeeTheParentsAPIKeys() async throws {
    var parent = ProcessInfo.processInfo.environment
    parent["ANTHROPIC_API_KEY"] = "sk-ant-secret"
    parent["ASSIST_VISIBLE"] = "yes"
    // The output only comes back when the check fails.
    let checks = CheckCommands(
      commands: ["py": #"echo "key=[$ANTHROPIC_API_KEY] visible=[$ASSIST_VISIBLE]"; exit 1"#],
      environment: parent)
    let failures = await checks.run(changed: changed, support: [])
    #expect(failures.count == 1)
    let detail = try #require(failures.first?.detail)
    #expect(detail.contains("key=[] visible=[yes]"), "\(detail)")
    #expect(!detail.contains("sk-ant-secret"))
    #expect(detail.contains("failed (exited(1))"))
    // Without an explicit environment, this process's is used, minus the same secrets.
    let inherited = CheckCommands(commands: [:]).environment
    #expect(!inherited.keys.contains(where: ChildEnvironment.isSecret))
  }

  /// A background `sleep 100` that writes its pid: once the check ends (timed out while waiting
  /// for it, or failed and left it behind) the process is gone.
  @Test(arguments: [
    ("wait", "did not finish within"), ("exit 1", "failed (exited(1))"),
  ])
  func aCheckCommandLeavesNoProcessBehind(ending: String, expected: String) async throws {
    let folder = FileManager.default.temporaryDirectory.path + "/assist-check-pid-\(UUID())"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let pidFile = folder + "/pid"
    let checks = CheckCommands(
      commands: ["py": "sleep 100 & echo $! > '\(pidFile)'; \(ending)"],
      // Short where the check must time out; ample where it must end by itself (a run past its
      // limit is a timeout, and a loaded machine can take 500 ms to start a shell).
      timeout: ending == "wait" ? .milliseconds(500) : .seconds(30))
    let clock = ContinuousClock()
    let start = clock.now
    let failures = await checks.run(changed: changed, support: [])
    // Not a speed bound: it only tells "returned" from "waited for the 100-second sleep", with
    // room for a loaded 2-core machine running the whole suite at once (21–24 s seen there).
    #expect(clock.now - start < .seconds(90))
    #expect(failures.count == 1)
    #expect(failures.first?.detail.contains(expected) == true, "\(failures)")
    let text = try String(contentsOfFile: pidFile, encoding: .utf8)
    let pid = try #require(pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)))
    // SIGKILL is asynchronous: give the process a moment to die.
    for _ in 0..<100 where Self.isRunning(pid) {
      try await Task.sleep(for: .milliseconds(20))
    }
    #expect(!Self.isRunning(pid), "sleep (pid \(pid)) outlived its check")
  }

  /// Whether `pid` is a live process: `kill -0` reaches it and it is not a zombie waiting to be
  /// reaped (this container's init may never reap orphans).
  private static func isRunning(_ pid: pid_t) -> Bool {
    guard kill(pid, 0) == 0 else { return false }
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let close = stat.lastIndex(of: ")")
    else { return true }
    let state = stat[stat.index(after: close)...].split(separator: " ").first
    return state != "Z" && state != "X"
  }
}
