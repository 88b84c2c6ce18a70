/// Watches a streamed reply as it grows: its size against the call's cap, and (at each completed
/// line) its shape against a check, so that a reply that is too long or already unusable is cut
/// off rather than waited for.
struct ReplyWatch {
  /// The call's caps.
  let limits: CallLimits
  /// The format's early check, if any.
  let check: ModelClient.ReplyCheck?
  /// The reply text so far.
  private(set) var text = ""
  private var bytes = 0

  /// Creates a watch.
  init(limits: CallLimits, check: ModelClient.ReplyCheck?) {
    self.limits = limits
    self.check = check
  }

  /// Adds one streamed piece.
  /// - Parameters:
  ///   - delta: The text it added.
  ///   - pieces: Pieces so far, this one included.
  /// - Returns: Why the reply must be cut off now, or `nil`.
  mutating func add(_ delta: String, pieces: Int) -> String? {
    text += delta
    bytes += delta.utf8.count
    if pieces > limits.maxReplyTokens {
      return "the reply passed \(limits.maxReplyTokens) tokens\(limits.suffix)"
    }
    if bytes > limits.maxReplyBytes {
      return "the reply passed \(limits.maxReplyBytes) bytes\(limits.suffix)"
    }
    guard let check, delta.contains("\n") else { return nil }
    return check(text)
  }

  /// The raw bytes a stream may carry for this reply (text, JSON framing and usage chunks) before
  /// it counts as a flood.
  /// Each streamed token arrives in its own event of ~250 bytes of JSON framing (llama.cpp);
  /// this only guards against a flood, so it allows 1 KiB a token (the token cap cuts first).
  var maxStreamBytes: Int { max(limits.maxReplyTokens, 1) * 1024 + (64 << 10) }
}
