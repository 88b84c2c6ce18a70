/// A JSON scalar in a trace event's `args` or an exported attribute.
package enum TraceValue: Sendable, Equatable, Codable {
  /// Text.
  case string(String)
  /// A whole number.
  case int(Int)
  /// A real number.
  case double(Double)

  package init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let value = try? container.decode(Int.self) {
      self = .int(value)
    } else if let value = try? container.decode(Double.self) {
      self = .double(value)
    } else {
      self = .string(try container.decode(String.self))
    }
  }

  package func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .string(let value): try container.encode(value)
    case .int(let value): try container.encode(value)
    case .double(let value): try container.encode(value)
    }
  }

  /// A span's details as values: tokens, cost, classification, timings, then its attributes.
  static func details(of span: Span) -> [String: TraceValue] {
    var args: [String: TraceValue] = [:]
    for (key, value) in span.attributes { args[key] = .string(value) }
    if let subtask = span.subtask { args["subtask"] = .string(subtask) }
    if let tier = span.tier { args["tier"] = .string(tier) }
    if let track = span.track { args["endpoint"] = .string(track) }
    if span.isModelCall {
      args["tokens_in"] = .int(span.inputTokens)
      args["tokens_out"] = .int(span.outputTokens)
      args["tokens_cached"] = .int(span.cachedTokens)
      args["cost_usd"] = .double(span.cost)
      args["classification"] = .string(span.classification.rawValue)
    }
    if let ttft = span.timeToFirstToken { args["ttft_ms"] = .double(ttft * 1000) }
    if let queue = span.queueWait { args["queue_wait_ms"] = .double(queue * 1000) }
    return args
  }
}
