/// A way for a model to write edits: the instructions it contributes to the prompt, and the parser
/// for the replies (STYLE.md rule 12: edit formats are registered pairs).
package protocol EditFormat: Sendable {
  /// The name agent definitions use (`search-replace`, `udiff`, `whole-file`, `patch`).
  var name: String { get }
  /// The text that tells the model how to write its edits; it goes into the system prompt.
  var instructions: String { get }
  /// Turns a model reply into edits, in the order they appear.
  ///
  /// - Parameters:
  ///   - reply: The model's whole reply, prose included.
  ///   - defaultPath: The file edits without a written path belong to, when the request had
  ///     exactly one file in scope (small models often leave the path out); `nil` otherwise.
  /// - Returns: The edits; empty when the reply contains none.
  /// - Throws: ``EditParseError`` when the reply is malformed in a way that cannot be read
  ///   unambiguously.
  func parse(reply: String, defaultPath: String?) throws -> [FileEdit]

  /// Why a reply that is still streaming is already unusable in this format, or `nil` while it
  /// may still turn out well. Called at each line end with the reply so far; it must be cheap and
  /// must never refuse what ``parse(reply:defaultPath:)`` would accept.
  /// - Parameters:
  ///   - partial: The reply so far.
  ///   - defaultPath: As for ``parse(reply:defaultPath:)``.
  /// - Returns: The problem, one line, for the model's feedback.
  func earlyProblem(partial: String, defaultPath: String?) -> String?
}

extension EditFormat {
  /// Formats without an early check wait for the whole reply.
  package func earlyProblem(partial: String, defaultPath: String?) -> String? { nil }

  /// Turns a model reply into edits; every edit must name its file.
  ///
  /// - Parameter reply: The model's whole reply.
  /// - Returns: The edits, in order.
  /// - Throws: ``EditParseError`` for a malformed reply.
  package func parse(reply: String) throws -> [FileEdit] {
    try parse(reply: reply, defaultPath: nil)
  }
}
