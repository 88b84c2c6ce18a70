internal import Git

/// Model reply in, canonical diff or precise refusal out: parse → paths → match → canonical diff →
/// apply-check → identifier check → check commands. Nothing here writes to the working tree.
package struct EditPipeline: Sendable {
  /// What the identifier check does with suspects.
  package enum IdentifierPolicy: String, Sendable {
    /// Suspects refuse the change.
    case refuse
    /// Suspects are listed but do not refuse.
    case report
    /// No identifier check.
    case off
  }

  /// Applies the blocks.
  package var applier: EditApplier
  /// The identifier policy.
  package var identifierPolicy: IdentifierPolicy
  /// The repository's names, when already collected (otherwise read from the base on demand).
  package var identifiers: IdentifierCheck?
  /// The per-language check commands, or `nil` for none.
  package var checks: CheckCommands?

  /// Creates a pipeline.
  package init(
    applier: EditApplier = EditApplier(), identifierPolicy: IdentifierPolicy = .refuse,
    identifiers: IdentifierCheck? = nil, checks: CheckCommands? = nil
  ) {
    self.applier = applier
    self.identifierPolicy = identifierPolicy
    self.identifiers = identifiers
    self.checks = checks
  }

  /// Runs one reply through every stage.
  ///
  /// - Parameters:
  ///   - reply: The model's reply.
  ///   - format: The edit format the model was asked for.
  ///   - base: The repository at the base commit.
  ///   - prior: The `changes` of an earlier round whose applied blocks the model was told not to
  ///     re-send; this round applies on top of them and the diff covers both.
  ///   - defaultPath: The one file the request was about, for edits that name no file.
  /// - Returns: The outcome, with feedback for the model when refused.
  /// - Throws: Only when the base cannot be read (a repository error, not a model error).
  nonisolated(nonsending) package func run(
    reply: String, format: any EditFormat, base: some EditBase,
    prior: [EditApplier.FileChange] = [], defaultPath: String? = nil
  ) async throws -> EditOutcome {
    var outcome = try prepare(
      reply: reply, format: format, base: base, prior: prior, defaultPath: defaultPath)
    if outcome.stage == .accepted, let checks {
      let changed = outcome.changes.compactMap { change in
        change.new.map { CheckCommands.File(path: change.path, content: $0) }
      }
      let failures = await checks.run(
        changed: changed, support: try Self.siblings(of: changed.map(\.path), in: base))
      if !failures.isEmpty {
        outcome.stage = .check
        outcome.gateFailures += failures
      }
    }
    outcome.feedback = ReflectionFeedback.render(outcome, instructions: format.instructions)
    return outcome
  }

  /// Every stage but the check commands (synchronous; the outcome's feedback is not yet set).
  package func prepare(
    reply: String, format: any EditFormat, base: some EditBase,
    prior: [EditApplier.FileChange] = [], defaultPath: String? = nil
  ) throws -> EditOutcome {
    let edits: [FileEdit]
    do {
      edits = try format.parse(reply: reply, defaultPath: defaultPath)
    } catch let error as EditParseError {
      return EditOutcome(stage: .parse, format: format.name, parseError: error)
    }
    guard !edits.isEmpty else {
      let error = EditParseError(
        format: format.name, line: nil, reason: "the reply contains no edits")
      return EditOutcome(stage: .parse, format: format.name, parseError: error)
    }
    var paths: [String] = []
    for edit in edits where !paths.contains(edit.path) { paths.append(edit.path) }
    let unsafe = paths.compactMap { path in
      PathSafety.problem(with: path, workingDirectory: base.workingDirectory).map {
        GateFailure(kind: .unsafePath, path: path, detail: $0)
      }
    }
    if !unsafe.isEmpty {
      return EditOutcome(stage: .gate, format: format.name, gateFailures: unsafe)
    }
    // A file that is not UTF-8 would be re-encoded by the text edit: refuse it, byte-exact.
    let undecodable = try paths.compactMap { path in
      try base.encodingProblem(at: path).map { GateFailure(kind: .notUTF8, path: path, detail: $0) }
    }
    if !undecodable.isEmpty {
      return EditOutcome(stage: .gate, format: format.name, gateFailures: undecodable)
    }

    let earlier = Dictionary(prior.map { ($0.path, $0) }, uniquingKeysWith: { $1 })
    var result = try applier.apply(edits) { path in
      if let change = earlier[path] { return change.new }
      return try base.text(at: path)
    }
    result.files = result.files.map { file in
      guard let change = earlier[file.path] else { return file }
      return EditApplier.FileChange(path: file.path, old: change.old, new: file.new)
    }
    result.files += prior.filter { change in !result.files.contains { $0.path == change.path } }
    var outcome = EditOutcome(
      stage: .match, format: format.name, blocks: result.outcomes, changes: result.files)
    guard result.allApplied else { return outcome }
    let changed = result.files.filter { $0.old != $0.new }
    guard !changed.isEmpty else { return outcome }

    for change in changed {
      outcome.diff += try TextDiff.patch(old: change.old, new: change.new, path: change.path)
    }
    outcome.gateFailures = try base.check(diff: outcome.diff).map {
      GateFailure(kind: .doesNotApply, path: $0.path, detail: $0.description)
    }
    if identifierPolicy != .off {
      let check = try identifiers ?? IdentifierCheck(base: base)
      outcome.suspects = check.suspects(in: changed)
      if identifierPolicy == .refuse && !outcome.suspects.isEmpty {
        let names = outcome.suspects.map(\.name).joined(separator: ", ")
        outcome.gateFailures.append(
          GateFailure(kind: .unknownIdentifiers, path: nil, detail: "unknown names: \(names)"))
      }
    }
    outcome.stage = outcome.gateFailures.isEmpty ? .accepted : .gate
    return outcome
  }

  /// The base files in the same folders as `paths` (what a per-file check may import), capped.
  static func siblings(of paths: [String], in base: some EditBase) throws -> [CheckCommands.File] {
    let folders = Set(paths.map(Self.folder))
    var files: [CheckCommands.File] = []
    var bytes = 0
    for path in try base.paths() where folders.contains(Self.folder(path)) && !paths.contains(path)
    {
      guard let text = try base.text(at: path), bytes + text.utf8.count < 8 << 20, files.count < 500
      else { continue }
      bytes += text.utf8.count
      files.append(CheckCommands.File(path: path, content: text))
    }
    return files
  }

  private static func folder(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    return String(path[..<slash])
  }
}
