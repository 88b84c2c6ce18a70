import HTTP

/// Where one model lives: base URL, wire protocol, model id and the name of the environment
/// variable that holds its key. Never the key itself: it is read at call time and never stored.
package struct EndpointSpec: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The base URL without the `/v1/...` path, e.g. `http://127.0.0.1:18480`.
  package var baseURL: String
  /// The wire protocol.
  package var api: Tier.API
  /// The model id sent in each request.
  package var model: String
  /// The environment variable holding the API key, or `nil` for endpoints without one.
  package var apiKeyEnvironment: String?

  /// Creates an endpoint description.
  package init(baseURL: String, api: Tier.API, model: String, apiKeyEnvironment: String? = nil) {
    self.baseURL = baseURL
    self.api = api
    self.model = model
    self.apiKeyEnvironment = apiKeyEnvironment
  }

  /// Anthropic's API, keyed by `ANTHROPIC_API_KEY`.
  package static func anthropic(model: String) -> EndpointSpec {
    EndpointSpec(
      baseURL: "https://api.anthropic.com", api: .anthropic, model: model,
      apiKeyEnvironment: "ANTHROPIC_API_KEY")
  }

  /// OpenAI's API, keyed by `OPENAI_API_KEY`.
  package static func openAI(model: String) -> EndpointSpec {
    EndpointSpec(
      baseURL: "https://api.openai.com", api: .openai, model: model,
      apiKeyEnvironment: "OPENAI_API_KEY")
  }

  /// The endpoints of a tier, in its failover order.
  /// - Parameter tier: A configured tier.
  /// - Returns: One endpoint per base URL.
  package static func endpoints(of tier: Tier) -> [EndpointSpec] {
    tier.endpoints.map {
      EndpointSpec(
        baseURL: $0, api: tier.api, model: tier.model, apiKeyEnvironment: tier.apiKeyEnvironment)
    }
  }

  /// `openai qwen2.5-coder-0.5b at http://127.0.0.1:18480`: safe to log (no key, no URL user info).
  package var description: String {
    "\(api.rawValue) \(model) at \(HTTPRequest.redactingUserInfo(baseURL))"
  }

  /// `baseURL` joined with `path`, without doubling slashes or a `/v1` the base already ends with.
  /// - Parameter path: A path starting with `/v1/`.
  /// - Returns: The absolute URL.
  package func url(_ path: String) -> String {
    var base = baseURL
    while base.hasSuffix("/") { base.removeLast() }
    if base.hasSuffix("/v1"), path.hasPrefix("/v1/") { return base + path.dropFirst(3) }
    return base + path
  }

  /// Reads the API key from `variables`.
  /// - Parameter variables: The process environment.
  /// - Returns: The key, or `nil` if this endpoint needs none.
  /// - Throws: ``ProviderError/auth(status:message:)`` naming the variable (never a value) when it
  ///   is unset or empty.
  package func apiKey(in variables: [String: String]) throws(ProviderError) -> String? {
    guard let name = apiKeyEnvironment else { return nil }
    guard let key = variables[name], !key.isEmpty else {
      throw .auth(status: 0, message: "environment variable \(name) is not set")
    }
    return key
  }
}
