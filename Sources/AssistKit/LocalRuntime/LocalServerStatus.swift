/// The state of one local tier's server, as `assist local status` and `assist models` show it.
package struct LocalServerStatus: Sendable, Codable, Equatable {
  /// Whether it runs and answers.
  package enum State: String, Sendable, Codable {
    /// Running and `/health` says ok.
    case healthy
    /// Running but not answering `/health` (loading, hung or crashed mid-way).
    case unresponsive
    /// Not running.
    case stopped
    /// A record exists but its process is gone.
    case crashed
  }

  /// The tier.
  package var tier: String
  /// The state.
  package var state: State
  /// The process id, when running.
  package var pid: Int32?
  /// The port.
  package var port: Int
  /// The model file.
  package var modelPath: String
  /// Quantization from the GGUF header (e.g. `Q4_K_M`).
  package var quantization: String?
  /// Nominal bits per weight.
  package var quantizationBits: Double?
  /// Context one request can use (from `/props`: the server splits its total over its slots).
  package var contextSize: Int
  /// Slots (parallel sequences) the server runs (from `/props`), or configured.
  package var slots: Int
  /// A one-line explanation for anything but healthy.
  package var note: String?
}
