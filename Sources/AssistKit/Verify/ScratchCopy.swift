internal import FoundationEssentials
internal import Git

/// A throw-away folder holding a base commit's files with a candidate applied.
///
/// Made from the object store through libgit2, so the user's working tree, index and references
/// are never read for content nor written. The caller removes it with ``remove()``.
struct ScratchCopy: Sendable {
  /// The folder's absolute path.
  let path: String

  /// Resolves `revision` in the repository containing `repository` to a full commit id.
  ///
  /// - Throws: ``VerificationError/repository(_:)`` if it is not a repository or has no such commit.
  static func resolve(_ revision: String, in repository: String) throws(VerificationError)
    -> String
  {
    do {
      return try Repository.discover(from: repository).resolve(revision).hex
    } catch {
      throw .repository(error.description)
    }
  }

  /// Exports `commit` (a full id) into a new folder under `parent` and applies `candidate`.
  ///
  /// - Parameters:
  ///   - repository: A folder inside the repository.
  ///   - commit: The base commit's full id.
  ///   - candidate: The change: its diff is applied to the base tree, then its files written.
  ///   - parent: Where scratch folders are made (the temporary directory).
  ///   - sharedFolders: Top-level folders of the working tree that the commit does not hold
  ///     (`node_modules`) to link into the copy, read-only by convention, when they exist.
  /// - Returns: The prepared copy.
  /// - Throws: ``VerificationError`` naming what failed; nothing is left behind on failure.
  static func make(
    repository: String, commit: String, candidate: VerificationCandidate, parent: String,
    sharedFolders: [String] = []
  ) throws(VerificationError) -> ScratchCopy {
    let path = parent + "/" + ScratchFolder.name(kind: "verify")
    let copy = ScratchCopy(path: path)
    do {
      let workingTree = try copy.export(
        repository: repository, commit: commit, diff: candidate.diff)
      for file in candidate.files { try copy.write(file) }
      if let workingTree { copy.link(sharedFolders, from: workingTree) }
    } catch {
      copy.remove()
      throw error
    }
    return copy
  }

  /// Deletes the folder and everything the test command left in it.
  func remove() {
    // Unlink top-level symbolic links (shared folders) first, so a recursive delete can never
    // descend into what they point at.
    for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    where (try? FileManager.default.destinationOfSymbolicLink(atPath: path + "/" + name)) != nil {
      try? FileManager.default.removeItem(atPath: path + "/" + name)
    }
    try? FileManager.default.removeItem(atPath: path)
  }

  /// Writes the base (with the diff applied) into the folder; returns the working tree's root.
  private func export(repository: String, commit: String, diff: String?) throws(VerificationError)
    -> String?
  {
    guard let base = ObjectID(hex: commit) else {
      throw .repository("\(commit) is not a full commit id")
    }
    let repo: Repository
    do {
      repo = try Repository.discover(from: repository)
    } catch {
      throw .repository(error.description)
    }
    var target = base
    if let diff, !diff.allSatisfy(\.isWhitespace) {
      do {
        target = try repo.tree(applying: diff, to: base)
      } catch {
        throw .diffDoesNotApply(error.description)
      }
    }
    do {
      try repo.export(target, to: path)
    } catch {
      throw .scratch(error.description)
    }
    return repo.workingDirectory
  }

  /// Symlinks each existing `workingTree/name` folder into the copy unless the copy has `name`.
  private func link(_ names: [String], from workingTree: String) {
    for name in names where !name.contains("/") && name != ".git" && name != ".." {
      var isFolder = false
      let source = workingTree + "/" + name
      let target = path + "/" + name
      guard FileManager.default.fileExists(atPath: source, isDirectory: &isFolder), isFolder,
        !FileManager.default.fileExists(atPath: target)
      else { continue }
      try? FileManager.default.createSymbolicLink(atPath: target, withDestinationPath: source)
    }
  }

  private func write(_ file: VerificationCandidate.File) throws(VerificationError) {
    let parts = file.path.split(separator: "/", omittingEmptySubsequences: true)
    guard !file.path.hasPrefix("/"), !parts.isEmpty,
      !parts.contains(where: { $0 == ".." || $0 == "." || $0 == ".git" })
    else { throw .unsafePath(file.path) }
    let target = path + "/" + parts.joined(separator: "/")
    let folder = ([path] + parts.dropLast().map(String.init)).joined(separator: "/")
    do {
      if let content = file.content {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try requireInside(folder, file.path)
        try removeLink(at: target)
        guard FileManager.default.createFile(atPath: target, contents: Data(content.utf8)) else {
          throw VerificationError.scratch("cannot write \(file.path)")
        }
      } else if FileManager.default.fileExists(atPath: folder) {
        try requireInside(folder, file.path)
        try removeLink(at: target)
        if FileManager.default.fileExists(atPath: target) {
          try FileManager.default.removeItem(atPath: target)
        }
      }
    } catch let error as VerificationError {
      throw error
    } catch {
      throw .scratch("\(file.path): \(error)")
    }
  }

  /// Refuses a folder that a committed symbolic link points outside the copy.
  private func requireInside(_ folder: String, _ name: String) throws(VerificationError) {
    let root = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    let resolved = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
    guard resolved == root || resolved.hasPrefix(root + "/") else { throw .unsafePath(name) }
  }

  /// Removes a symbolic link at `target` so writing replaces the link, not what it points at.
  private func removeLink(at target: String) throws {
    if (try? FileManager.default.destinationOfSymbolicLink(atPath: target)) != nil {
      try FileManager.default.removeItem(atPath: target)
    }
  }
}
