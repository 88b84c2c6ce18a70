package import HTTP

/// The dependencies every AssistKit entry point receives instead of reaching for globals.
///
/// `Environment.live(...)` is built once by the executable; tests build their own.
package struct Environment: Sendable {
  /// The process environment variables (keys are read from here, never stored).
  package var variables: [String: String]
  /// The network.
  package var transport: any HTTPTransport
  /// The clock for timeouts, cooldowns and spans.
  package var clock: any Clock<Duration>
  /// Where assist keeps its files.
  package var paths: AssistPaths
  /// When a failing endpoint is benched; each run keeps its own record book with these thresholds.
  package var endpointHealth: EndpointHealth.Policy

  /// Creates an environment.
  package init(
    variables: [String: String], transport: any HTTPTransport,
    clock: any Clock<Duration> = ContinuousClock(), paths: AssistPaths,
    endpointHealth: EndpointHealth.Policy = .init()
  ) {
    self.variables = variables
    self.transport = transport
    self.clock = clock
    self.paths = paths
    self.endpointHealth = endpointHealth
  }
}
