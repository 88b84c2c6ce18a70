internal import Foundation

/// Re-prices recorded bench results under another price table or policy, calling no model.
///
/// Tokens and their classification are what the runs recorded; only dollars change. Tiers the
/// table does not name keep a price of zero (local tiers are free).
package struct BenchReplay: Sendable, Equatable {
  /// Tier name → price per million tokens.
  package var prices: [String: Tier.Price]
  /// The price every call is counted at for the counterfactual column.
  package var counterfactual: Tier.Price
  /// When set, every call is priced as if this tier had served it (replaying a policy, e.g. the
  /// cloud-only baseline from a local-only run).
  package var playAs: String?

  /// Creates a replay.
  package init(prices: [String: Tier.Price], counterfactual: Tier.Price, playAs: String? = nil) {
    self.prices = prices
    self.counterfactual = counterfactual
    self.playAs = playAs
  }

  /// The price table of a YAML file: `tier: {input: 3.0, output: 15.0, cached: 0.3}` per line,
  /// plus an optional `counterfactual: <tier>` (default: the tier with the highest output price).
  /// - Throws: ``ConfigError`` for anything else.
  package init(pricesFile file: String, playAs: String? = nil) throws {
    let text = try String(contentsOfFile: file, encoding: .utf8)
    guard case .mapping(let entries, _) = try YAMLValue.parse(text, file: file) else {
      throw ConfigError(file: file, line: 1, message: "the price table must be a mapping")
    }
    var prices: [String: Tier.Price] = [:]
    var counterfactualTier: String?
    for entry in entries {
      if entry.key == "counterfactual", case .scalar(let name, _) = entry.value {
        counterfactualTier = name
        continue
      }
      var fields = try YAMLReader(entry.value, file: file, context: "price of \(entry.key)")
      prices[entry.key] = Tier.Price(
        input: try fields.double("input") ?? 0, output: try fields.double("output") ?? 0,
        cached: try fields.double("cached") ?? 0)
      try fields.finish()
    }
    if let playAs, prices[playAs] == nil {
      throw ConfigError(file: file, line: 1, message: "--as \(playAs): the table has no such tier")
    }
    let fallback = prices.max { ($0.value.output, $1.key) < ($1.value.output, $0.key) }?.value
    guard let counterfactual = counterfactualTier.flatMap({ prices[$0] }) ?? fallback else {
      throw ConfigError(file: file, line: 1, message: "the price table names no tier")
    }
    self.init(prices: prices, counterfactual: counterfactual, playAs: playAs)
  }

  /// The price of one call.
  package func cost(_ call: BenchResult.Call) -> Double {
    let price = prices[playAs ?? call.tier] ?? Tier.Price()
    return Self.cost(call, at: price)
  }

  /// `result` with its dollars recomputed (tokens, success and times unchanged).
  package func reprice(_ result: BenchResult) -> BenchResult {
    var result = result
    result.cost = 0
    result.counterfactualCost = 0
    result.overhead.workCost = 0
    result.overhead.coordinationCost = 0
    for call in result.calls {
      let dollars = cost(call)
      result.cost += dollars
      result.counterfactualCost += Self.cost(call, at: counterfactual)
      if call.classification == .work {
        result.overhead.workCost += dollars
      } else {
        result.overhead.coordinationCost += dollars
      }
    }
    if let playAs { result.policy += " (replayed as \(playAs))" }
    return result
  }

  /// Every result of `record` re-priced.
  package func reprice(_ record: BenchRecord, describedAs note: String) -> BenchRecord {
    var record = record
    record.results = record.results.map(reprice)
    record.repricedWith = note
    return record
  }

  /// Dollars of `call` at `price` (per million tokens).
  package static func cost(_ call: BenchResult.Call, at price: Tier.Price) -> Double {
    (Double(call.inputTokens) * price.input + Double(call.outputTokens) * price.output
      + Double(call.cachedTokens) * price.cached) / 1_000_000
  }
}
