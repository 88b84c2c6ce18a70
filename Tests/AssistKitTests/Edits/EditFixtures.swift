import AssistTesting
import Foundation

/// Paths and loaders for the fixtures under `Tests/AssistKitTests/Fixtures/edits/`.
enum EditFixtures {
  /// The fixtures folder.
  static let directory = projectRoot + "/Tests/AssistKitTests/Fixtures/edits"

  /// The text of a fixture file, by path relative to ``directory``.
  static func text(_ relativePath: String) throws -> String {
    try String(contentsOfFile: directory + "/" + relativePath, encoding: .utf8)
  }

  /// The JSON fixture at `relativePath`, decoded.
  static func decode<T: Decodable>(_ type: T.Type, _ relativePath: String) throws -> T {
    let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + relativePath))
    return try JSONDecoder().decode(type, from: data)
  }

  /// The names of the files in a fixture subfolder, sorted.
  static func files(in subfolder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory + "/" + subfolder).sorted()
  }
}
