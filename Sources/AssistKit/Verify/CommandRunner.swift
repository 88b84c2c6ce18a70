internal import Subprocess
internal import Synchronization

#if canImport(System)
  internal import System
#else
  internal import SystemPackage
#endif

/// Runs one shell command in its own process group with a timeout and an output cap.
struct CommandRunner: Sendable {
  /// Seconds before the whole process group is killed.
  var timeout: Duration
  /// Bytes of interleaved output kept (head and tail).
  var outputLimit: Int
  /// The child's environment, already free of secrets.
  var environment: [String: String]

  /// Runs `/bin/sh -c command` in `directory`.
  ///
  /// The shell leads a new process group; on timeout the group gets `SIGKILL`, and so does any
  /// background process still in it when the shell exits, so nothing outlives the run.
  /// - Parameters:
  ///   - command: The shell command.
  ///   - directory: The working directory.
  /// - Returns: The result; failures to launch are ``VerificationResult/Status/couldNotRun``.
  /// - Throws: `CancellationError` if the calling task is cancelled (the group is killed first).
  func run(_ command: String, in directory: String) async throws -> VerificationResult {
    let collector = Collector(limit: outputLimit)
    let clock = ContinuousClock()
    let start = clock.now
    var options = PlatformOptions()
    options.processGroupID = 0  // a group of its own, led by the shell
    options.teardownSequence = [
      .gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: .milliseconds(300))
    ]
    let timeout = self.timeout
    let outcome: ExecutionResult<Bool, SequenceOutput, CombinedErrorOutput>
    do {
      outcome = try await Subprocess.run(
        .path("/bin/sh"), arguments: ["-c", command],
        environment: .custom(ChildEnvironment.keys(environment)),
        workingDirectory: FilePath(directory), platformOptions: options, input: .none,
        output: .sequence, error: .combinedWithOutput
      ) { execution in
        try await Self.supervise(execution, collector: collector, timeout: timeout)
      }
    } catch is CancellationError {
      throw CancellationError()
    } catch {
      try Task.checkCancellation()
      return VerificationResult(
        command: command, status: .couldNotRun, duration: clock.now - start,
        output: "could not start /bin/sh: \(error)")
    }
    // A cancelled caller's run was torn down by Subprocess; its exit status means nothing.
    try Task.checkCancellation()
    let duration = clock.now - start
    let (text, omitted) = collector.snapshot()
    let exitCode: Int32
    switch outcome.terminationStatus {
    case .exited(let code): exitCode = code
    case .signaled(let signal): exitCode = -signal
    }
    // A run that outlived its limit timed out even when its exit was seen before the timer
    // fired (a busy machine can delay the timer's task past the exit).
    let status: VerificationResult.Status =
      outcome.closureResult || duration > timeout ? .timedOut : exitCode == 0 ? .passed : .failed
    return VerificationResult(
      command: command, status: status, exitCode: exitCode, duration: duration, output: text,
      omittedBytes: omitted,
      failingTests: status == .passed ? [] : FailingTestParser.failingTests(in: text))
  }

  /// Drains the output until the shell exits or `timeout` passes; returns whether it timed out.
  private static func supervise(
    _ execution: Execution<NoInput, SequenceOutput, CombinedErrorOutput>, collector: Collector,
    timeout: Duration
  ) async throws -> Bool {
    let timedOut = try await withThrowingTaskGroup(of: Bool.self) { group in
      group.addTask {
        // Subprocess ends the stream once the shell exits, even if a stray child holds the pipe.
        do {
          for try await chunk in execution.standardOutput {
            chunk.withUnsafeBytes { collector.append($0) }
          }
        } catch {
          collector.append(Array("\n[reading the output failed: \(error)]\n".utf8))
        }
        return false
      }
      group.addTask {
        try await Task.sleep(for: timeout)
        return true
      }
      let first = try await group.next() ?? false
      if first {
        try? execution.send(signal: .kill, toProcessGroup: true)
        // The reader ends once the killed shell is gone.
        _ = try await group.next()
      }
      group.cancelAll()
      return first
    }
    // Background processes the shell left behind share its group: end them too.
    try? execution.send(signal: .kill, toProcessGroup: true)
    return timedOut
  }
}

/// The capped output, shared between the reading task and the caller.
private final class Collector: Sendable {
  /// Guards the cap: the reader task appends while the caller may take a snapshot.
  private let cap: Mutex<OutputCap>

  init(limit: Int) { cap = Mutex(OutputCap(limit: limit)) }

  func append(_ bytes: UnsafeRawBufferPointer) {
    cap.withLock { $0.append(bytes) }
  }

  func append(_ bytes: [UInt8]) {
    cap.withLock { $0.append(bytes) }
  }

  func snapshot() -> (text: String, omitted: Int) {
    cap.withLock { ($0.text, $0.omitted) }
  }
}
