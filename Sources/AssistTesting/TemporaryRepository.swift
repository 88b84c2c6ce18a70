import Foundation

/// A real git repository in a fresh temporary folder, deleted when the value is released.
///
/// Made with the `git` command line (so tests exercise assist's libgit2 code against repositories
/// git itself wrote), with a local identity so commits work without any global configuration.
/// Use ``git(_:)`` to drive and inspect it the way a user would.
package final class TemporaryRepository: Sendable {
  /// A `git` command that exited non-zero.
  package struct CommandError: Error, CustomStringConvertible {
    /// The arguments after `git`.
    package var arguments: [String]
    /// The exit status.
    package var status: Int32
    /// What it wrote to standard error.
    package var standardError: String

    package var description: String {
      "git \(arguments.joined(separator: " ")) exited \(status): \(standardError)"
    }
  }

  /// The working tree's absolute path (no trailing slash, symlinks resolved).
  package let path: String

  /// Creates a repository on branch `main`, writes `files`, and commits them if any.
  ///
  /// - Parameters:
  ///   - files: Repository-relative paths and their contents.
  ///   - message: The first commit's message.
  /// - Throws: If the folder cannot be created or `git` fails.
  package init(files: [String: String] = [:], message: String = "initial") throws {
    let base = FileManager.default.temporaryDirectory.resolvingSymlinksInPath().path
    let path = base + "/assist-repo-" + UUID().uuidString.prefix(8).lowercased()
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    self.path = path
    try git("init", "-q", "--initial-branch=main")
    try git("config", "user.name", "Assist Tests")
    try git("config", "user.email", "tests@assist.invalid")
    try git("config", "core.autocrlf", "false")
    guard !files.isEmpty else { return }
    for (name, content) in files { try write(name, content) }
    try commitAll(message)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// Writes `content` to `name` (creating folders), without staging it.
  ///
  /// - Parameters:
  ///   - name: A repository-relative path.
  ///   - content: The file's text.
  /// - Throws: If the file cannot be written.
  package func write(_ name: String, _ content: String) throws {
    try write(name, bytes: Array(content.utf8))
  }

  /// Writes raw `bytes` to `name` (creating folders), without staging it.
  ///
  /// - Parameters:
  ///   - name: A repository-relative path.
  ///   - bytes: The file's bytes.
  /// - Throws: If the file cannot be written.
  package func write(_ name: String, bytes: [UInt8]) throws {
    let url = URL(fileURLWithPath: path + "/" + name)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
  }

  /// The text of `name` in the working tree, or `nil` if it does not exist.
  ///
  /// - Parameter name: A repository-relative path.
  /// - Returns: The file's content decoded as UTF-8.
  package func read(_ name: String) -> String? {
    FileManager.default.contents(atPath: path + "/" + name).map {
      String(decoding: $0, as: UTF8.self)
    }
  }

  /// The bytes of `name` in the working tree, or `nil` if it does not exist.
  ///
  /// - Parameter name: A repository-relative path.
  /// - Returns: The file's bytes.
  package func bytes(_ name: String) -> [UInt8]? {
    FileManager.default.contents(atPath: path + "/" + name).map { Array($0) }
  }

  /// Stages everything and commits it.
  ///
  /// - Parameter message: The commit message.
  /// - Returns: The new commit's id.
  /// - Throws: ``CommandError`` if `git` fails.
  @discardableResult
  package func commitAll(_ message: String) throws -> String {
    try git("add", "-A")
    try git("commit", "-q", "--allow-empty", "-m", message)
    return try git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Runs `git` with `arguments` inside the repository.
  ///
  /// - Parameters:
  ///   - arguments: The arguments after `git`.
  ///   - input: Bytes to write to git's standard input.
  /// - Returns: Standard output.
  /// - Throws: ``CommandError`` on a non-zero exit.
  @discardableResult
  package func git(_ arguments: String..., input: String? = nil) throws -> String {
    try run(arguments, input: input)
  }

  /// Runs `git` with an argument array (see ``git(_:input:)``).
  ///
  /// - Parameters:
  ///   - arguments: The arguments after `git`.
  ///   - input: Bytes to write to git's standard input.
  /// - Returns: Standard output.
  /// - Throws: ``CommandError`` on a non-zero exit.
  @discardableResult
  package func run(_ arguments: [String], input: String? = nil) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
    process.arguments = ["-C", path] + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
    environment["GIT_CONFIG_NOSYSTEM"] = "1"
    environment["LC_ALL"] = "C"
    process.environment = environment
    let output = Pipe()
    let errors = Pipe()
    let standardInput = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = standardInput
    try process.run()
    if let input { standardInput.fileHandleForWriting.write(Data(input.utf8)) }
    try standardInput.fileHandleForWriting.close()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw CommandError(
        arguments: arguments, status: process.terminationStatus,
        standardError: String(decoding: err, as: UTF8.self))
    }
    return String(decoding: out, as: UTF8.self)
  }
}
