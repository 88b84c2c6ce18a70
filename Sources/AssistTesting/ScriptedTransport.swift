package import HTTP
import Synchronization

/// An in-memory ``HTTPTransport`` that replays scripted replies and records every request, for
/// tests of code above the transport that need no sockets (codecs, retry bookkeeping).
///
/// Prefer ``LoopbackServer`` with the real `CurlTransport` where timing or faults matter.
package final class ScriptedTransport: HTTPTransport {
  /// One scripted outcome of ``send(_:)``.
  package enum Reply: Sendable {
    /// A response whose body arrives in these chunks, then ends (with `error`, if given).
    case response(
      status: Int, headers: [(name: String, value: String)], chunks: [[UInt8]],
      error: HTTPError? = nil)
    /// A transport failure before any response.
    case failure(HTTPError)
  }

  private let state: Mutex<(replies: [Reply], served: Int, requests: [HTTPRequest])>

  /// Creates a transport that answers the first, second, … request with these; the last repeats.
  /// - Parameter replies: The replies, at least one.
  package init(_ replies: [Reply]) {
    state = Mutex((replies: replies, served: 0, requests: []))
  }

  /// A 200 `text/event-stream` reply carrying `text` in chunks of `chunkSize` bytes.
  package static func events(_ text: String, chunkSize: Int = 64) -> Reply {
    .response(
      status: 200, headers: [(name: "Content-Type", value: "text/event-stream")],
      chunks: LoopbackReply.split(Array(text.utf8), every: chunkSize))
  }

  /// The requests received so far.
  package var requests: [HTTPRequest] { state.withLock { $0.requests } }

  package func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    let reply: Reply? = state.withLock { state in
      state.requests.append(request)
      defer { state.served += 1 }
      return state.replies.isEmpty ? nil : state.replies[min(state.served, state.replies.count - 1)]
    }
    switch reply {
    case nil:
      throw HTTPError(code: .couldNotConnect, message: "scripted transport has no replies")
    case .failure(let error):
      throw error
    case .response(let status, let headers, let chunks, let error):
      let (body, continuation) = AsyncThrowingStream.makeStream(of: [UInt8].self)
      for chunk in chunks { continuation.yield(chunk) }
      continuation.finish(throwing: error)
      return HTTPResponse(status: status, headers: headers, body: body)
    }
  }
}
