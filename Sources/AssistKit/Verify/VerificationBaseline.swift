/// Runs each (repository, base commit, command) baseline once per run and remembers the result.
///
/// A test that already failed on the base commit is not the candidate's fault; comparing against
/// this baseline is how ``VerificationVerdict`` tells the two apart. Concurrent requests for the
/// same baseline wait for the one run in flight.
package actor VerificationBaseline {
  private struct Key: Hashable {
    var repository: String
    var commit: String
    var command: String
  }

  private enum Entry {
    case running([CheckedContinuation<VerificationResult, any Error>])
    case done(VerificationResult)
  }

  /// The verifier every run goes through.
  package let verifier: Verifier
  /// A candidate's limit when the baseline of its command timed out.
  package var hungBaselineCandidateLimit: Duration = .seconds(30)
  private var entries: [Key: Entry] = [:]
  /// How many baseline runs actually happened (cache misses), for the trace and tests.
  package private(set) var runs = 0
  /// The commands candidates were run with, in order: the record of what verification ran.
  package private(set) var candidateCommands: [String] = []

  /// Creates an empty cache over `verifier`.
  package init(verifier: Verifier, hungBaselineCandidateLimit: Duration = .seconds(30)) {
    self.verifier = verifier
    self.hungBaselineCandidateLimit = hungBaselineCandidateLimit
  }

  /// The baseline result for `command` on `base`, run at most once.
  ///
  /// - Parameters:
  ///   - command: The test command.
  ///   - repository: A folder inside the repository.
  ///   - base: The base revision (resolved to a commit id for the cache key).
  ///   - timeout: This command's time limit; the verifier's when `nil`.
  /// - Returns: The base commit's result; ``VerificationResult/Status/couldNotRun`` if the base
  ///   cannot be resolved.
  /// - Throws: `CancellationError` only (a cancelled run is not cached).
  package func result(
    command: String, repository: String, base: String = "HEAD", timeout: Duration? = nil
  ) async throws -> VerificationResult {
    let commit: String
    do {
      commit = try Verifier.resolve(base, in: repository)
    } catch {
      return VerificationResult(
        command: command, status: .couldNotRun, output: "\(error)")
    }
    let key = Key(repository: repository, commit: commit, command: command)
    switch entries[key] {
    case .done(let result):
      return result
    case .running(let waiters):
      return try await withCheckedThrowingContinuation { continuation in
        entries[key] = .running(waiters + [continuation])
      }
    case nil:
      entries[key] = .running([])
      runs += 1
      do {
        let result = try await verifier(timeout).run(
          command, repository: repository, base: commit)
        if case .running(let waiters) = entries[key] {
          waiters.forEach { $0.resume(returning: result) }
        }
        entries[key] = .done(result)
        return result
      } catch {
        if case .running(let waiters) = entries[key] {
          waiters.forEach { $0.resume(throwing: error) }
        }
        entries[key] = nil
        throw error
      }
    }
  }

  /// Verifies `candidate` against the (cached) baseline of `command` on `base`.
  ///
  /// - Parameters:
  ///   - candidate: The change.
  ///   - command: The test command.
  ///   - repository: A folder inside the repository.
  ///   - base: The base revision the candidate was made against.
  ///   - timeout: This command's time limit (baseline and candidate); the verifier's when `nil`.
  /// - Returns: Both runs and the verdict.
  /// - Throws: `CancellationError` only.
  package func verify(
    _ candidate: VerificationCandidate, command: String, repository: String, base: String = "HEAD",
    timeout: Duration? = nil, quickLimit: Duration? = nil
  ) async throws -> VerificationComparison {
    let baseline = try await result(
      command: command, repository: repository, base: base, timeout: timeout)
    candidateCommands.append(command)
    // A suite that hung on the base commit (the bug is often the hang) gives each candidate a
    // shorter limit: a fix ends quickly, and a candidate that still hangs should not cost the
    // full limit again.
    var limit = timeout ?? verifier.timeout
    if baseline.status == .timedOut { limit = min(limit, hungBaselineCandidateLimit) }
    // A cheap candidate (a mutant) that loops should not cost the full limit either; three times
    // the base commit's own time is ample for one that ends.
    if let quickLimit {
      let base = baseline.status == .timedOut ? .zero : baseline.duration * 3
      limit = min(limit, max(quickLimit, base))
    }
    let run = try await verifier(limit).run(
      command, repository: repository, base: base, candidate: candidate)
    return VerificationComparison(baseline: baseline, candidate: run)
  }

  /// The verifier with `timeout` in place of its own, when given.
  private func verifier(_ timeout: Duration?) -> Verifier {
    var limited = verifier
    if let timeout { limited.timeout = timeout }
    return limited
  }
}
