internal import Subprocess

/// The environment test commands run with: the user's, minus anything that looks like a secret.
package enum ChildEnvironment {
  /// Name suffixes that mark a secret (compared case-insensitively).
  package static let secretSuffixes = ["_API_KEY", "_TOKEN", "_SECRET", "_PASSWORD", "_ACCESS_KEY"]
  /// Names that are secrets whatever their suffix.
  package static let secretNames: Set<String> = ["ANTHROPIC_API_KEY", "OPENAI_API_KEY"]

  /// Variables that would point git in the child at the user's repository (set inside git hooks)
  /// instead of the scratch copy.
  package static let repositoryPointers: Set<String> = [
    "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
  ]

  /// `variables` without API keys, tokens and secrets, and without git repository pointers.
  ///
  /// - Parameter variables: The process environment (from ``Environment/variables``).
  /// - Returns: The variables a child process may see.
  package static func trimmed(_ variables: [String: String]) -> [String: String] {
    variables.filter { !isSecret($0.key) && !repositoryPointers.contains($0.key) }
  }

  /// Whether a variable called `name` must not reach a child process.
  package static func isSecret(_ name: String) -> Bool {
    let upper = name.uppercased()
    return secretNames.contains(upper) || secretSuffixes.contains(where: upper.hasSuffix)
  }

  /// `variables` as Subprocess's keys (names it cannot represent are dropped).
  static func keys(_ variables: [String: String]) -> [Subprocess.Environment.Key: String] {
    var result: [Subprocess.Environment.Key: String] = [:]
    for (name, value) in variables {
      if let key = Subprocess.Environment.Key(rawValue: name) { result[key] = value }
    }
    return result
  }
}
