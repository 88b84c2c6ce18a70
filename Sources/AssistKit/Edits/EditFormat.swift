/// A way for a model to write edits: the instructions it contributes to the prompt, and the parser
/// for the replies (STYLE.md rule 12: edit formats are registered pairs).
package protocol EditFormat: Sendable {
  /// The name agent definitions use (`search-replace`, `udiff`, `whole-file`, `patch`).
  var name: String { get }
  /// The text that tells the model how to write its edits; it goes into the system prompt.
  var instructions: String { get }
  /// Turns a model reply into edits, in the order they appear.
  ///
  /// - Parameter reply: The model's whole reply, prose included.
  /// - Returns: The edits; empty when the reply contains none.
  /// - Throws: ``EditParseError`` when the reply is malformed in a way that cannot be read
  ///   unambiguously.
  func parse(reply: String) throws -> [FileEdit]
}
