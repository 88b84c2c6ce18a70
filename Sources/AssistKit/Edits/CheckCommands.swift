internal import Foundation

/// The optional per-language check of the gate (`py: python3 -m py_compile {file}`), run by
/// `/bin/sh` in a scratch folder holding the changed files and their base siblings, never in the
/// user's working tree.
///
/// Commands run through ``CommandRunner`` like the test commands do: without API keys in their
/// environment, and in a process group of their own that is killed whole on timeout.
package struct CheckCommands: Sendable {
  /// A file to put in the scratch folder.
  package struct File: Sendable, Equatable {
    package var path: String
    package var content: String

    /// Creates a file.
    package init(path: String, content: String) {
      self.path = path
      self.content = content
    }
  }

  /// Commands by file extension (without the dot); `{file}` is replaced by the quoted path.
  package var commands: [String: String]
  /// How long one command may run before its process group is killed.
  package var timeout: Duration
  /// The commands' environment: the caller's minus secrets (``ChildEnvironment``).
  package private(set) var environment: [String: String]

  /// Creates the checks.
  /// - Parameters:
  ///   - commands: Commands by file extension.
  ///   - timeout: How long one command may run.
  ///   - environment: The process environment (``Environment/variables``); secrets are removed
  ///     here. `nil` takes this process's environment, still without secrets.
  package init(
    commands: [String: String], timeout: Duration = .seconds(60),
    environment: [String: String]? = nil
  ) {
    self.commands = commands
    self.timeout = timeout
    self.environment = ChildEnvironment.trimmed(
      environment ?? ProcessInfo.processInfo.environment)
  }

  /// The command for `path`, with `{file}` filled in, or `nil` if its extension has none.
  package func command(for path: String) -> String? {
    guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/"),
      let template = commands[String(path[path.index(after: dot)...])]
    else { return nil }
    let quoted = "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    return template.replacingOccurrences(of: "{file}", with: quoted)
  }

  /// Runs the command of every changed file that has one, in a fresh scratch folder.
  ///
  /// - Parameters:
  ///   - changed: The changed files' new contents (their commands run).
  ///   - support: Base files the checks may need (written first; not checked).
  /// - Returns: One failure per command that failed, timed out, or could not run; if the task is
  ///   cancelled, the command it stopped is a failure and the rest do not run.
  package func run(changed: [File], support: [File]) async -> [GateFailure] {
    let checks = changed.compactMap { file in command(for: file.path).map { (file.path, $0) } }
    guard !checks.isEmpty else { return [] }
    let scratch =
      FileManager.default.temporaryDirectory.path + "/" + ScratchFolder.name(kind: "check")
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    do {
      for file in support + changed {
        let target = scratch + "/" + file.path
        try FileManager.default.createDirectory(
          atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(file.content.utf8).write(to: URL(fileURLWithPath: target))
      }
    } catch {
      return [
        GateFailure(
          kind: .checkCommand, path: nil, detail: "cannot prepare the scratch copy: \(error)")
      ]
    }
    var failures: [GateFailure] = []
    let runner = CommandRunner(timeout: timeout, outputLimit: 16_384, environment: environment)
    for (path, command) in checks {
      let problem: String?
      do {
        problem = self.problem(with: try await runner.run(command, in: scratch))
      } catch {
        // Cancelled: the runner killed the group; report it and run nothing more.
        failures.append(
          GateFailure(kind: .checkCommand, path: path, detail: "`\(command)` was cancelled"))
        break
      }
      if let problem {
        let detail = problem.replacingOccurrences(of: scratch + "/", with: "")
        failures.append(GateFailure(kind: .checkCommand, path: path, detail: detail))
      }
    }
    return failures
  }

  /// What went wrong with one command, with the tail of its output; `nil` when it passed.
  private func problem(with result: VerificationResult) -> String? {
    let command = result.command
    switch result.status {
    case .passed:
      return nil
    case .failed:
      let output = String(result.output.suffix(2000)).trimmingCharacters(
        in: .whitespacesAndNewlines)
      let code = result.exitCode ?? 0
      let status = code < 0 ? "signaled(\(-code))" : "exited(\(code))"
      return "`\(command)` failed (\(status)):\n\(output)"
    case .timedOut:
      return "`\(command)` did not finish within \(timeout) and was stopped"
    case .couldNotRun:
      return "`\(command)` could not run: \(result.output)"
    }
  }
}
