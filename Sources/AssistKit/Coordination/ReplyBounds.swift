/// The limits and the early check of one sub-agent call, from the tier, the agent's `max_tokens`,
/// the edit format and the slice the model sees: a reply longer than its slice can justify, or
/// already malformed for its format, is cut off instead of waited for.
struct ReplyBounds {
  /// The edit format of the reply, if it is an edit.
  var format: (any EditFormat)?
  /// The bytes of the files the model rewrites (the scope's files, or the focused function).
  var sliceBytes: Int
  /// The file a pathless edit belongs to, as the parser will read it.
  var defaultPath: String?

  /// Room a rewrite gets beyond its slice: the slice may grow by this factor plus a margin.
  private static let growth = 2
  private static let margin = 4096

  /// The call's limits: ``CallLimits/forCall(tier:maxTokens:promptTokens:format:)``, with the
  /// byte cap lowered to what rewriting the slice can take (whole-file and function formats).
  func limits(tier: Tier, maxTokens: Int, promptTokens: Int) -> CallLimits {
    var limits = CallLimits.forCall(
      tier: tier, maxTokens: maxTokens, promptTokens: promptTokens, format: format?.name)
    if let format, format is WholeFileFormat || format is FunctionFormat, sliceBytes > 0 {
      limits.maxReplyBytes = min(limits.maxReplyBytes, sliceBytes * Self.growth + Self.margin)
    }
    return limits
  }

  /// The format's early check, bound to the default path.
  var check: ModelClient.ReplyCheck? {
    guard let format else { return nil }
    let defaultPath = self.defaultPath
    return { format.earlyProblem(partial: $0, defaultPath: defaultPath) }
  }
}
