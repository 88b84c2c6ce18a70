internal import Foundation
internal import HTTP

/// One row of `assist models`: a tier, where it lives, what it is, and whether it answers.
package struct TierReport: Sendable, Codable, Equatable {
  /// The tier's name.
  package var tier: String
  /// `openai` or `anthropic`.
  package var api: String
  /// The first endpoint.
  package var endpoint: String
  /// The model id.
  package var model: String
  /// The quantization's name (`Q4_K_M`) when known.
  package var quantization: String?
  /// Bits per weight: from config, or the GGUF header; `nil` for unquantized or unknown.
  package var quantizationBits: Double?
  /// The context window in tokens.
  package var contextWindow: Int
  /// Dollars per million input / output / cached tokens.
  package var price: Tier.Price
  /// `healthy`, `stopped`, `unreachable`, `key rejected`, `off: …`.
  package var health: String
  /// Measured generation speed from a probe, tokens per second.
  package var tokensPerSecond: Double?
  /// Measured time to first token from a probe, seconds.
  package var timeToFirstToken: Double?
}

/// Builds ``TierReport``s: local tiers from their server and GGUF, remote ones from `/v1/models`.
package enum TierCatalog {
  /// Reports every configured tier, enabled or not.
  package static func report(config: AssistConfig, environment: Environment) async -> [TierReport] {
    let manager = LocalServerManager(paths: environment.paths, transport: environment.transport)
    var reports: [TierReport] = []
    for tier in config.tiers {
      var report = TierReport(
        tier: tier.name, api: tier.api.rawValue, endpoint: tier.endpoints.first ?? "",
        model: tier.model,
        quantization: nil, quantizationBits: tier.quantizationBits,
        contextWindow: tier.contextWindow,
        price: tier.price, health: "unknown")
      if tier.local != nil {
        let status = await manager.status(tier)
        report.quantization = status.quantization
        report.quantizationBits = report.quantizationBits ?? status.quantizationBits
        if status.state == .healthy {
          report.contextWindow = min(tier.contextWindow, status.contextSize)
        }
        report.health = status.state.rawValue
        if status.state != .healthy, let endpoint = tier.endpoints.first,
          await isHealthy(endpoint, transport: environment.transport)
        {
          // Served, but not by a server this assist started (another state folder, or by hand).
          report.health = "healthy"
        }
      } else {
        report.health = await remoteHealth(tier, environment: environment)
      }
      reports.append(report)
    }
    for (name, reason) in config.disabledTiers.sorted(by: { $0.key < $1.key }) {
      reports.append(
        TierReport(
          tier: name, api: "-", endpoint: "-", model: "-", quantization: nil, quantizationBits: nil,
          contextWindow: 0, price: .init(), health: "off: \(reason)"))
    }
    return reports
  }

  /// Whether `GET {endpoint}/health` answers 200 (llama.cpp, vLLM and Ollama-compatible servers).
  static func isHealthy(_ endpoint: String, transport: any HTTPTransport) async -> Bool {
    let request = HTTPRequest(
      url: endpoint + "/health",
      timeouts: .init(connect: .seconds(1), stall: .seconds(2), total: .seconds(2)))
    guard let response = try? await transport.send(request) else { return false }
    _ = try? await response.collect(upTo: 1 << 16)
    return response.status == 200
  }

  /// `GET {endpoint}/v1/models` with the tier's key: 200 healthy, 401/403 key rejected.
  static func remoteHealth(_ tier: Tier, environment: Environment) async -> String {
    guard let endpoint = tier.endpoints.first else { return "no endpoint" }
    var headers: [(name: String, value: String)] = []
    if let keyName = tier.apiKeyEnvironment {
      guard let key = environment.variables[keyName], !key.isEmpty else {
        return "no key (\(keyName))"
      }
      switch tier.api {
      case .openai: headers.append(("Authorization", "Bearer \(key)"))
      case .anthropic: headers += [("x-api-key", key), ("anthropic-version", "2023-06-01")]
      }
    }
    let request = HTTPRequest(
      url: endpoint + "/v1/models", headers: headers,
      timeouts: .init(connect: .seconds(3), stall: .seconds(5), total: .seconds(8)))
    do {
      let response = try await environment.transport.send(request)
      _ = try? await response.collect(upTo: 1 << 20)
      switch response.status {
      case 200..<300: return "healthy"
      case 401, 403: return "key rejected"
      default: return "http \(response.status)"
      }
    } catch {
      return "unreachable"
    }
  }
}
