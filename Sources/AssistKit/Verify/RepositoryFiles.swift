internal import FoundationEssentials

/// Read-only, bounded looks at a working tree's files, for test-command discovery.
struct RepositoryFiles {
  /// The folders never searched: version control, dependencies and build output.
  static let skipped: Set<String> = [
    ".git", "node_modules", ".build", "build", "dist", "target", "venv", ".venv", "__pycache__",
    ".tox", ".mypy_cache", ".pytest_cache", "vendor",
  ]
  /// At most this many entries are looked at, so a huge tree cannot make discovery slow.
  static let entryLimit = 5_000

  /// The working tree's root.
  var root: String

  /// Whether the repository-relative `path` exists.
  func exists(_ path: String) -> Bool {
    FileManager.default.fileExists(atPath: root + "/" + path)
  }

  /// The bytes of `path`, or `nil`.
  func data(_ path: String) -> Data? {
    FileManager.default.contents(atPath: root + "/" + path)
  }

  /// The text of `path`, or `nil`.
  func text(_ path: String) -> String? {
    data(path).map { String(decoding: $0, as: UTF8.self) }
  }

  /// Repository-relative paths of regular files up to `depth` folders down, sorted.
  ///
  /// Hidden folders and ``skipped`` folders are not entered.
  func files(depth: Int) -> [String] {
    var result: [String] = []
    var seen = 0
    var queue: [(path: String, level: Int)] = [("", 0)]
    while !queue.isEmpty, seen < Self.entryLimit {
      let (folder, level) = queue.removeFirst()
      let absolute = folder.isEmpty ? root : root + "/" + folder
      guard let names = try? FileManager.default.contentsOfDirectory(atPath: absolute) else {
        continue
      }
      for name in names.sorted() {
        seen += 1
        let relative = folder.isEmpty ? name : folder + "/" + name
        var isFolder = false
        guard FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isFolder)
        else { continue }
        if isFolder {
          if level < depth, !name.hasPrefix("."), !Self.skipped.contains(name) {
            queue.append((relative, level + 1))
          }
        } else {
          result.append(relative)
        }
      }
    }
    return result.sorted()
  }
}
