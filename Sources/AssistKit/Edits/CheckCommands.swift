internal import Foundation
internal import Subprocess
internal import SystemPackage

/// The optional per-language check of the gate (`py: python3 -m py_compile {file}`), run by
/// `/bin/sh` in a scratch folder holding the changed files and their base siblings, never in the
/// user's working tree.
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
  /// How long one command may run before it is killed.
  package var timeout: Duration

  /// Creates the checks.
  package init(commands: [String: String], timeout: Duration = .seconds(60)) {
    self.commands = commands
    self.timeout = timeout
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
  /// - Returns: One failure per command that failed, timed out, or could not run.
  package func run(changed: [File], support: [File]) async -> [GateFailure] {
    let checks = changed.compactMap { file in command(for: file.path).map { (file.path, $0) } }
    guard !checks.isEmpty else { return [] }
    let scratch = FileManager.default.temporaryDirectory.path + "/assist-check-" + UUID().uuidString
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
    for (path, command) in checks {
      if let problem = await run(command, in: scratch) {
        let detail = problem.replacingOccurrences(of: scratch + "/", with: "")
        failures.append(GateFailure(kind: .checkCommand, path: path, detail: detail))
      }
    }
    return failures
  }

  /// Runs one command; returns its trimmed output when it fails, `nil` when it succeeds.
  private func run(_ command: String, in directory: String) async -> String? {
    let timeout = self.timeout
    do {
      return try await withThrowingTaskGroup(of: String?.self) { group in
        group.addTask {
          let result = try await Subprocess.run(
            .path(FilePath("/bin/sh")), arguments: ["-c", command + " 2>&1"],
            workingDirectory: FilePath(directory), output: .string(limit: 1 << 20),
            error: .discarded)
          if result.terminationStatus.isSuccess { return nil }
          let output = String(result.standardOutput.suffix(2000)).trimmingCharacters(
            in: .whitespacesAndNewlines)
          return "`\(command)` failed (\(result.terminationStatus)):\n\(output)"
        }
        group.addTask {
          try await Task.sleep(for: timeout)
          return "`\(command)` did not finish within \(timeout) and was stopped"
        }
        let first = try await group.next() ?? nil
        group.cancelAll()
        return first
      }
    } catch {
      return "`\(command)` could not run: \(error)"
    }
  }
}
