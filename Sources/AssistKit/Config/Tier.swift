/// One rung of the cost ladder: a model behind one or more endpoints, with its price and limits.
///
/// Tiers are data (DESIGN.md "Tiers, routing and budgets"); code never branches on model names.
package struct Tier: Sendable, Equatable, Codable {
  /// The wire protocol the endpoints speak.
  package enum API: String, Sendable, Codable, CaseIterable {
    /// OpenAI Chat Completions (also llama.cpp, Ollama, vLLM, LM Studio, OpenRouter).
    case openai
    /// Anthropic Messages.
    case anthropic
  }

  /// Dollars per million tokens.
  package struct Price: Sendable, Equatable, Codable {
    /// Uncached input tokens.
    package var input: Double
    /// Output tokens.
    package var output: Double
    /// Input tokens read from the provider's prompt cache.
    package var cached: Double

    /// Creates a price; free by default.
    package init(input: Double = 0, output: Double = 0, cached: Double = 0) {
      self.input = input
      self.output = output
      self.cached = cached
    }

    /// Whether every kind of token is free.
    package var isFree: Bool { input == 0 && output == 0 && cached == 0 }
  }

  /// How `assist local start` runs this tier on the bundled llama.cpp server.
  package struct LocalServer: Sendable, Equatable, Codable {
    /// The GGUF file name inside the models cache, or an absolute path.
    package var modelFile: String
    /// The loopback port.
    package var port: Int
    /// Total context the server allocates (shared by its slots).
    package var context: Int
    /// CPU threads for generation.
    package var threads: Int
    /// The model file's expected sha256, when known (the bundled models' are).
    package var sha256: String?
    /// Speculative decoding, when on.
    package var speculative: Speculation?

    /// Creates a local server description.
    package init(
      modelFile: String, port: Int, context: Int = 8192, threads: Int = 2, sha256: String? = nil,
      speculative: Speculation? = nil
    ) {
      self.modelFile = modelFile
      self.port = port
      self.context = context
      self.threads = threads
      self.sha256 = sha256
      self.speculative = speculative
    }
  }

  /// The tier's name (unique), e.g. `local-small`.
  package var name: String
  /// The wire protocol.
  package var api: API
  /// The model id sent to the endpoints.
  package var model: String
  /// Base URLs (`http://127.0.0.1:18480`, `https://api.anthropic.com`); the provider adds `/v1/…`.
  package var endpoints: [String]
  /// The environment variable holding the API key, if the endpoints need one.
  package var apiKeyEnvironment: String?
  /// Weights' quantization in bits, if stated in config (otherwise read from the server or GGUF).
  package var quantizationBits: Double?
  /// The context window in tokens.
  package var contextWindow: Int
  /// Concurrent requests each endpoint accepts.
  package var slots: Int
  /// The price per million tokens.
  package var price: Price
  /// Present when the bundled server runs this tier.
  package var local: LocalServer?

  /// Creates a tier.
  package init(
    name: String, api: API = .openai, model: String, endpoints: [String],
    apiKeyEnvironment: String? = nil, quantizationBits: Double? = nil, contextWindow: Int = 8192,
    slots: Int = 1, price: Price = .init(), local: LocalServer? = nil
  ) {
    self.name = name
    self.api = api
    self.model = model
    self.endpoints = endpoints
    self.apiKeyEnvironment = apiKeyEnvironment
    self.quantizationBits = quantizationBits
    self.contextWindow = contextWindow
    self.slots = slots
    self.price = price
    self.local = local
  }

  /// Whether calls to this tier cost nothing.
  package var isFree: Bool { price.isFree }

  /// The dollar cost of a call's tokens at this tier's price.
  package func cost(input: Int, output: Int, cached: Int = 0) -> Double {
    (Double(input) * price.input + Double(output) * price.output + Double(cached) * price.cached)
      / 1_000_000
  }
}
