import Synchronization

/// The part of a transfer that other threads may touch: its cancel flag.
///
/// Cancelling sets the flag and wakes the engine thread, which removes the transfer from the
/// multi handle at its next turn.
final class TransferControl: Sendable {
  private let cancelled = Atomic<Bool>(false)
  private let engine: CurlMulti

  /// Creates the control of a transfer that runs on `engine`.
  /// - Parameter engine: The engine that will run the transfer.
  init(engine: CurlMulti) {
    self.engine = engine
  }

  /// Whether someone asked the transfer to stop.
  var isCancelled: Bool { cancelled.load(ordering: .acquiring) }

  /// Asks the transfer to stop as soon as possible; idempotent.
  func cancel() {
    if cancelled.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing)
      .exchanged
    {
      engine.wakeUp()
    }
  }
}

/// A transfer waiting for the engine thread to pick it up.
struct PendingTransfer: Sendable {
  /// What to send.
  var request: HTTPRequest
  /// Resumed with the response once its headers arrive, or with the error.
  var continuation: CheckedContinuation<HTTPResponse, any Error>
  /// The shared cancel flag.
  var control: TransferControl
}
