import Foundation

/// Runs a program to completion on a thread of its own, so a test awaiting a long child process
/// (the `assist` binary talking to a model for minutes) never blocks Swift's cooperative pool —
/// on a 2-core machine that pool has two threads, and blocking one stalls every other test.
package enum ChildProcess {
  /// What the child left behind.
  package struct Result: Sendable {
    /// The exit status.
    package var status: Int32
    /// Standard output.
    package var output: String
    /// Standard error.
    package var error: String
  }

  /// Runs `executable` with `arguments` in `directory`.
  package static func run(
    _ executable: String, _ arguments: [String], in directory: String? = nil,
    environment: [String: String]? = nil, input: String? = nil
  ) async throws -> Result {
    try await withCheckedThrowingContinuation { continuation in
      let thread = Thread {
        do {
          let process = Process()
          process.executableURL = URL(fileURLWithPath: executable)
          process.arguments = arguments
          if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
          if let environment { process.environment = environment }
          let out = Pipe()
          let err = Pipe()
          let stdin = Pipe()
          process.standardOutput = out
          process.standardError = err
          process.standardInput = input == nil ? FileHandle.nullDevice : stdin
          try process.run()
          if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
          }
          // Drain stderr on another thread so a chatty child cannot fill one pipe and stall.
          let errorData = LockedData()
          let drain = Thread { errorData.set(err.fileHandleForReading.readDataToEndOfFile()) }
          drain.start()
          let outData = out.fileHandleForReading.readDataToEndOfFile()
          process.waitUntilExit()
          while !errorData.isSet { Thread.sleep(forTimeInterval: 0.01) }
          continuation.resume(
            returning: Result(
              status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
              error: String(decoding: errorData.value, as: UTF8.self)))
        } catch {
          continuation.resume(throwing: error)
        }
      }
      thread.start()
    }
  }
}

/// A `Data` written once by one thread and read by another; guarded by `NSLock`.
private final class LockedData: @unchecked Sendable {
  private let lock = NSLock()
  private var data: Data?

  func set(_ value: Data) { lock.withLock { data = value } }
  var isSet: Bool { lock.withLock { data != nil } }
  var value: Data { lock.withLock { data ?? Data() } }
}
