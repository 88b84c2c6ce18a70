import ArgumentParser
import AssistKit
import Foundation

/// `assist complete`: one prompt to one endpoint (or tier), the reply streamed to stdout; a quick
/// way to check an endpoint, and the "through assist" side of `scripts/bench-http`.
struct CompleteCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "complete",
    abstract: "Send one prompt to a model endpoint and print the reply.",
    discussion: """
      Without --endpoint, the prompt goes to --tier (or the first configured tier), with its
      retries and failover. Keys are read from the variable named by --api-key-env (or the tier's
      api_key_env) and are never printed. The reply streams to stdout; on a terminal, a summary
      (tokens, time to first token, tokens/s) follows on stderr. --repeat and --concurrency run the
      call many times and print latency medians instead of the reply.
      """)

  /// The wire protocols, as command-line values.
  enum API: String, ExpressibleByArgument, CaseIterable {
    case openai, anthropic
  }

  @Argument(help: "The prompt.")
  var prompt: String

  @Option(help: "Base URL of the endpoint, e.g. http://127.0.0.1:18480.")
  var endpoint: String?

  @Option(help: "The endpoint's API (with --endpoint).")
  var api: API = .openai

  @Option(help: "The model id to send (with --endpoint).")
  var model = "local"

  @Option(help: "Environment variable holding the endpoint's API key (with --endpoint).")
  var apiKeyEnv: String?

  @Option(help: "A configured tier to call (default: the first tier).")
  var tier: String?

  @Option(help: "A system prompt.")
  var system: String?

  @Option(help: "The most tokens the reply may have.")
  var maxTokens = 256

  @Option(help: "Sampling temperature.")
  var temperature: Double?

  @Flag(help: "Ask for the whole reply at once instead of streaming.")
  var noStream = false

  @Flag(help: "Print the reply, usage and timings as JSON.")
  var json = false

  @Option(help: "Make the call this many times and print medians.")
  var `repeat` = 1

  @Option(help: "With --repeat: calls in flight at once.")
  var concurrency = 1

  func validate() throws {
    guard maxTokens > 0 else { throw ValidationError("--max-tokens must be positive") }
    guard `repeat` > 0, concurrency > 0 else {
      throw ValidationError("--repeat and --concurrency must be positive")
    }
  }

  func run() async throws {
    let environment = try LiveEnvironment.make()
    let endpoints = try resolveEndpoints(environment)
    let client = ModelClient(environment: environment)
    let request = ChatRequest(
      messages: (system.map { [.system($0)] } ?? []) + [.user(prompt)], maxTokens: maxTokens,
      temperature: temperature, stream: !noStream)
    if `repeat` > 1 || concurrency > 1 {
      let summary = await CallBenchmark.run(
        client: client, request: request, endpoints: endpoints, runs: `repeat`,
        concurrency: concurrency)
      return try printSummary(summary)
    }
    let streamToStdout = !json && !noStream
    let echo: ModelClient.Progress = { FileHandle.standardOutput.write(Data($0.delta.utf8)) }
    let response = try await client.complete(
      request, endpoints: endpoints, progress: streamToStdout ? echo : nil)
    if json { return try Output.json(CompletionReport(response)) }
    print(streamToStdout ? "" : response.text)
    if isatty(STDERR_FILENO) == 1 { Output.progress(Self.summaryLine(response)) }
  }

  private func resolveEndpoints(_ environment: Environment) throws -> [EndpointSpec] {
    if let endpoint {
      let api: Tier.API = api == .openai ? .openai : .anthropic
      return [
        EndpointSpec(baseURL: endpoint, api: api, model: model, apiKeyEnvironment: apiKeyEnv)
      ]
    }
    let tiers = try LiveEnvironment.config(environment).tiers
    guard let chosen = tier.map({ name in tiers.first { $0.name == name } }) ?? tiers.first else {
      throw ValidationError(
        tier.map { "no tier named \($0)" } ?? "no tiers configured; pass --endpoint")
    }
    return EndpointSpec.endpoints(of: chosen)
  }

  private func printSummary(_ summary: CallBenchmark.Summary) throws {
    if json { return try Output.json(summary) }
    func seconds(_ value: Double?) -> String { value.map { String(format: "%.3fs", $0) } ?? "-" }
    Output.table([
      ["RUNS", "FAILED", "CONCURRENT", "TTFT p50", "TOTAL p50", "TOK/S p50", "WALL", "MAX LAG"],
      [
        "\(summary.runs)", "\(summary.failures)", "\(summary.concurrency)",
        seconds(summary.medianTimeToFirstToken), seconds(summary.medianTotal),
        summary.medianTokensPerSecond.map { String(format: "%.1f", $0) } ?? "-",
        seconds(summary.wallTime), String(format: "%.1fms", summary.maxHeartbeatLagMilliseconds),
      ],
    ])
    if let error = summary.firstError { Output.progress("first failure: \(error)") }
  }

  private static func summaryLine(_ response: ChatResponse) -> String {
    let rate = response.timings.tokensPerSecond(outputTokens: response.usage.outputTokens)
    return String(
      format: "%d tokens in, %d out (%d cached) · first token %.2fs · %@ tok/s · total %.2fs · %@",
      response.usage.promptTokens, response.usage.outputTokens, response.usage.cacheReadTokens,
      response.timings.timeToFirstToken.secondsDouble,
      rate.map { String(format: "%.1f", $0) } ?? "-", response.timings.total.secondsDouble,
      response.endpoint)
  }
}

/// The JSON shape of `assist complete --json`.
struct CompletionReport: Encodable {
  var text: String
  var finishReason: String
  var model: String?
  var endpoint: String
  var attempts: Int
  var usage: Usage
  var timeToFirstToken: Double
  var generation: Double
  var queueWait: Double
  var total: Double

  init(_ response: ChatResponse) {
    text = response.text
    finishReason =
      switch response.finishReason {
      case .stop: "stop"
      case .length: "length"
      case .toolUse: "tool_use"
      case .refusal: "refusal"
      case .other(let reason): reason
      }
    model = response.model
    endpoint = response.endpoint
    attempts = response.attempts
    usage = response.usage
    timeToFirstToken = response.timings.timeToFirstToken.secondsDouble
    generation = response.timings.generation.secondsDouble
    queueWait = response.timings.queueWait.secondsDouble
    total = response.timings.total.secondsDouble
  }
}
