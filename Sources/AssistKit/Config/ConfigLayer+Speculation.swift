extension ConfigLayer {
  /// Reads and validates `local.speculative` of a tier: `{mode: ngram | draft, draft_model_file,
  /// n_max, n_min, p_min, ngram_size}`, or `off`.
  /// - Parameters:
  ///   - value: The YAML value.
  ///   - file: The file, for errors.
  ///   - tier: The tier's name, for errors.
  /// - Returns: The setting, or `nil` for `off`.
  /// - Throws: ``ConfigError`` with the file and line for a bad mode, a draft without its model,
  ///   or a number out of range.
  static func speculation(_ value: YAMLValue, file: String, tier: String) throws -> Speculation? {
    if case .scalar(let text, _) = value, ["off", "none", "false"].contains(text) { return nil }
    var r = try YAMLReader(value, file: file, context: "the speculative decoding of tier '\(tier)'")
    let modes = Speculation.Mode.allCases.map(\.rawValue).joined(separator: ", ")
    let name = try r.requiredString("mode")
    guard let mode = Speculation.Mode(rawValue: name) else {
      throw r.error("mode", "speculative mode must be one of: \(modes), or off (got '\(name)')")
    }
    var speculation = Speculation(mode: mode)
    speculation.draftModelFile = try r.string("draft_model_file")
    if mode == .draft, speculation.draftModelFile == nil {
      throw r.error("mode", "speculative mode draft needs draft_model_file")
    }
    if mode == .ngram, speculation.draftModelFile != nil {
      throw r.error("draft_model_file", "draft_model_file is for mode draft, not ngram")
    }
    speculation.maxDraft = try positive(&r, "n_max", upTo: 256)
    speculation.minDraft = try r.int("n_min")
    if let n = speculation.minDraft, n < 0 || n > (speculation.maxDraft ?? 256) {
      throw r.error("n_min", "n_min must be 0…n_max")
    }
    speculation.minProbability = try r.double("p_min")
    if let p = speculation.minProbability, !(0...1).contains(p) {
      throw r.error("p_min", "p_min must be 0…1")
    }
    speculation.ngramSize = try positive(&r, "ngram_size", upTo: 64)
    try r.finish()
    return speculation
  }

  private static func positive(_ r: inout YAMLReader, _ key: String, upTo limit: Int) throws
    -> Int?
  {
    guard let value = try r.int(key) else { return nil }
    guard (1...limit).contains(value) else { throw r.error(key, "\(key) must be 1…\(limit)") }
    return value
  }
}
