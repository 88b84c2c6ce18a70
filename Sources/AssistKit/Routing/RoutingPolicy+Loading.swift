extension RoutingPolicy {
  /// The policy file's path inside an install.
  /// - Parameter paths: Where the install lives.
  package static func defaultFile(paths: AssistPaths) -> String {
    paths.installDirectory + "/share/routing-policy.yaml"
  }

  /// Reads and validates a policy file.
  /// - Parameter file: The YAML file.
  /// - Returns: The policy; keys the file leaves out keep their built-in defaults.
  /// - Throws: ``ConfigError`` naming the file and line of the first problem.
  package static func load(file: String) throws -> RoutingPolicy {
    guard let text = try FileSystem.readTextIfPresent(file) else {
      throw ConfigError(file: file, line: nil, message: "the routing policy file is missing")
    }
    return try parse(text, file: file)
  }

  /// Parses a policy document.
  /// - Parameters:
  ///   - text: The YAML text.
  ///   - file: The file name, for errors.
  /// - Throws: ``ConfigError`` naming the file and line of the first problem.
  package static func parse(_ text: String, file: String) throws -> RoutingPolicy {
    var policy = RoutingPolicy()
    let root = try YAMLValue.parse(text, file: file)
    if case .null = root { return policy }
    try policy.apply(root, file: file)
    return policy
  }

  /// Overrides this policy with the keys present in `value` (a policy mapping).
  /// - Throws: ``ConfigError`` naming the file and line of the first problem.
  package mutating func apply(_ value: YAMLValue, file: String) throws {
    var r = try YAMLReader(value, file: file, context: "the routing policy")
    if let version = try r.int("version"), version != 1 {
      throw r.error("version", "routing policy version \(version) is not supported (expected 1)")
    }
    if let kinds = r.value("kinds") { try applyKinds(kinds, file: file) }
    if let table = r.value("difficulty") {
      _ = try YAMLReader(table, file: file, context: "difficulty")  // rejects duplicate keys
      guard case .mapping(let entries, _) = table else { return }
      for entry in entries {
        guard let level = Int(entry.key), (1...5).contains(level) else {
          throw ConfigError(
            file: file, line: entry.keyLine, message: "difficulty must be 1…5, got '\(entry.key)'")
        }
        difficulty[level] = try Self.floor(entry.value, file: file, key: "difficulty \(level)")
      }
    }
    if let rules = r.value("scope") {
      guard case .sequence(let items, _) = rules else {
        throw r.error("scope", "'scope' must be a list of {min_files|min_lines, floor}")
      }
      scope = try items.map { item in
        var s = try YAMLReader(item, file: file, context: "a scope rule")
        let rule = ScopeRule(
          minFiles: try s.int("min_files"), minLines: try s.int("min_lines"),
          floor: try Self.floor(s.value("floor"), file: file, key: "floor", line: item.line))
        guard rule.minFiles != nil || rule.minLines != nil else {
          throw s.error("floor", "a scope rule needs min_files or min_lines")
        }
        try s.finish()
        return rule
      }
    }
    if let identifiers = r.value("identifiers") {
      var i = try YAMLReader(identifiers, file: file, context: "identifiers")
      identifierMinBits = try i.double("min_bits") ?? identifierMinBits
      assumeLocalBits = try i.double("assume_local_bits") ?? assumeLocalBits
      assumeCloudBits = try i.double("assume_cloud_bits") ?? assumeCloudBits
      try i.finish()
    }
    if let value = r.value("history") { try applyHistory(value, file: file) }
    if let value = r.value("budget") { try applyBudget(value, file: file) }
    if let value = r.value("retry") { try applyRetry(value, file: file) }
    try r.finish()
  }

  private mutating func applyKinds(_ value: YAMLValue, file: String) throws {
    _ = try YAMLReader(value, file: file, context: "kinds")  // rejects duplicate keys
    guard case .mapping(let entries, _) = value else { return }
    for entry in entries {
      var k = try YAMLReader(entry.value, file: file, context: "kind '\(entry.key)'")
      let old = entry.key == "default" ? defaultKind : rule(for: entry.key)
      let floor =
        try k.value("floor").map {
          try Self.floor($0, file: file, key: "floor")
        } ?? old.floor
      let rule = KindRule(
        floor: floor,
        identifierSensitive: try k.bool("identifier_sensitive") ?? old.identifierSensitive)
      try k.finish()
      if entry.key == "default" { defaultKind = rule } else { kinds[entry.key] = rule }
    }
  }

  private mutating func applyHistory(_ value: YAMLValue, file: String) throws {
    var h = try YAMLReader(value, file: file, context: "history")
    history.window = try h.int("window") ?? history.window
    history.minAttempts = try h.int("min_attempts") ?? history.minAttempts
    history.minPassRate = try h.double("min_pass_rate") ?? history.minPassRate
    history.maxEscalationRate = try h.double("max_escalation_rate") ?? history.maxEscalationRate
    history.halfLifeDays = try h.double("half_life_days") ?? history.halfLifeDays
    history.confidenceZ = try h.double("confidence_z") ?? history.confidenceZ
    history.sizeBuckets =
      try h.value("size_buckets").map { value in
        guard case .sequence(let items, _) = value else {
          throw h.error("size_buckets", "size_buckets must be a list of line counts")
        }
        return try items.map { item in
          guard case .scalar(let text, _) = item, let lines = Int(text), lines > 0 else {
            throw ConfigError(
              file: file, line: item.line, message: "a size bucket must be a line count > 0")
          }
          return lines
        }
      } ?? history.sizeBuckets
    history.exploreShare = try h.double("explore_share") ?? history.exploreShare
    guard history.window >= 1 else { throw h.error("window", "history window must be at least 1") }
    guard history.halfLifeDays >= 0 else {
      throw h.error("half_life_days", "half_life_days must be ≥ 0 (0: no fading)")
    }
    guard history.confidenceZ >= 0 else {
      throw h.error("confidence_z", "confidence_z must be ≥ 0")
    }
    guard (0...1).contains(history.exploreShare) else {
      throw h.error("explore_share", "explore_share must be between 0 and 1")
    }
    guard (0...1).contains(history.minPassRate) else {
      throw h.error("min_pass_rate", "min_pass_rate must be between 0 and 1")
    }
    guard (0...1).contains(history.maxEscalationRate) else {
      throw h.error("max_escalation_rate", "max_escalation_rate must be between 0 and 1")
    }
    try h.finish()
  }

  private mutating func applyRetry(_ value: YAMLValue, file: String) throws {
    var t = try YAMLReader(value, file: file, context: "retry")
    if let list = t.value("strategies") {
      guard case .sequence(let items, _) = list else {
        throw t.error("strategies", "'strategies' must be a list")
      }
      retry.strategies = try items.map { item in
        guard case .scalar(let text, _) = item, let strategy = RetryStrategy(rawValue: text),
          RetryStrategy.choices.contains(strategy)
        else {
          let names = RetryStrategy.choices.map(\.rawValue).joined(separator: ", ")
          throw ConfigError(
            file: file, line: item.line, message: "a retry strategy must be one of \(names)")
        }
        return strategy
      }
    }
    retry.temperatureStep = try t.double("temperature_step") ?? retry.temperatureStep
    retry.maxTemperature = try t.double("max_temperature") ?? retry.maxTemperature
    retry.sameFailureEscalates =
      try t.bool("same_failure_escalates") ?? retry.sameFailureEscalates
    retry.samples = try t.int("samples") ?? retry.samples
    retry.sampleTemperature = try t.double("sample_temperature") ?? retry.sampleTemperature
    retry.mutants = try t.int("mutants") ?? retry.mutants
    retry.mutantSeconds = try t.double("mutant_seconds") ?? retry.mutantSeconds
    retry.mutantTestSeconds = try t.double("mutant_test_seconds") ?? retry.mutantTestSeconds
    retry.mutantWorkers = try t.int("mutant_workers") ?? retry.mutantWorkers
    guard (1...16).contains(retry.mutantWorkers) else {
      throw t.error("mutant_workers", "mutant_workers must be between 1 and 16")
    }
    guard (0...1_000).contains(retry.mutants) else {
      throw t.error("mutants", "mutants must be between 0 and 1000")
    }
    guard retry.mutantSeconds > 0, retry.mutantTestSeconds > 0 else {
      throw t.error("mutant_seconds", "mutant_seconds and mutant_test_seconds must be > 0")
    }
    guard retry.temperatureStep >= 0, (0...2).contains(retry.maxTemperature) else {
      throw t.error("temperature_step", "temperatures must be ≥ 0 and max_temperature ≤ 2")
    }
    guard (0...32).contains(retry.samples) else {
      throw t.error("samples", "samples must be between 0 and 32")
    }
    guard (0...2).contains(retry.sampleTemperature) else {
      throw t.error("sample_temperature", "sample_temperature must be between 0 and 2")
    }
    try t.finish()
  }

  private mutating func applyBudget(_ value: YAMLValue, file: String) throws {
    var b = try YAMLReader(value, file: file, context: "budget")
    budget.downgradeToFree = try b.bool("downgrade_to_free") ?? budget.downgradeToFree
    budget.reservationTTL = try b.double("reservation_ttl_seconds") ?? budget.reservationTTL
    if let caps = b.value("tier_daily_caps") {
      var c = try YAMLReader(caps, file: file, context: "tier_daily_caps")
      guard case .mapping(let entries, _) = caps else { return }
      for entry in entries {
        guard let cap = try c.double(entry.key), cap >= 0 else {
          throw c.error(entry.key, "the cap for tier '\(entry.key)' must be a dollar amount ≥ 0")
        }
        budget.tierDailyCaps[entry.key] = cap
      }
      try c.finish()
    }
    try b.finish()
  }

  private static func floor(
    _ value: YAMLValue?, file: String, key: String, line: Int? = nil
  ) throws -> TierFloor {
    guard let value else {
      throw ConfigError(file: file, line: line, message: "'\(key)' needs a floor")
    }
    guard case .scalar(let text, _) = value, let floor = TierFloor(text: text) else {
      throw ConfigError(
        file: file, line: value.line,
        message: "'\(key)' must be cheapest, strongest, cloud or a tier index ≥ 0")
    }
    return floor
  }
}
