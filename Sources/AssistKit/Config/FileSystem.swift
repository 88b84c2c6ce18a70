import FoundationEssentials

/// The few file operations AssistKit needs, with errors that name the path.
package enum FileSystem {
  /// The UTF-8 text of `path`, or `nil` when no file is there.
  /// - Throws: ``ConfigError`` when the file exists but cannot be read as UTF-8.
  package static func readTextIfPresent(_ path: String) throws -> String? {
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ConfigError(file: path, line: nil, message: "cannot be read (check its permissions)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ConfigError(file: path, line: nil, message: "is not UTF-8 text")
    }
    return text
  }

  /// Creates `path` and its parents if needed.
  package static func makeDirectory(_ path: String) throws {
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  /// Whether a file or directory exists at `path`.
  package static func exists(_ path: String) -> Bool {
    FileManager.default.fileExists(atPath: path)
  }
}
