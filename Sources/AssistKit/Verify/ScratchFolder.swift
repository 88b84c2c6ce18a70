internal import Foundation

#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// Names of assist's scratch folders under the temporary directory, and their cleanup.
///
/// A name is `assist-scratch-<owner pid>-<kind>-<random>`, so a later run can tell whose it is. A
/// folder whose owner is gone was left by a process killed with `SIGKILL` (no `defer` ran): the next
/// run kills whatever still runs inside it (a verify child and its process group) and removes it.
package enum ScratchFolder {
  static let prefix = "assist-scratch-"

  /// A new folder name for this process.
  ///
  /// - Parameter kind: What the folder is for (`verify`, `check`).
  package static func name(kind: String) -> String {
    let random = UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
    return "\(prefix)\(getpid())-\(kind)-\(random)"
  }

  /// The pid that made the folder called `name`, or `nil` for another folder.
  package static func owner(of name: String) -> Int32? {
    guard name.hasPrefix(prefix) else { return nil }
    return Int32(name.dropFirst(prefix.count).prefix { $0 != "-" })
  }

  /// Removes the scratch folders in `parent` whose owner process is gone, first killing every
  /// process still running inside one (with its process group when it leads one).
  ///
  /// - Parameter parent: The folder scratch folders are made in.
  /// - Returns: The folders removed.
  @discardableResult
  package static func removeStale(in parent: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
    var removed: [String] = []
    for name in names.sorted() {
      guard let pid = owner(of: name), pid != getpid(), !isAlive(pid) else { continue }
      let folder = parent + "/" + name
      killProcesses(inside: folder)
      ScratchCopy(path: folder).remove()
      if !FileManager.default.fileExists(atPath: folder) { removed.append(folder) }
    }
    return removed
  }

  private static func isAlive(_ pid: Int32) -> Bool {
    kill(pid, 0) == 0 || errno == EPERM
  }

  /// Kills the processes whose working directory is `folder` or below (Linux `/proc`; elsewhere
  /// nothing is found and only the folder goes).
  private static func killProcesses(inside folder: String) {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    let ownGroup = getpgrp()
    for entry in entries {
      guard let pid = Int32(entry), pid != getpid(),
        let cwd = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(entry)/cwd"),
        cwd == folder || cwd.hasPrefix(folder + "/")
      else { continue }
      // A verify shell leads its own group: take its children with it. Never our own group.
      let group = getpgid(pid)
      if group == pid, group != ownGroup { kill(-group, SIGKILL) }
      kill(pid, SIGKILL)
    }
  }
}
