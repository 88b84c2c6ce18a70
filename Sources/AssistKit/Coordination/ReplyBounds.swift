internal import Foundation

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

  /// The format's early check, bound to the default path, then the check for a reply stuck
  /// repeating itself.
  var check: ModelClient.ReplyCheck? {
    guard let format else { return nil }
    let defaultPath = self.defaultPath
    return {
      format.earlyProblem(partial: $0, defaultPath: defaultPath) ?? Self.repetition(in: $0)
    }
  }

  /// Fewest repeats of one block, and fewest lines they span, before a reply counts as stuck.
  static let stuckRepeats = 4
  static let stuckLines = 20

  /// Why `partial` is stuck in a loop, or `nil`: its last lines are one block of 1–12 lines
  /// sent again and again (a small model's degenerate tail, which otherwise runs on to the
  /// token cap). Code rarely repeats a block four times and twenty lines in a row.
  static func repetition(in partial: String) -> String? {
    let lines = partial.split(separator: "\n", omittingEmptySubsequences: false).suffix(120)
      .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    for length in 1...12 {
      var repeats = 1
      while (repeats + 1) * length <= lines.count {
        let end = lines.count - repeats * length
        if lines[(end - length)..<end] != lines[end..<(end + length)] { break }
        repeats += 1
      }
      if repeats >= stuckRepeats, repeats * length >= stuckLines {
        return "the reply repeats the same \(length) line(s) \(repeats) times in a row"
      }
    }
    return nil
  }
}
