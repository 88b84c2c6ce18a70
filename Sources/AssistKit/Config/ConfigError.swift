/// A configuration or definition file that cannot be used, with where and why.
package struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file (as the user would type it).
  package var file: String
  /// The 1-based line, when known.
  package var line: Int?
  /// What is wrong and, where possible, how to fix it.
  package var message: String

  /// Creates an error.
  package init(file: String, line: Int?, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  package var description: String {
    if let line { return "\(file):\(line): \(message)" }
    return "\(file): \(message)"
  }
}
