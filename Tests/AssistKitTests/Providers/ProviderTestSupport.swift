import AssistKit
import AssistTesting
import Foundation
import HTTP
import Synchronization

/// A clock whose `sleep` returns at once and advances its time, recording every wait, so that
/// retry tests check backoff and `Retry-After` without sleeping.
final class RecordingClock: Clock, Sendable {
  struct Instant: InstantProtocol {
    var offset: Duration
    func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
    func duration(to other: Instant) -> Duration { other.offset - offset }
    static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
  }

  private let state = Mutex((now: Duration.zero, sleeps: [Duration]()))

  var now: Instant { Instant(offset: state.withLock { $0.now }) }
  var minimumResolution: Duration { .nanoseconds(1) }
  /// Every wait requested so far.
  var sleeps: [Duration] { state.withLock { $0.sleeps } }

  func sleep(until deadline: Instant, tolerance: Duration?) async throws {
    try Task.checkCancellation()
    state.withLock { state in
      state.sleeps.append(deadline.offset - state.now)
      state.now = max(state.now, deadline.offset)
    }
  }

  /// Moves time forward without a sleep (to expire cooldowns).
  func advance(by duration: Duration) {
    state.withLock { $0.now += duration }
  }
}

/// The bytes of a checked-in fixture under `Tests/AssistKitTests/Fixtures/`.
func fixture(_ path: String) throws -> [UInt8] {
  Array(
    try Data(
      contentsOf: URL(fileURLWithPath: projectRoot + "/Tests/AssistKitTests/Fixtures/" + path)))
}

/// Short limits for loopback tests.
let loopbackTimeouts = HTTPTimeouts(
  connect: .seconds(2), stall: .milliseconds(500), total: .seconds(10))

/// A retry policy with tiny real-time waits and no jitter.
let quickRetry = RetryPolicy(
  maxAttempts: 3, baseDelay: .milliseconds(10), maxDelay: .milliseconds(40), jitter: 0)

/// A client over the real curl transport with the recording clock.
func loopbackClient(
  _ transport: CurlTransport, clock: RecordingClock = RecordingClock(),
  variables: [String: String] = [:], retry: RetryPolicy = quickRetry
) -> ModelClient {
  ModelClient(
    transport: transport, variables: variables, clock: clock, retry: retry,
    timeouts: loopbackTimeouts)
}

/// A minimal request.
let helloRequest = ChatRequest(
  messages: [.system("Be brief."), .user("Say hello.")], maxTokens: 16)

/// The decoded JSON object of a request body.
func jsonBody(_ request: HTTPRequest) throws -> [String: Any] {
  let object = try JSONSerialization.jsonObject(with: Data(request.body ?? []))
  return object as? [String: Any] ?? [:]
}
