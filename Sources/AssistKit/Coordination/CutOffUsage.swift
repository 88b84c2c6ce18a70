/// What a call cut off on assist's side consumed, for billing and the spans: the server processed
/// the prompt and generated what arrived, though no usage chunk came back.
enum CutOffUsage {
  /// The estimated usage of a call that failed with `error`.
  /// - Parameters:
  ///   - error: The call's failure.
  ///   - promptTokens: The prompt's estimated length.
  /// - Returns: The usage for a cut-off reply, or `nil` for failures that generated nothing to
  ///   bill (refused, unreachable).
  static func estimate(_ error: ProviderError, promptTokens: Int) -> Usage? {
    guard case .cutOff(let partialText, _) = error else { return nil }
    return Usage(
      inputTokens: promptTokens, outputTokens: RepoContext.estimatedTokens(partialText))
  }
}
