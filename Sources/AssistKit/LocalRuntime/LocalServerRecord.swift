/// What `assist local start` remembers about a server it launched (one JSON file per tier).
package struct LocalServerRecord: Sendable, Codable, Equatable {
  /// The tier the server runs.
  package var tier: String
  /// The server's process id.
  package var pid: Int32
  /// Its loopback port.
  package var port: Int
  /// The GGUF it loaded.
  package var modelPath: String
  /// Its log file.
  package var logPath: String
  /// Seconds since 1970 when it was started.
  package var startedAt: Double

  /// The base URL.
  package var url: String { "http://127.0.0.1:\(port)" }
}
