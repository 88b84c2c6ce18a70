/// The reviewer's side of `assist review`: keys in, text out, and the editor.
///
/// The executable provides a terminal one (single keys in raw mode, or lines when standard input
/// is not a terminal); tests provide a scripted one.
package protocol ReviewConsole {
  /// Writes `text` as is.
  /// - Parameter text: Text, usually ending in a newline.
  func write(_ text: String)

  /// The next key (or the first character of the next line), or `nil` at end of input.
  /// - Returns: The key.
  mutating func readKey() -> Character?

  /// Opens `path` in the reviewer's editor and waits for it to close.
  /// - Parameter path: A temporary file.
  /// - Throws: When the editor cannot be started or fails.
  mutating func edit(_ path: String) throws
}
