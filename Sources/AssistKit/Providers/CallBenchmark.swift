/// Runs the same call many times, some at once, and summarises latency, throughput and whether the
/// calls kept other async work waiting (a heartbeat task's worst lateness).
package enum CallBenchmark {
  /// What a batch of calls measured; times in seconds, lag in milliseconds.
  package struct Summary: Sendable, Codable, Equatable {
    /// Calls made.
    package var runs: Int
    /// Calls that failed.
    package var failures: Int
    /// Calls in flight at once, at most.
    package var concurrency: Int
    /// Median time to first token of the successful calls.
    package var medianTimeToFirstToken: Double?
    /// Median total time of the successful calls.
    package var medianTotal: Double?
    /// Median generation speed of the successful calls.
    package var medianTokensPerSecond: Double?
    /// Output tokens of all successful calls.
    package var outputTokens: Int
    /// Wall time of the whole batch.
    package var wallTime: Double
    /// How late a 10 ms heartbeat on the cooperative pool woke, at worst, during the batch.
    package var maxHeartbeatLagMilliseconds: Double
    /// The first failure's description, if any.
    package var firstError: String?
  }

  /// Makes `runs` calls of `request`, at most `concurrency` at a time.
  /// - Parameters:
  ///   - client: The client to call through.
  ///   - request: The call.
  ///   - endpoints: Where it goes.
  ///   - runs: How many calls.
  ///   - concurrency: How many at once.
  /// - Returns: The summary.
  package static func run(
    client: ModelClient, request: ChatRequest, endpoints: [EndpointSpec], runs: Int,
    concurrency: Int
  ) async -> Summary {
    let clock = ContinuousClock()
    let start = clock.now
    let (results, lag) = await withTaskGroup(of: Duration?.self) { outer in
      outer.addTask { await heartbeat() }
      let results = await withTaskGroup(of: Result<ChatResponse, any Error>.self) { group in
        var started = 0
        var results: [Result<ChatResponse, any Error>] = []
        func startOne() {
          started += 1
          group.addTask {
            do {
              return .success(try await client.complete(request, endpoints: endpoints))
            } catch {
              return .failure(error)
            }
          }
        }
        while started < min(runs, max(1, concurrency)) { startOne() }
        for await result in group {
          results.append(result)
          if started < runs { startOne() }
        }
        return results
      }
      outer.cancelAll()
      var lag = Duration.zero
      for await value in outer { lag = max(lag, value ?? .zero) }
      return (results, lag)
    }
    let responses = results.compactMap { try? $0.get() }
    let firstError = results.lazy.compactMap { result -> String? in
      if case .failure(let error) = result { return "\(error)" }
      return nil
    }.first
    return Summary(
      runs: runs, failures: runs - responses.count, concurrency: max(1, concurrency),
      medianTimeToFirstToken: median(responses.map { $0.timings.timeToFirstToken.secondsDouble }),
      medianTotal: median(responses.map { $0.timings.total.secondsDouble }),
      medianTokensPerSecond: median(
        responses.compactMap { $0.timings.tokensPerSecond(outputTokens: $0.usage.outputTokens) }),
      outputTokens: responses.reduce(0) { $0 + $1.usage.outputTokens },
      wallTime: start.duration(to: clock.now).secondsDouble,
      maxHeartbeatLagMilliseconds: lag.secondsDouble * 1000, firstError: firstError)
  }

  /// Sleeps 10 ms in a loop until cancelled; returns the worst oversleep.
  private static func heartbeat() async -> Duration? {
    let clock = ContinuousClock()
    var worst = Duration.zero
    while !Task.isCancelled {
      let before = clock.now
      do {
        try await Task.sleep(for: .milliseconds(10))
      } catch {
        break
      }
      worst = max(worst, before.duration(to: clock.now) - .milliseconds(10))
    }
    return worst
  }

  /// The median of `values`, or `nil` if there are none.
  package static func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }
}
