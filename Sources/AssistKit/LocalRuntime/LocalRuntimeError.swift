/// Why the bundled local model server cannot be used.
package enum LocalRuntimeError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The model file is missing, truncated or not a GGUF.
  case badModelFile(path: String, reason: String)
  /// The model file's hash does not match the one it was assembled with.
  case hashMismatch(path: String)
  /// The Python runtime (xllamacpp) is not installed.
  case runtimeMissing(python: String)
  /// Something else already listens on the tier's port.
  case portInUse(port: Int, tier: String)
  /// The server process exited while starting.
  case exitedDuringStart(tier: String, logTail: String, log: String)
  /// The server did not answer `/health` in time.
  case startTimedOut(tier: String, seconds: Int, log: String)
  /// The tier has no `local:` section.
  case notLocal(tier: String)

  package var description: String {
    switch self {
    case .badModelFile(let path, let reason):
      "model file \(path) is not usable (\(reason)); run scripts/setup to assemble the models"
    case .hashMismatch(let path):
      "model file \(path) does not match its sha256; delete it and run scripts/setup"
    case .runtimeMissing(let python):
      "the local model runtime is not installed (\(python) cannot import xllamacpp); run scripts/setup"
    case .portInUse(let port, let tier):
      "port \(port) for tier \(tier) is already in use by another program; stop it or set local.port for \(tier) in ~/.config/assist/config.yaml"
    case .exitedDuringStart(let tier, let tail, let log):
      "the server for \(tier) exited while starting: \(tail) (full log: \(log))"
    case .startTimedOut(let tier, let seconds, let log):
      "the server for \(tier) did not become healthy within \(seconds)s and was stopped (log: \(log))"
    case .notLocal(let tier):
      "tier \(tier) is not run by the bundled server (it has no local: section)"
    }
  }
}
