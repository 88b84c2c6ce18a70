/// Applies a reply's edits in order to the evolving content of the files they name, in memory.
///
/// A block that fails leaves its file as it was and the next blocks carry on, so the outcome says
/// which blocks applied (and must not be re-sent) and which need another try.
package struct EditApplier: Sendable {
  /// One touched file: its content at the base (`nil` if absent) and after the edits (`nil` if
  /// deleted).
  package struct FileChange: Sendable, Equatable, Codable {
    /// The repository-relative path.
    package var path: String
    /// The content at the base, or `nil` if the file did not exist.
    package var old: String?
    /// The content after the edits, or `nil` if deleted (or never created).
    package var new: String?

    /// Creates a change.
    package init(path: String, old: String?, new: String?) {
      self.path = path
      self.old = old
      self.new = new
    }
  }

  /// The files the edits produced and every block's outcome.
  package struct Result: Sendable, Equatable {
    /// Touched files, in the order the reply first named them.
    package var files: [FileChange]
    /// One outcome per edit, in reply order.
    package var outcomes: [BlockOutcome]
    /// Whether every block applied.
    package var allApplied: Bool { outcomes.allSatisfy(\.applied) }
  }

  /// The matcher that places search/replace blocks.
  package var matcher: Matcher

  /// Creates an applier.
  package init(matcher: Matcher = Matcher()) { self.matcher = matcher }

  /// Applies `edits`, reading each file's base content once through `read`.
  ///
  /// - Parameters:
  ///   - edits: The parsed edits, in reply order.
  ///   - read: The content of a repository-relative path at the base, or `nil` if it does not exist.
  /// - Returns: The new contents and the per-block outcomes.
  /// - Throws: Only what `read` throws.
  package func apply(_ edits: [FileEdit], read: (String) throws -> String?) throws -> Result {
    var states: [String: FileState] = [:]
    var order: [String] = []
    var outcomes: [BlockOutcome] = []
    for (index, edit) in edits.enumerated() {
      if states[edit.path] == nil {
        let base = try read(edit.path)
        states[edit.path] = FileState(base: base)
        order.append(edit.path)
      }
      guard var state = states[edit.path] else { continue }
      let before = state
      var outcome = apply(edit, block: index + 1, to: &state)
      if outcome.applied,
        let stray = Self.strayPunctuation(edit, before: before, after: state)
      {
        state = before
        outcome = BlockOutcome(
          block: index + 1, path: edit.path,
          failure: EditFailure(
            path: edit.path, block: index + 1, kind: .punctuation,
            detail: "the new lines use \(stray), which \(edit.path) never uses: write plain ASCII "
              + "quotes, dashes and spaces"))
      }
      outcomes.append(outcome)
      states[edit.path] = state
    }
    let files = order.compactMap { path in
      states[path].map { FileChange(path: path, old: $0.base, new: $0.text) }
    }
    return Result(files: files, outcomes: outcomes)
  }

  /// The typographic punctuation a block added to a code file that the file's content before
  /// the block does not contain (a model "curling" the quotes of code it writes), quoted for the
  /// model; `nil` if none. Rewriting it would be a guess (inside a string literal it may be
  /// meant), so it refuses.
  static func strayPunctuation(_ edit: FileEdit, before: FileState, after: FileState) -> String? {
    guard SourceLanguage(path: edit.path) != nil else { return nil }
    let written: String
    switch edit.change {
    case .replace(_, let replacement, _): written = replacement
    case .write(let text): written = text
    case .delete: return nil
    }
    var fancy: [Unicode.Scalar] = []
    for scalar in written.unicodeScalars
    where Punctuation.isFancy(scalar) && !fancy.contains(scalar) {
      fancy.append(scalar)
    }
    guard !fancy.isEmpty else { return nil }
    // Only what the file itself lacks is stray, and only if it really ended up in the file.
    let old = before.text ?? ""
    let new = after.text ?? ""
    let stray = fancy.filter { scalar in
      !old.unicodeScalars.contains(scalar) && new.unicodeScalars.contains(scalar)
    }
    guard !stray.isEmpty else { return nil }
    return stray.map {
      "\u{201C}\($0)\u{201D} (U+" + String($0.value, radix: 16, uppercase: true) + ")"
    }.joined(separator: ", ")
  }

  private func apply(_ edit: FileEdit, block: Int, to state: inout FileState) -> BlockOutcome {
    let path = edit.path
    func failed(
      _ kind: EditFailure.Kind, _ detail: String, candidates: [EditFailure.Candidate] = []
    )
      -> BlockOutcome
    {
      BlockOutcome(
        block: block, path: path,
        failure: EditFailure(
          path: path, block: block, kind: kind, candidates: candidates, detail: detail))
    }
    switch edit.change {
    case .write(let text):
      state.replaceAll(with: text, block: block)
      return BlockOutcome(block: block, path: path)
    case .delete:
      guard state.exists else {
        return failed(.fileMissing, "\(path) does not exist, so it cannot be deleted")
      }
      state.delete()
      return BlockOutcome(block: block, path: path)
    case .replace(let search, let replacement, let anchor):
      if search.isBlank {
        return create(
          path, replacement, anchor: anchor, block: block, state: &state, failed: failed)
      }
      guard state.exists else {
        return failed(
          .fileMissing, "\(path) does not exist: check the path, or leave SEARCH empty to create it"
        )
      }
      return replace(
        edit: (path, search.editLines, replacement.editLines, anchor), block: block, state: &state)
    }
  }

  private func create(
    _ path: String, _ replacement: String, anchor: String?, block: Int, state: inout FileState,
    failed: (EditFailure.Kind, String, [EditFailure.Candidate]) -> BlockOutcome
  ) -> BlockOutcome {
    if !state.exists || state.lines.isEmpty {
      state.replaceAll(with: replacement, block: block)
      return BlockOutcome(block: block, path: path, line: 1)
    }
    if let anchor {
      let key = Matcher.key(Substring(anchor))
      let hits = state.lines.indices.filter { Matcher.key(state.lines[$0]) == key }
      if hits.count == 1 {
        state.splice(
          hits[0] + 1..<hits[0] + 1, with: replacement.editLines.map(String.init), block: block)
        return BlockOutcome(block: block, path: path, line: hits[0] + 2)
      }
    }
    return failed(
      .fileExists,
      "the SEARCH part is empty but \(path) already exists: quote the lines to replace", [])
  }
}
