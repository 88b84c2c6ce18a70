internal import Foundation

/// Finds the install's data folder (`agents/`, `prompts/`, `share/`) from the running binary.
package enum InstallLocation {
  /// `$ASSIST_HOME` if set, else the nearest ancestor of the executable that holds
  /// `share/default-config.yaml` (a checkout's `.build/release/assist` finds the checkout).
  /// - Parameters:
  ///   - variables: The process environment.
  ///   - executablePath: The running binary (`/proc/self/exe`), symlinks resolved.
  /// - Returns: The folder, or `nil` when none is found.
  package static func find(variables: [String: String], executablePath: String?) -> String? {
    if let home = variables["ASSIST_HOME"], !home.isEmpty { return home }
    guard let executablePath else { return nil }
    var url = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
      .deletingLastPathComponent()
    while url.path != "/" {
      if FileManager.default.fileExists(atPath: url.path + "/share/default-config.yaml") {
        return url.path
      }
      url.deleteLastPathComponent()
    }
    return nil
  }

  /// The running executable's path on Linux.
  package static var currentExecutable: String? {
    try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
  }
}
