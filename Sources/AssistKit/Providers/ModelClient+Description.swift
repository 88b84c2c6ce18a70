/// Descriptions of a client never show the environment's values (API keys among them).
extension ModelClient: CustomStringConvertible, CustomReflectable {
  /// One line: retry and timeout settings, never the environment.
  package var description: String {
    "ModelClient(\(retry.maxAttempts) attempts per endpoint, timeouts \(timeouts))"
  }

  /// A mirror listing the names of the environment variables but none of their values.
  package var customMirror: Mirror {
    Mirror(
      self,
      children: [
        "variables": variables.keys.sorted(), "maxAttempts": retry.maxAttempts,
        "timeouts": timeouts,
      ])
  }
}
