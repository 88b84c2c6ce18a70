/// The live ``HTTPTransport``: libcurl's multi interface on one dedicated thread.
///
/// Every transfer runs on that thread, never on Swift's cooperative pool; bodies stream back
/// through an `AsyncThrowingStream`; cancelling the task awaiting ``send(_:)``, or dropping the
/// body stream, removes the transfer from curl at once. Only `http` and `https` URLs are allowed
/// unless the transport was made with `allowFileURLs` (tests). Make one per process and share it.
package final class CurlTransport: HTTPTransport {
  private let engine: CurlMulti

  /// Starts the engine thread.
  /// - Parameter allowFileURLs: Also allow `file://` URLs; for tests only.
  /// - Throws: ``HTTPError`` if libcurl cannot be initialised.
  package init(allowFileURLs: Bool = false) throws(HTTPError) {
    engine = try CurlMulti(allowFileURLs: allowFileURLs)
  }

  deinit {
    engine.shutDown()
  }

  /// Reports when this transport's thread has exited (after the transport is released and its
  /// last transfer has ended); for leak checks in tests.
  package var engineExit: EngineExit { engine.exited }

  /// The number of transfers whose curl handles are still alive; 0 when nothing leaked.
  package var liveTransfers: Int { engine.liveTransfers }

  /// Starts `request` and returns once the status line and headers have arrived.
  ///
  /// - Parameter request: What to send.
  /// - Returns: The status, headers and the streaming body; a 4xx/5xx is a response.
  /// - Throws: ``HTTPError`` for transport failures (refused, timed out, reset), or
  ///   `CancellationError` if the task is cancelled first.
  package func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    let control = TransferControl(engine: engine)
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        engine.submit(
          PendingTransfer(request: request, continuation: continuation, control: control))
      }
    } onCancel: {
      control.cancel()
    }
  }
}
