internal import Foundation

/// Runs a test command on a scratch copy of a base commit with a candidate applied.
///
/// The user's working tree is never touched: the base commit's files come out of the object store
/// into a temporary folder (``ScratchCopy``), the candidate is written there, the command runs
/// there by `/bin/sh -c` in a process group of its own, and the folder is deleted afterwards.
/// Dirty and untracked files in the working tree are therefore not part of the run either.
package struct Verifier: Sendable {
  /// How long a command may run before its process group is killed.
  package var timeout: Duration
  /// Bytes of output kept per run (a quarter from the head, the rest from the tail).
  package var outputLimit: Int
  /// The child's environment: the caller's minus secrets (``ChildEnvironment``).
  package private(set) var environment: [String: String]
  /// The folder scratch copies are made in.
  package var scratchParent: String
  /// Top-level working-tree folders the commit does not hold but tests need (`node_modules`,
  /// `.venv`), symlinked into each scratch copy when present. Empty by default: a test run that
  /// writes into a linked folder writes into the user's copy of it.
  package var sharedFolders: [String] = []

  /// Creates a verifier.
  ///
  /// - Parameters:
  ///   - environment: The process environment (``Environment/variables``); secrets are removed here.
  ///   - timeout: The time limit per run.
  ///   - outputLimit: Bytes of output kept per run.
  ///   - scratchParent: Where scratch copies go; the system temporary directory by default.
  package init(
    environment: [String: String], timeout: Duration = .seconds(300), outputLimit: Int = 64 * 1024,
    scratchParent: String? = nil
  ) {
    self.environment = ChildEnvironment.trimmed(environment)
    self.timeout = timeout
    self.outputLimit = outputLimit
    self.scratchParent =
      scratchParent ?? FileManager.default.temporaryDirectory.resolvingSymlinksInPath().path
  }

  /// Creates a verifier with the config's timeout.
  ///
  /// - Parameters:
  ///   - config: The merged config's verification settings.
  ///   - environment: The process environment; secrets are removed.
  package init(config: AssistConfig.Verify, environment: [String: String]) {
    self.init(environment: environment, timeout: .seconds(config.timeoutSeconds))
  }

  /// Resolves a revision (`HEAD`, a branch, an id) to the full commit id verification runs on.
  ///
  /// - Parameters:
  ///   - revision: Anything `git rev-parse` accepts for a commit.
  ///   - repository: A folder inside the repository.
  /// - Returns: 40 hex digits.
  /// - Throws: ``VerificationError/repository(_:)``.
  package static func resolve(_ revision: String, in repository: String) throws -> String {
    try ScratchCopy.resolve(revision, in: repository)
  }

  /// Runs `command` on `base` with `candidate` applied.
  ///
  /// - Parameters:
  ///   - command: The test command (from ``TestCommandDiscovery``).
  ///   - repository: A folder inside the repository.
  ///   - base: The base revision; `HEAD` by default.
  ///   - candidate: The change to test; ``VerificationCandidate/unchanged`` runs the baseline.
  /// - Returns: The result. A scratch copy that cannot be made (bad revision, a diff that does not
  ///   apply, an unsafe path) is ``VerificationResult/Status/couldNotRun`` with the reason as output.
  /// - Throws: `CancellationError` only.
  package func run(
    _ command: String, repository: String, base: String = "HEAD",
    candidate: VerificationCandidate = .unchanged
  ) async throws -> VerificationResult {
    let copy: ScratchCopy
    do {
      let commit = try ScratchCopy.resolve(base, in: repository)
      copy = try ScratchCopy.make(
        repository: repository, commit: commit, candidate: candidate, parent: scratchParent,
        sharedFolders: sharedFolders)
    } catch {
      return VerificationResult(command: command, status: .couldNotRun, output: error.description)
    }
    defer { copy.remove() }
    let runner = CommandRunner(timeout: timeout, outputLimit: outputLimit, environment: environment)
    var result = try await runner.run(command, in: copy.path)
    // Paths in tracebacks point into the scratch copy; show them relative to the repository.
    let prefix = copy.path + "/"
    result.output = result.output.replacingOccurrences(of: prefix, with: "")
    result.failingTests = result.failingTests.map { $0.replacingOccurrences(of: prefix, with: "") }
    return result
  }
}
