internal import Foundation

/// The path rules of the gate: an edit may only touch files inside the repository, outside
/// `.git/`, and not through a symlink that leads out of the working tree.
package enum PathSafety {
  /// Why `path` is unsafe to write, or `nil` if it is safe.
  ///
  /// - Parameters:
  ///   - path: The repository-relative path an edit names.
  ///   - workingDirectory: The working tree's root, to look for symlinks; `nil` skips that check.
  package static func problem(with path: String, workingDirectory: String?) -> String? {
    if path.isEmpty { return "the path is empty" }
    if path.hasPrefix("/") || path.hasPrefix("~") || path.hasPrefix("\\")
      || path.dropFirst().hasPrefix(":")
    {
      return "\(path) is an absolute path: use a path relative to the repository root"
    }
    if path.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
      return "\(path) contains control characters"
    }
    let components = path.split(separator: "/", omittingEmptySubsequences: false)
    if components.contains(where: { $0 == ".." }) { return "\(path) leaves the repository (..)" }
    if components.contains(where: { $0.isEmpty || $0 == "." }) {
      return "\(path) has an empty or '.' component"
    }
    if components.contains(where: { $0.lowercased() == ".git" }) {
      return "\(path) is inside .git/"
    }
    guard let root = workingDirectory else { return nil }
    return symlinkProblem(components, root: root, path: path)
  }

  /// Refuses a path one of whose existing components is a symlink resolving outside `root`, or
  /// whose final component is a symlink at all (writing would follow it).
  private static func symlinkProblem(_ components: [Substring], root: String, path: String)
    -> String?
  {
    let fileManager = FileManager.default
    let realRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
    var current = root
    for (index, component) in components.enumerated() {
      current += "/" + component
      guard
        let type = try? fileManager.attributesOfItem(atPath: current)[.type] as? FileAttributeType
      else { return nil }
      guard type == .typeSymbolicLink else { continue }
      if index == components.count - 1 { return "\(path) is a symlink" }
      let target = URL(fileURLWithPath: current).resolvingSymlinksInPath().path
      if target != realRoot && !target.hasPrefix(realRoot + "/") {
        return "\(path) goes through a symlink that leads outside the repository"
      }
    }
    return nil
  }
}
