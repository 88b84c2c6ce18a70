/// Environment variables hold API keys; no description, dump or mirror of an ``Environment``
/// may show their values.
extension Environment: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
  package var description: String {
    "Environment(\(variables.count) variables, paths: \(paths.stateDirectory))"
  }

  package var debugDescription: String { description }

  package var customMirror: Mirror {
    Mirror(self, children: ["variables": "(\(variables.count) hidden)", "paths": paths])
  }
}
