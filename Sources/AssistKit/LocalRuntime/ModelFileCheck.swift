internal import Foundation
internal import Subprocess
internal import SystemPackage

/// Verifies a model file against its expected sha256 (the bundled models' are in the config).
package enum ModelFileCheck {
  /// The outcome of checking one file.
  package enum Outcome: Sendable, Equatable {
    /// The hash matches.
    case verified
    /// No expected hash is configured; the header was readable.
    case unverified
    /// The file is absent.
    case missing
    /// The hash differs.
    case mismatch(actual: String)
  }

  /// Hashes `path` with `sha256sum` (streaming, ~1 GB/s) and compares it with `expected`.
  package static func verify(path: String, expected: String?) async -> Outcome {
    guard FileManager.default.fileExists(atPath: path) else { return .missing }
    guard let expected else { return .unverified }
    let result = try? await Subprocess.run(
      .path("/usr/bin/sha256sum"), arguments: [path], output: .string(limit: 4096))
    let actual = result?.standardOutput.split(separator: " ").first.map(String.init) ?? "unknown"
    return actual == expected ? .verified : .mismatch(actual: actual)
  }
}
