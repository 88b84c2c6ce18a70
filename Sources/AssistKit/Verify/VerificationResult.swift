/// What one run of a test command on a scratch copy produced.
package struct VerificationResult: Sendable, Equatable, Codable {
  /// How the run ended.
  package enum Status: String, Sendable, Equatable, Codable {
    /// The command exited 0.
    case passed
    /// The command exited non-zero (or was killed by a signal it raised itself).
    case failed
    /// The command ran past its timeout and its whole process group was killed.
    case timedOut
    /// The command never ran: the scratch copy or the candidate could not be prepared, or the
    /// shell could not start; ``VerificationResult/output`` says why.
    case couldNotRun
  }

  /// The command that ran.
  package var command: String
  /// How it ended.
  package var status: Status
  /// The exit code, or the signal number negated; `nil` if it never ran.
  package var exitCode: Int32?
  /// Wall time from launch to exit (or to the kill).
  package var duration: Duration
  /// Standard output and standard error interleaved, trimmed to the head and the tail.
  package var output: String
  /// Bytes of output the trimming left out.
  package var omittedBytes: Int
  /// Failing tests named by the output, as the runner spells them (empty if it names none).
  package var failingTests: [String]

  /// Creates a result.
  package init(
    command: String, status: Status, exitCode: Int32? = nil, duration: Duration = .zero,
    output: String = "", omittedBytes: Int = 0, failingTests: [String] = []
  ) {
    self.command = command
    self.status = status
    self.exitCode = exitCode
    self.duration = duration
    self.output = output
    self.omittedBytes = omittedBytes
    self.failingTests = failingTests
  }

  /// Whether the command exited 0.
  package var passed: Bool { status == .passed }

  /// How many tests the runner says it ran, or `nil` when its output does not say.
  package var testsRun: Int? { TestsRunParser.testsRun(in: output) }

  /// One line for logs and proposals: `` `make test` failed (exit 2) in 0.4 s, 1 failing test``.
  package var summary: String {
    let seconds =
      Double(duration.components.seconds)
      + Double(duration.components.attoseconds) / 1e18
    let time = "in \((seconds * 10).rounded() / 10) s"
    switch status {
    case .passed: return "`\(command)` passed \(time)"
    case .failed:
      let code = exitCode.map { $0 < 0 ? "signal \(-$0)" : "exit \($0)" } ?? "no exit code"
      let count = failingTests.count
      let tests = count == 0 ? "" : ", \(count) failing test\(count == 1 ? "" : "s")"
      return "`\(command)` failed (\(code)) \(time)\(tests)"
    case .timedOut: return "`\(command)` timed out after \((seconds * 10).rounded() / 10) s"
    case .couldNotRun: return "`\(command)` could not run: \(output.prefix(200))"
    }
  }
}
