import ArgumentParser
import AssistKit
import Foundation
import Git

/// `assist apply`: land a change in the repository through the workspace's safe engine.
struct ApplyCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "apply",
    abstract: "Land a change through libgit2: a unified diff, checked, applied and committed.",
    discussion: """
      The patch must apply to HEAD in full and must not touch files with uncommitted changes, \
      anything under .git/, or a path outside the repository; otherwise nothing is written. \
      By default the commit goes on a new branch assist/<id>, which is checked out; --here \
      commits on the current branch instead. Undo it with `assist undo <id>`.

      --edits first turns loose model output into that diff (parse, match, canonical diff) and \
      gates it (paths, apply-check, names that exist nowhere, configured check commands); a \
      refusal prints each block's outcome and the feedback a model would get.

      `assist apply ID` lands the hunks accepted in `assist review ID` (every undecided one too \
      with --accept-all): one commit per sub-task, or one with --squash. If you committed since \
      the proposal was made, the chosen hunks are re-checked against HEAD first; any that no \
      longer applies stops the apply, and nothing is written.
      """)

  @Argument(help: "A run id (or unique prefix) whose reviewed proposal to land.")
  var id: String?

  @Flag(help: "With a run id: one commit for every sub-task's hunks.")
  var squash = false

  @Flag(help: "With a run id: land undecided hunks too, as if accepted.")
  var acceptAll = false

  @Option(
    name: .long, help: ArgumentHelp("A unified diff to apply ('-' reads stdin).", valueName: "file")
  )
  var patch: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Model-style edits to apply ('-' reads stdin): SEARCH/REPLACE blocks, a unified diff "
        + "without line numbers, whole files, or a *** Begin Patch envelope.", valueName: "file"))
  var edits: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The format of --edits (search-replace, udiff, whole-file, patch; default: detected).",
      valueName: "name"))
  var editFormat: String?

  @Flag(help: "With --edits: list names the change uses that exist nowhere, but do not refuse.")
  var allowUnknownNames = false

  @Flag(help: "Only check that the change would apply; write nothing.")
  var check = false

  @Option(help: "Commit on a new branch with this name (default assist/<id>).")
  var branch: String?

  @Flag(help: "Commit on the current branch instead of a new one.")
  var here = false

  @Option(help: "The commit message.")
  var message: String?

  @Option(name: [.customShort("C"), .long], help: "The repository (default: the current folder).")
  var repository: String = "."

  @Flag(help: "Print as JSON.")
  var json = false

  /// The change sources given; exactly one is required (`--edits` and proposal ids join here).
  private var sources: [String?] { [patch, edits, id] }

  func validate() throws {
    let given = sources.compactMap { $0 }
    if given.isEmpty {
      throw ValidationError(
        "give a change to apply: a run id, --patch FILE or --edits FILE (or - for stdin)")
    }
    if given.count > 1 { throw ValidationError("give only one change source") }
    if here && branch != nil { throw ValidationError("--here and --branch exclude each other") }
    try validateEdits()
    try validateProposal()
  }

  func run() async throws {
    if let edits { return try await runEdits(edits) }
    if let id { return try await runProposal(id) }
    let bytes = try Self.read(patch ?? "-")
    let workspace = try Workspace(at: repository)
    if check {
      let report = try await workspace.check(patch: bytes)
      if json { try Output.json(CheckOutput(report)) } else { Self.printReport(report) }
      if !report.applies { throw ExitCode.failure }
      return
    }
    let runID = CommitMetadata.makeRunID()
    let name =
      patch == "-" || patch == nil ? "" : " " + URL(fileURLWithPath: patch ?? "").lastPathComponent
    let metadata = CommitMetadata(runID: runID, message: message ?? "Apply patch\(name)")
    let landed = try await workspace.apply(
      patch: bytes, metadata: metadata, placement: here ? .currentBranch : .newBranch(branch))
    Self.note(landed)
    if json { return try Output.json(LandedOutput(landed)) }
    print(
      "applied run \(landed.runID) as \(landed.commit.short) on \(landed.branch ?? "detached HEAD")"
    )
    Self.printFiles(landed.files)
  }

  /// Reads the patch's bytes from a file, or from standard input for `-`.
  ///
  /// Bytes, never decoded: a patch of Latin-1 or binary files must land exactly as written.
  static func read(_ source: String) throws -> [UInt8] {
    if source == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
    guard let data = FileManager.default.contents(atPath: source) else {
      throw ValidationError("cannot read \(source)")
    }
    return Array(data)
  }

  static func note(_ landed: LandedChange) {
    guard let interrupted = landed.recoveredInterruption else { return }
    let what = interrupted.split(separator: "\n").dropFirst().joined(separator: "; ")
    FileHandle.standardError.write(
      Data("note: recovered the lock of an interrupted assist (it was: \(what))\n".utf8))
  }

  static func printFiles(_ files: [FileChange]) {
    for file in files {
      let letter =
        switch file.status {
        case .added: "A"
        case .deleted: "D"
        case .renamed: "R"
        case .copied: "C"
        case .typeChanged: "T"
        case .modified: "M"
        }
      let added = file.hunks.reduce(0) { $0 + $1.additions }
      let removed = file.hunks.reduce(0) { $0 + $1.deletions }
      let from = file.status == .renamed ? " (from \(file.oldPath ?? ""))" : ""
      let detail =
        file.isBinary
        ? "binary"
        : "\(file.hunks.count) hunk\(file.hunks.count == 1 ? "" : "s"), +\(added) -\(removed)"
      print("  \(letter) \(file.path)\(from)  \(detail)")
    }
  }

  static func printReport(_ report: PatchReport) {
    if report.applies {
      print(
        "patch applies: \(report.patch.files.count) file(s), \(report.patch.hunkCount) hunk(s)")
      printFiles(report.patch.files)
      return
    }
    print("patch does not apply:")
    for violation in report.unsafePaths { print("  refused: \(violation)") }
    for path in report.uncommitted { print("  uncommitted changes: \(path)") }
    for failure in report.failures { print("  \(failure)") }
  }
}

/// The JSON shape of `assist apply`.
struct LandedOutput: Encodable {
  var run: String
  var branch: String?
  var commit: String
  var parent: String?
  var files: [FileChange]
  var hunks: Int

  init(_ landed: LandedChange) {
    run = landed.runID
    branch = landed.branch
    commit = landed.commit.hex
    parent = landed.parent?.hex
    files = landed.files
    hunks = landed.files.reduce(0) { $0 + $1.hunks.count }
  }
}

/// The JSON shape of `assist apply --check`.
struct CheckOutput: Encodable {
  var applies: Bool
  var files: [FileChange]
  var hunks: Int
  var unsafePaths: [PathViolation]
  var uncommitted: [String]
  var failures: [ApplyFailure]

  init(_ report: PatchReport) {
    applies = report.applies
    files = report.patch.files
    hunks = report.patch.hunkCount
    unsafePaths = report.unsafePaths
    uncommitted = report.uncommitted
    failures = report.failures
  }
}
