/// What a slice of a large definition is centred on: the lines the failing tests' traceback
/// names, and the words of the task text and the names it mentions (``RegionWindow``).
package struct SliceEvidence: Sendable, Equatable {
  /// Lines named by the failing tests' frames, by repository path (1-based).
  package var lines: [String: [Int]]
  /// Identifiers from the task text and the names the task mentions.
  package var words: Set<String>

  /// No evidence: a large definition is shown from its head.
  package static let none = SliceEvidence(lines: [:], words: [])

  /// Creates evidence from explicit lines and words.
  package init(lines: [String: [Int]], words: Set<String>) {
    self.lines = lines
    self.words = words
  }

  /// Evidence from a failing-test output, the task text and the names the task mentions.
  /// - Parameters:
  ///   - failure: The failing tests' output (tracebacks, `path:line` pairs), if known.
  ///   - paths: The repository's paths (frames outside them are ignored).
  ///   - task: The task text (and sub-task goal); its identifiers become ``words``.
  ///   - names: Symbols the task or plan names.
  package init(failure: String?, paths: [String], task: String, names: [String]) {
    var lines: [String: [Int]] = [:]
    if let failure, !failure.isEmpty {
      for frame in FailureLocations.frames(in: failure, paths: paths) {
        lines[frame.path, default: []].append(frame.line)
      }
    }
    var words = Set(names.filter { !$0.isEmpty })
    References.scan(task) { word, _ in
      // Short words (`a`, `of`, `is`) are in every line of code and say nothing of the place.
      if word.count >= 4 { words.insert(word) }
    }
    self.init(lines: lines, words: words)
  }
}
