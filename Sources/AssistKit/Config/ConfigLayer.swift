/// One configuration file, read and type-checked but not yet merged: every field is optional.
struct ConfigLayer: Sendable {
  /// A tier as one file states it.
  struct PartialTier: Sendable {
    var name: String
    var file: String
    var line: Int
    var api: Tier.API?
    var model: String?
    var endpoints: [String]?
    var apiKeyEnvironment: String?
    var enabledWhenEnvironment: String?
    var quantizationBits: Double?
    var contextWindow: Int?
    var slots: Int?
    var price: Tier.Price?
    var local: Tier.LocalServer?

    /// `other`'s stated fields replace this tier's.
    mutating func merge(_ other: PartialTier) {
      file = other.file
      line = other.line
      api = other.api ?? api
      model = other.model ?? model
      endpoints = other.endpoints ?? endpoints
      apiKeyEnvironment = other.apiKeyEnvironment ?? apiKeyEnvironment
      enabledWhenEnvironment = other.enabledWhenEnvironment ?? enabledWhenEnvironment
      quantizationBits = other.quantizationBits ?? quantizationBits
      contextWindow = other.contextWindow ?? contextWindow
      slots = other.slots ?? slots
      price = other.price ?? price
      local = other.local ?? local
    }
  }

  var file: String
  var tiers: [PartialTier] = []
  var budgets = AssistConfig.Budgets()
  var verifyCommand: String?
  var verifyTimeout: Int?
  var verifyTargetedTimeout: Int?
  var checkCommands: [String: String] = [:]
  var reconcilePrecedence: [String]?

  /// Reads and type-checks one file's text.
  init(text: String, file: String) throws {
    self.file = file
    let root = try YAMLValue.parse(text, file: file)
    if case .null = root { return }
    var reader = try YAMLReader(root, file: file, context: "the config")
    if let tiers = reader.value("tiers") {
      guard case .sequence(let items, _) = tiers else {
        throw reader.error("tiers", "'tiers' must be a list of tiers")
      }
      var names: Set<String> = []
      for item in items {
        let tier = try Self.tier(item, file: file)
        guard names.insert(tier.name).inserted else {
          throw ConfigError(
            file: file, line: tier.line, message: "tier '\(tier.name)' is defined twice")
        }
        self.tiers.append(tier)
      }
    }
    if let budgets = reader.value("budgets") {
      var b = try YAMLReader(budgets, file: file, context: "budgets")
      self.budgets = .init(
        perTask: try Self.nonNegative(&b, "per_task"), perDay: try Self.nonNegative(&b, "per_day"),
        perMonth: try Self.nonNegative(&b, "per_month"))
      try b.finish()
    }
    if let verify = reader.value("verify") {
      var v = try YAMLReader(verify, file: file, context: "verify")
      verifyCommand = try v.string("command")
      verifyTimeout = try v.int("timeout_seconds")
      if let t = verifyTimeout, t <= 0 {
        throw v.error("timeout_seconds", "timeout_seconds must be > 0")
      }
      verifyTargetedTimeout = try v.int("targeted_timeout_seconds")
      if let t = verifyTargetedTimeout, t <= 0 {
        throw v.error("targeted_timeout_seconds", "targeted_timeout_seconds must be > 0")
      }
      try v.finish()
    }
    if let gate = reader.value("gate") {
      var g = try YAMLReader(gate, file: file, context: "gate")
      if let commands = g.value("check_commands") {
        guard case .mapping(let entries, _) = commands else {
          throw g.error("check_commands", "check_commands maps a file extension to a command")
        }
        for entry in entries {
          guard case .scalar(let command, _) = entry.value, command.contains("{file}") else {
            throw ConfigError(
              file: file, line: entry.keyLine,
              message: "check command for '.\(entry.key)' must be a string containing {file}")
          }
          checkCommands[entry.key] = command
        }
      }
      try g.finish()
    }
    if let reconcile = reader.value("reconcile") {
      var r = try YAMLReader(reconcile, file: file, context: "reconcile")
      if let kinds = try r.strings("precedence") {
        for kind in kinds where AgentDefinition.Kind(rawValue: kind) == nil {
          var line: Int? = r.error("precedence", "").line
          if case .sequence(let items, _) = r.value("precedence"),
            let item = items.first(where: {
              if case .scalar(let text, _) = $0 { return text == kind } else { return false }
            })
          {
            line = item.line
          }
          throw ConfigError(
            file: file, line: line,
            message: "unknown agent kind '\(kind)' in reconcile.precedence (kinds: "
              + AgentDefinition.Kind.allCases.map(\.rawValue).joined(separator: ", ") + ")")
        }
        reconcilePrecedence = kinds
      }
      try r.finish()
    }
    try reader.finish()
  }

  private static func nonNegative(_ r: inout YAMLReader, _ key: String) throws -> Double? {
    guard let value = try r.double(key) else { return nil }
    guard value >= 0 else { throw r.error(key, "'\(key)' must not be negative") }
    return value
  }

  private static func tier(_ value: YAMLValue, file: String) throws -> PartialTier {
    var r = try YAMLReader(value, file: file, context: "a tier")
    let name = try r.requiredString("name")
    r = try YAMLReader(value, file: file, context: "tier '\(name)'")
    _ = try r.string("name")
    var tier = PartialTier(name: name, file: file, line: value.line)
    if let api = try r.string("api") {
      guard let parsed = Tier.API(rawValue: api) else {
        throw r.error("api", "api must be one of: openai, anthropic (got '\(api)')")
      }
      tier.api = parsed
    }
    tier.model = try r.string("model")
    tier.endpoints = try r.strings("endpoints")
    for url in tier.endpoints ?? [] {
      if let problem = EndpointURL.problem(url) {
        throw r.error("endpoints", "endpoint '\(url)' \(problem)")
      }
    }
    tier.apiKeyEnvironment = try r.string("api_key_env")
    tier.enabledWhenEnvironment = try r.string("enabled_when_env")
    tier.quantizationBits = try r.double("quantization_bits")
    tier.contextWindow = try r.int("context_window")
    if let c = tier.contextWindow, c < 256 {
      throw r.error("context_window", "context_window must be ≥ 256")
    }
    tier.slots = try r.int("slots")
    if let s = tier.slots, s < 1 { throw r.error("slots", "slots must be ≥ 1") }
    if let price = r.value("price") {
      var p = try YAMLReader(price, file: file, context: "the price of tier '\(name)'")
      tier.price = .init(
        input: try nonNegative(&p, "input") ?? 0, output: try nonNegative(&p, "output") ?? 0,
        cached: try nonNegative(&p, "cached") ?? 0)
      try p.finish()
    }
    if let local = r.value("local") {
      var l = try YAMLReader(local, file: file, context: "the local server of tier '\(name)'")
      let port = try l.int("port") ?? 0
      guard (1...65535).contains(port) else { throw l.error("port", "local port must be 1…65535") }
      tier.local = .init(
        modelFile: try l.requiredString("model_file"), port: port,
        context: try l.int("context") ?? 8192, threads: try l.int("threads") ?? 2,
        sha256: try l.string("sha256")?.lowercased(),
        speculative: try l.value("speculative").flatMap {
          try speculation($0, file: file, tier: name)
        })
      try l.finish()
    }
    try r.finish()
    return tier
  }
}
