extension ProviderError {
  /// Whether a request reached a server before this error: not for an endpoint that was cooling
  /// down or could not be connected to, nor for a request refused before it was sent.
  package var requestSent: Bool {
    switch self {
    case .coolingDown, .unreachable, .invalidRequest: false
    default: true
    }
  }
}
