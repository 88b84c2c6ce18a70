internal import CCurl
import Foundation
import Synchronization

/// One libcurl multi handle driven by one dedicated thread: every transfer of a ``CurlTransport``
/// runs here, so no curl call ever blocks Swift's cooperative pool.
///
/// The thread sleeps in `curl_multi_poll` and is woken by `curl_multi_wakeup` when a transfer is
/// submitted or cancelled. It exits, cleaning up the multi handle, once ``shutDown()`` was called
/// and every transfer has ended.
// @unchecked Sendable: `multi` is used only on the engine thread, except `curl_multi_wakeup`, which
// libcurl documents as callable from any thread; all other shared state is in `shared` (a Mutex)
// or atomics.
final class CurlMulti: @unchecked Sendable {
  private struct Shared {
    var pending: [PendingTransfer] = []
    var stopping = false
  }

  private let multi: UnsafeMutableRawPointer
  private let shared = Mutex(Shared())
  private let allowFileURLs: Bool
  private let live = Atomic<Int>(0)
  /// Set once the engine thread has cleaned up the multi handle and returned.
  let exited = EngineExit()

  /// Creates the multi handle and starts its thread.
  ///
  /// The corresponding C function is `curl_multi_init`.
  /// - Parameter allowFileURLs: Whether transfers may use `file://` (tests only).
  /// - Throws: ``HTTPError`` if libcurl cannot be initialised.
  init(allowFileURLs: Bool) throws(HTTPError) {
    guard curlGlobalInit == CURLE_OK, let multi = curl_multi_init() else {
      throw HTTPError(code: .internalFailure, message: "libcurl failed to initialise")
    }
    self.multi = multi
    self.allowFileURLs = allowFileURLs
    let thread = Thread { [self] in run() }
    thread.name = "assist-curl"
    thread.start()
  }

  /// The number of transfers whose curl handles are alive (for leak checks in tests).
  var liveTransfers: Int { live.load(ordering: .acquiring) }

  /// Queues a transfer for the engine thread.
  /// - Parameter transfer: The transfer and the continuation to resume with its response.
  func submit(_ transfer: PendingTransfer) {
    shared.withLock { $0.pending.append(transfer) }
    wakeUp()
  }

  /// Asks the thread to exit once the running transfers have ended.
  func shutDown() {
    shared.withLock { $0.stopping = true }
    wakeUp()
  }

  /// Interrupts the thread's `curl_multi_poll`.
  ///
  /// The corresponding C function is `curl_multi_wakeup`.
  func wakeUp() {
    _ = curl_multi_wakeup(multi)
  }

  /// The engine loop: start queued transfers, drop cancelled ones, drive curl, finish done ones.
  private func run() {
    var transfers: [UnsafeMutableRawPointer: CurlTransfer] = [:]
    while true {
      let (incoming, stopping) = shared.withLock { state in
        defer { state.pending = [] }
        return (state.pending, state.stopping)
      }
      for pending in incoming {
        start(pending, into: &transfers)
      }
      for (easy, transfer) in transfers where transfer.control.isCancelled {
        curl_multi_remove_handle(multi, easy)
        transfers[easy] = nil
        transfer.finish(throwing: CancellationError())
        live.subtract(1, ordering: .releasing)
      }
      if stopping && transfers.isEmpty { break }
      var running: Int32 = 0
      curl_multi_perform(multi, &running)
      var left: Int32 = 0
      while let message = curl_multi_info_read(multi, &left) {
        guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
          let transfer = transfers.removeValue(forKey: easy)
        else { continue }
        let result = message.pointee.data.result
        curl_multi_remove_handle(multi, easy)
        transfer.complete(result)
        live.subtract(1, ordering: .releasing)
      }
      let now = ContinuousClock.now
      var wait = Duration.seconds(1)
      for (easy, transfer) in transfers {
        guard let deadline = transfer.stallDeadline else { continue }
        if deadline <= now {
          curl_multi_remove_handle(multi, easy)
          transfers[easy] = nil
          transfer.failStalled()
          live.subtract(1, ordering: .releasing)
        } else {
          wait = min(wait, now.duration(to: deadline))
        }
      }
      curl_multi_poll(multi, nil, 0, Int32(milliseconds(wait)), nil)
    }
    curl_multi_cleanup(multi)
    exited.mark()
  }

  /// Creates the easy handle of `pending` and adds it to the multi handle.
  private func start(
    _ pending: PendingTransfer, into transfers: inout [UnsafeMutableRawPointer: CurlTransfer]
  ) {
    if pending.control.isCancelled {
      pending.continuation.resume(throwing: CancellationError())
      return
    }
    do {
      let transfer = try CurlTransfer(pending, allowFileURLs: allowFileURLs)
      let rc = curl_multi_add_handle(multi, transfer.easy)
      guard rc == CURLM_OK else {
        let message = String(cString: curl_multi_strerror(rc))
        transfer.finish(throwing: HTTPError(code: .internalFailure, message: message))
        return
      }
      transfers[transfer.easy] = transfer
      live.add(1, ordering: .releasing)
    } catch {
      pending.continuation.resume(throwing: error)
    }
  }
}

/// Whether an engine thread has finished; outlives the transport so tests can check for leaks.
package final class EngineExit: Sendable {
  private let done = Atomic<Bool>(false)

  /// Whether the thread has returned (after cleaning up its multi handle).
  package var hasExited: Bool { done.load(ordering: .acquiring) }

  /// Records the exit.
  func mark() { done.store(true, ordering: .releasing) }
}
