import AssistKit
import Foundation

/// Tiers and helpers shared by the routing tests.
enum RoutingFixtures {
  static let small = Tier(
    name: "local-small", model: "qwen2.5-coder-0.5b-instruct",
    endpoints: ["http://127.0.0.1:18480"], quantizationBits: 4, contextWindow: 8192)
  static let medium = Tier(
    name: "local-medium", model: "qwen2.5-coder-1.5b-instruct",
    endpoints: ["http://127.0.0.1:18481"], contextWindow: 8192)
  static let cloud = Tier(
    name: "cloud", api: .anthropic, model: "claude-sonnet-4-5",
    endpoints: ["https://api.anthropic.com"], apiKeyEnvironment: "ANTHROPIC_API_KEY",
    contextWindow: 200_000, slots: 4, price: .init(input: 3, output: 15, cached: 0.3))

  /// local-small, local-medium, cloud.
  static let all = [small, medium, cloud]
  /// The two local tiers (no cloud key).
  static let local = [small, medium]

  static func temporaryStore() throws -> Store {
    try Store(
      path: FileManager.default.temporaryDirectory
        .appendingPathComponent("routing-\(UUID().uuidString)")
        .appendingPathComponent("assist.sqlite").path)
  }

  /// 2026-11-23 12:00 UTC.
  static let noon = Date(timeIntervalSince1970: 1_795_435_200)
}
