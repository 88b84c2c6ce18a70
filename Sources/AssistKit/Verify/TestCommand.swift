/// A command that runs the repository's tests, and why it was chosen.
package struct TestCommand: Sendable, Equatable, Codable {
  /// Where the command came from, in the order discovery tries them.
  package enum Origin: String, Sendable, Equatable, Codable {
    /// `--verify-cmd` for this run.
    case override
    /// The config's `verify.command`.
    case config
    /// A command the task text names (`` `npm test` must pass``).
    case taskText
    /// A convention of the repository's build system (`Package.swift` → `swift test`).
    case convention
  }

  /// The command, run by `/bin/sh -c` at the root of a scratch copy.
  package var command: String
  /// Where it came from.
  package var origin: Origin
  /// Why it was chosen, for `assist doctor`, `assist plan` and the proposal.
  package var reason: String

  /// Creates a test command.
  package init(command: String, origin: Origin, reason: String) {
    self.command = command
    self.origin = origin
    self.reason = reason
  }
}
