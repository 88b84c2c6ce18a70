extension RoutingPriors {
  /// The priors file's path inside an install.
  /// - Parameter paths: Where the install lives.
  package static func defaultFile(paths: AssistPaths) -> String {
    paths.installDirectory + "/share/routing-priors.yaml"
  }

  /// Reads and validates a priors file.
  /// - Parameter file: The YAML file.
  /// - Throws: ``ConfigError`` naming the file and line of the first problem.
  package static func load(file: String) throws -> RoutingPriors {
    guard let text = try FileSystem.readTextIfPresent(file) else {
      throw ConfigError(file: file, line: nil, message: "the routing priors file is missing")
    }
    return try parse(text, file: file)
  }

  /// Parses a priors document: `version: 1`, `weight`, and a `priors` list of
  /// `{work, format, tier, pass_rate, source}`.
  /// - Throws: ``ConfigError`` naming the file and line of the first problem.
  package static func parse(_ text: String, file: String) throws -> RoutingPriors {
    var priors = RoutingPriors()
    let root = try YAMLValue.parse(text, file: file)
    if case .null = root { return priors }
    var r = try YAMLReader(root, file: file, context: "the routing priors")
    if let version = try r.int("version"), version != 1 {
      throw r.error("version", "routing priors version \(version) is not supported (expected 1)")
    }
    if let weight = try r.double("weight") {
      guard weight >= 0 else { throw r.error("weight", "weight must be a count ≥ 0") }
      priors.weight = weight
    }
    if let list = r.value("priors") {
      guard case .sequence(let items, _) = list else {
        throw r.error("priors", "'priors' must be a list of {work, format, tier, pass_rate}")
      }
      var seen: Set<String> = []
      for item in items {
        var p = try YAMLReader(item, file: file, context: "a prior")
        let entry = Entry(
          work: try p.requiredString("work"), format: try p.requiredString("format"),
          tier: try p.requiredString("tier"),
          passRate: try p.double("pass_rate") ?? -1, source: try p.string("source") ?? "")
        try p.finish()
        guard (0...1).contains(entry.passRate) else {
          throw p.error("pass_rate", "pass_rate must be between 0 and 1")
        }
        guard seen.insert("\(entry.work)/\(entry.format)/\(entry.tier)").inserted else {
          throw ConfigError(
            file: file, line: item.line,
            message: "a second prior for \(entry.work), \(entry.format) on \(entry.tier)")
        }
        priors.entries.append(entry)
      }
    }
    try r.finish()
    return priors
  }
}
