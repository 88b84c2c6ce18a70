import AssistKit
import Foundation
import Synchronization

/// Prints a run's events as progress lines on standard error; a live token counter on a TTY.
final class ProgressPrinter: Sendable {
  private let live: Bool
  private let quiet: Bool
  private let lastLength = Mutex(0)

  /// Creates a printer; `quiet` prints nothing (for `--json`).
  init(quiet: Bool) {
    self.quiet = quiet
    self.live = isatty(STDERR_FILENO) == 1
  }

  /// Handles one event.
  func handle(_ event: RunEvent) {
    guard !quiet else { return }
    switch event {
    case .planned(let plan):
      line("plan (\(plan.origin.rawValue)): \(plan.subtasks.count) sub-task(s)")
      for s in plan.subtasks {
        let deps = s.dependsOn.isEmpty ? "" : " after \(s.dependsOn.joined(separator: ","))"
        let files = s.files.isEmpty ? "" : " [\(s.files.joined(separator: ", "))]"
        line("  \(s.id) \(s.kind.rawValue)\(deps): \(s.goal)\(files)")
      }
    case .routed(let subtask, let ladder, _):
      line("\(subtask) → \(ladder.joined(separator: " → "))")
    case .notice(let text):
      line("note: \(text)")
    case .attemptStarted(let subtask, let tier, let round, let format):
      let what = round == 0 ? "asking" : "reflection \(round):"
      line("\(subtask) \(what) \(tier)\(format.map { " (\($0))" } ?? "")…")
    case .waitingForSlot(let subtask, let tier, let slots):
      line("\(subtask) waits for \(tier): \(slots) with other work")
    case .progress(let subtask, let tier, let tokens, let rate):
      guard live else { return }
      let text =
        "  \(subtask) \(tier): \(tokens) tokens"
        + (rate.map { String(format: ", %.1f tok/s", $0) } ?? "")
      lastLength.withLock { last in
        FileHandle.standardError.write(
          Data(
            ("\r" + text.padding(toLength: max(last, text.count), withPad: " ", startingAt: 0)).utf8
          ))
        last = text.count
      }
    case .attemptFinished(let subtask, let tier, _, let outcome, let accepted):
      line("\(accepted ? "✓" : "✗") \(subtask) \(tier): \(outcome)")
    case .exchange:
      break
    case .escalated(let subtask, let from, let to, _):
      line("↑ \(subtask) escalates \(from) → \(to)")
    case .subtaskFinished(let subtask, let status):
      line("\(subtask) \(status)")
    }
  }

  private func line(_ text: String) {
    lastLength.withLock { last in
      let clear = live && last > 0 ? "\r" + String(repeating: " ", count: last) + "\r" : ""
      FileHandle.standardError.write(Data((clear + text + "\n").utf8))
      last = 0
    }
  }
}
