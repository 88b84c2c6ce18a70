import ArgumentParser
import AssistKit
import Foundation

/// `assist models`: every tier with endpoint, model, quantization, context, price and health.
struct ModelsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "models",
    abstract: "List the model tiers, cheapest first, with their health and price.",
    discussion: """
      Quantization is read from the running server or the GGUF header, never from a model's \
      name. --probe sends each healthy tier a short request and measures time to first token and \
      tokens per second; a bundled server busy with other requests is shown as busy, not probed (cloud tiers are probed only when their key is set; a probe costs a few \
      tokens).
      """)

  @Flag(help: "Measure time to first token and tokens/s with a short request to each healthy tier.")
  var probe = false

  @Flag(help: "Print as JSON.")
  var json = false

  func run() async throws {
    let environment = try LiveEnvironment.make()
    let config = try LiveEnvironment.config(environment)
    var reports = await TierCatalog.report(config: config, environment: environment)
    if probe {
      for i in reports.indices where reports[i].health == "healthy" {
        guard let tier = config.tier(named: reports[i].tier) else { continue }
        if !json { Output.progress("probing \(tier.name)…") }
        switch await TierProbe.check(tier: tier, environment: environment) {
        case .measured(let result):
          reports[i].tokensPerSecond = result.tokensPerSecond
          reports[i].timeToFirstToken = result.timeToFirstToken
        case .busy(let why): reports[i].health = "busy (\(why))"
        case .failed(let why): reports[i].health = "probe failed: \(why)"
        }
      }
    }
    if json { return try Output.json(reports) }
    var rows = [
      [
        "TIER", "API", "ENDPOINT", "MODEL", "QUANT", "CONTEXT", "$/M IN/OUT", "HEALTH", "TTFT",
        "TOK/S",
      ]
    ]
    for r in reports {
      let quant =
        r.quantization.map { name in r.quantizationBits.map { "\(name) (\(Int($0))-bit)" } ?? name }
        ?? r.quantizationBits.map { "\(Int($0))-bit" } ?? "-"
      rows.append([
        r.tier, r.api, r.endpoint, r.model, quant,
        r.contextWindow == 0 ? "-" : String(r.contextWindow),
        r.api == "-" ? "-" : String(format: "%.2f/%.2f", r.price.input, r.price.output), r.health,
        r.timeToFirstToken.map { String(format: "%.2fs", $0) } ?? "-",
        r.tokensPerSecond.map { String(format: "%.1f", $0) } ?? "-",
      ])
    }
    Output.table(rows)
  }
}
