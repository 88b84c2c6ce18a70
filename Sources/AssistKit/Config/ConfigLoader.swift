/// Loads the configuration: the install's defaults, the user's file, then the repository's.
package enum ConfigLoader {
  /// The files read, lowest precedence first.
  /// - Parameters:
  ///   - paths: Where the install and the user's config live.
  ///   - repositoryRoot: The repository's work tree, if inside one.
  package static func files(paths: AssistPaths, repositoryRoot: String?) -> [String] {
    var files = [paths.installDirectory + "/share/default-config.yaml"]
    files.append(paths.configDirectory + "/config.yaml")
    if let repositoryRoot { files.append(repositoryRoot + "/.assist/config.yaml") }
    return files
  }

  /// Reads, validates and merges the configuration files that exist.
  /// - Parameters:
  ///   - paths: Where the install and the user's config live.
  ///   - repositoryRoot: The repository's work tree, if inside one.
  ///   - variables: The environment (decides which `enabled_when_env` tiers are on).
  /// - Returns: The merged configuration.
  /// - Throws: ``ConfigError`` naming the file and line of the first problem.
  package static func load(
    paths: AssistPaths, repositoryRoot: String?, variables: [String: String]
  ) throws -> AssistConfig {
    var texts: [(file: String, text: String)] = []
    for file in files(paths: paths, repositoryRoot: repositoryRoot) {
      guard let text = try FileSystem.readTextIfPresent(file) else { continue }
      texts.append((file, text))
    }
    return try merge(texts, variables: variables)
  }

  /// Validates and merges configuration texts, lowest precedence first.
  /// - Throws: ``ConfigError`` naming the file and line of the first problem.
  package static func merge(
    _ texts: [(file: String, text: String)], variables: [String: String]
  ) throws -> AssistConfig {
    let layers = try texts.map { try ConfigLayer(text: $0.text, file: $0.file) }
    var tiers: [ConfigLayer.PartialTier] = []
    var budgets = AssistConfig.Budgets()
    var verify = AssistConfig.Verify()
    var checks: [String: String] = [:]
    var precedence: [String] = []
    for layer in layers {
      for tier in layer.tiers {
        if let i = tiers.firstIndex(where: { $0.name == tier.name }) {
          tiers[i].merge(tier)
        } else {
          tiers.append(tier)
        }
      }
      budgets.perTask = layer.budgets.perTask ?? budgets.perTask
      budgets.perDay = layer.budgets.perDay ?? budgets.perDay
      budgets.perMonth = layer.budgets.perMonth ?? budgets.perMonth
      verify.command = layer.verifyCommand ?? verify.command
      verify.timeoutSeconds = layer.verifyTimeout ?? verify.timeoutSeconds
      verify.targetedTimeoutSeconds = layer.verifyTargetedTimeout ?? verify.targetedTimeoutSeconds
      checks.merge(layer.checkCommands) { _, new in new }
      precedence = layer.reconcilePrecedence ?? precedence
    }
    var enabled: [Tier] = []
    var disabled: [String: String] = [:]
    var all: [Tier] = []
    for partial in tiers {
      let tier = try finalize(partial)
      all.append(tier)
      if let gate = partial.enabledWhenEnvironment, (variables[gate] ?? "").isEmpty {
        disabled[tier.name] = "\(gate) is not set"
      } else {
        enabled.append(tier)
      }
    }
    var config = AssistConfig(
      tiers: enabled, disabledTiers: disabled, allTiers: all, budgets: budgets, verify: verify,
      checkCommands: checks, sources: texts.map(\.file))
    config.reconcilePrecedence = precedence
    return config
  }

  private static func finalize(_ p: ConfigLayer.PartialTier) throws -> Tier {
    func missing(_ key: String) -> ConfigError {
      ConfigError(file: p.file, line: p.line, message: "tier '\(p.name)' needs '\(key)'")
    }
    guard let model = p.model else { throw missing("model") }
    var endpoints = p.endpoints ?? []
    if endpoints.isEmpty, let local = p.local { endpoints = ["http://127.0.0.1:\(local.port)"] }
    guard !endpoints.isEmpty else { throw missing("endpoints") }
    return Tier(
      name: p.name, api: p.api ?? .openai, model: model, endpoints: endpoints,
      apiKeyEnvironment: p.apiKeyEnvironment, quantizationBits: p.quantizationBits,
      contextWindow: p.contextWindow ?? 8192, slots: p.slots ?? 1, price: p.price ?? .init(),
      local: p.local)
  }
}

extension ConfigLoader {
  /// The work tree root containing `directory` (the nearest ancestor with a `.git`), if any.
  package static func repositoryRoot(from directory: String) -> String? {
    var path = directory
    while !path.isEmpty {
      if FileSystem.exists(path + "/.git") { return path }
      guard let slash = path.lastIndex(of: "/"), path != "/" else { return nil }
      path = slash == path.startIndex ? (path == "/" ? "" : "/") : String(path[..<slash])
      if path == "/" {
        return FileSystem.exists("/.git") ? "/" : nil
      }
    }
    return nil
  }
}
