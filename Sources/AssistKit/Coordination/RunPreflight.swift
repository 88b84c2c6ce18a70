internal import Foundation
internal import Git

/// What a run checks in the repository before any model is called, so that nothing is spent on a
/// change that could never land: no merge, rebase, cherry-pick or revert in progress, and no
/// uncommitted changes in a file the task names (assist works from HEAD; that work is the user's).
enum RunPreflight {
  /// Why the run must not start, in one line, or `nil`.
  ///
  /// - Parameters:
  ///   - repository: The user's repository.
  ///   - task: The task text.
  ///   - files: The files committed at the base.
  static func problem(repository: Repository, task: String, files: some Collection<String>)
    throws -> String?
  {
    if let operation = repository.operationInProgress, operation != "bisect" {
      return
        "a \(operation) is in progress in this repository: finish or abort it before running assist"
    }
    let named = namedFiles(in: task, files: files)
    guard !named.isEmpty else { return nil }
    let dirty = try repository.status(paths: named).map(\.path).filter(named.contains)
    guard !dirty.isEmpty else { return nil }
    return
      "\(dirty.joined(separator: ", ")) \(dirty.count == 1 ? "has" : "have") uncommitted changes: commit or stash them first (assist works from HEAD and never overwrites your work)"
  }

  /// The committed files the task names, by full path or by a file name no other file shares.
  static func namedFiles(in task: String, files: some Collection<String>) -> [String] {
    let decoration = CharacterSet(charactersIn: "`'\"()[]{}<>,;:!?*")
    var words = Set<String>()
    for raw in task.split(whereSeparator: \.isWhitespace) {
      var word = String(raw).trimmingCharacters(in: decoration)
      while word.hasSuffix(".") { word.removeLast() }
      if !word.isEmpty { words.insert(word) }
    }
    var byName: [String: [String]] = [:]
    for path in files { byName[(path as NSString).lastPathComponent, default: []].append(path) }
    return files.filter { path in
      words.contains(path)
        || (words.contains((path as NSString).lastPathComponent)
          && byName[(path as NSString).lastPathComponent]?.count == 1)
    }.sorted()
  }
}
