import Foundation
package import Git

#if canImport(Glibc)
  import Glibc
#endif

/// The path rules every patch must pass before assist writes anything.
///
/// A path is refused if it is absolute, climbs out with `..`, names anything under `.git/` (in any
/// letter case), or passes through a folder that is a symlink resolving outside the repository —
/// one already in the working tree, or one the same patch creates.
package struct PathPolicy: Sendable {
  /// The working tree root, symlinks resolved.
  package let root: String

  /// Creates the policy for the working tree at `root`.
  ///
  /// - Parameter root: The working tree's absolute path.
  package init(root: String) {
    self.root = Self.resolved(root)
  }

  /// Every path of `patch` that breaks a rule.
  ///
  /// - Parameters:
  ///   - patch: The parsed patch.
  ///   - declared: The paths as the patch text spells them (``PatchText/declaredPaths(in:)``),
  ///     which libgit2 may have canonicalised.
  /// - Returns: The violations, in patch order; empty when the patch is safe.
  package func violations(in patch: Patch, declared: [String] = []) -> [PathViolation] {
    let newSymlinks = Set(
      patch.files.filter { $0.newMode == 0o120000 }.compactMap(\.newPath))
    var seen = Set<String>()
    var symlinks: [String: Bool] = [:]
    return (declared + patch.touchedPaths).filter { seen.insert($0).inserted }.compactMap {
      violation(of: $0, newSymlinks: newSymlinks, symlinks: &symlinks)
    }
  }

  /// Why `path` is refused, or `nil` when it is safe.
  ///
  /// - Parameters:
  ///   - path: A repository-relative path.
  ///   - newSymlinks: Paths the same change creates as symlinks.
  /// - Returns: The violation, if any.
  package func violation(of path: String, newSymlinks: Set<String> = []) -> PathViolation? {
    var symlinks: [String: Bool] = [:]
    return violation(of: path, newSymlinks: newSymlinks, symlinks: &symlinks)
  }

  /// ``violation(of:newSymlinks:)`` with a cache of which folders are symlinks.
  private func violation(
    of path: String, newSymlinks: Set<String>, symlinks: inout [String: Bool]
  ) -> PathViolation? {
    if path.hasPrefix("/") { return PathViolation(path: path, reason: .absolute) }
    let components = path.split(separator: "/", omittingEmptySubsequences: false)
    if components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) {
      return PathViolation(path: path, reason: .outsideRepository)
    }
    if components.contains(where: Self.isGitDirectoryName) {
      return PathViolation(path: path, reason: .gitDirectory)
    }
    var prefix = ""
    for component in components.dropLast() {
      prefix += prefix.isEmpty ? String(component) : "/" + component
      if newSymlinks.contains(prefix) {
        return PathViolation(path: path, reason: .throughNewSymlink)
      }
      let absolute = root + "/" + prefix
      let isSymlink = symlinks[prefix] ?? Self.isSymlink(absolute)
      symlinks[prefix] = isSymlink
      guard isSymlink else { continue }
      // Judge both the link text (which may dangle) and the fully resolved target.
      if !isSafeTarget(Self.linkTarget(absolute)) || !isSafeTarget(Self.resolved(absolute)) {
        return PathViolation(path: path, reason: .escapingSymlink)
      }
    }
    return nil
  }

  /// Whether `target` is inside the working tree and outside `.git`.
  private func isSafeTarget(_ target: String?) -> Bool {
    guard let target else { return false }
    let inside = target == root || target.hasPrefix(root + "/")
    let gitDirectory = target == root + "/.git" || target.hasPrefix(root + "/.git/")
    return inside && !gitDirectory
  }

  /// Where the symlink at `path` points, joined to its folder and normalised, or `nil`.
  private static func linkTarget(_ path: String) -> String? {
    guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: path)
    else { return nil }
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
    let url =
      destination.hasPrefix("/")
      ? URL(fileURLWithPath: destination) : folder.appendingPathComponent(destination)
    return url.standardized.path
  }

  /// `.git`, and the spellings that filesystems fold to it (`.GIT`, `.git.`, `.git ` on NTFS/HFS).
  private static func isGitDirectoryName(_ component: Substring) -> Bool {
    var name = component.lowercased()
    while name.hasSuffix(".") || name.hasSuffix(" ") { name.removeLast() }
    return name == ".git" || name == "git~1"
  }

  private static func isSymlink(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
  }

  private static func resolved(_ path: String) -> String {
    URL(fileURLWithPath: path).resolvingSymlinksInPath().path
  }
}
