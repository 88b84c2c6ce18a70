/// Speculative decoding on a bundled llama.cpp server (config `local.speculative`): the server
/// drafts several tokens cheaply and the model checks them in one batch, so replies that copy
/// their input (whole-file edits) decode faster with the same output.
package struct Speculation: Sendable, Equatable, Codable {
  /// Where the drafts come from.
  package enum Mode: String, Sendable, Equatable, Codable, CaseIterable {
    /// Prompt lookup: the tokens that followed the same n-gram earlier in the context.
    case ngram
    /// A smaller model with the same vocabulary (the 0.5B model for the 1.5B).
    case draft
  }

  /// Where the drafts come from.
  package var mode: Mode
  /// The draft model's GGUF file (models cache name or absolute path); `draft` mode only.
  package var draftModelFile: String?
  /// The most tokens drafted per step.
  package var maxDraft: Int?
  /// The fewest drafted tokens worth checking (`draft` mode).
  package var minDraft: Int?
  /// The least probability a draft model's token needs to be proposed (`draft` mode).
  package var minProbability: Double?
  /// Tokens matched to find a continuation (`ngram` mode).
  package var ngramSize: Int?

  /// Creates a speculation setting.
  package init(
    mode: Mode, draftModelFile: String? = nil, maxDraft: Int? = nil, minDraft: Int? = nil,
    minProbability: Double? = nil, ngramSize: Int? = nil
  ) {
    self.mode = mode
    self.draftModelFile = draftModelFile
    self.maxDraft = maxDraft
    self.minDraft = minDraft
    self.minProbability = minProbability
    self.ngramSize = ngramSize
  }

  /// The launcher's flags (share/llama_server.py `--spec-*`).
  /// - Parameter draftPath: The draft model's resolved path, in `draft` mode.
  /// - Returns: The flags, in a stable order.
  package func launcherArguments(draftPath: String?) -> [String] {
    var arguments = ["--spec-mode", mode.rawValue]
    if mode == .draft, let draftPath { arguments += ["--draft-model", draftPath] }
    if let maxDraft { arguments += ["--spec-n-max", String(maxDraft)] }
    if let minDraft { arguments += ["--spec-n-min", String(minDraft)] }
    if let minProbability { arguments += ["--spec-p-min", String(minProbability)] }
    if let ngramSize { arguments += ["--ngram-size", String(ngramSize)] }
    return arguments
  }
}
