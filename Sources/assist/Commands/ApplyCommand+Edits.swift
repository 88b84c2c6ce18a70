import ArgumentParser
import AssistKit
import Foundation
import Git

/// `assist apply --edits`: model-style output through the edit pipeline, then the workspace.
extension ApplyCommand {
  func validateEdits() throws {
    if let editFormat, EditFormats.standard[editFormat] == nil {
      let names = EditFormats.standard.names.joined(separator: ", ")
      throw ValidationError("unknown edit format '\(editFormat)' (known: \(names))")
    }
    if edits == nil && (editFormat != nil || allowUnknownNames) {
      throw ValidationError("--edit-format and --allow-unknown-names go with --edits")
    }
  }

  func runEdits(_ source: String) async throws {
    let reply = String(decoding: try Self.read(source), as: UTF8.self)  // a model reply is text
    let name = editFormat ?? EditFormats.detect(reply: reply)
    guard let format = EditFormats.standard[name] else {
      throw ValidationError("unknown edit format '\(name)'")
    }
    let workspace = try Workspace(at: repository)
    let base = try RepositoryEditBase(discoveringFrom: repository)
    let pipeline = EditPipeline(
      identifierPolicy: allowUnknownNames ? .report : .refuse,
      checks: CheckCommands(commands: try Self.checkCommands(root: base.workingDirectory)))
    let outcome = try await pipeline.run(reply: reply, format: format, base: base)
    guard outcome.accepted else {
      if json { try Output.json(EditsOutput(outcome)) } else { Self.printOutcome(outcome) }
      throw ExitCode.failure
    }
    if check {
      let report = try await workspace.check(patch: outcome.diff)
      if json {
        try Output.json(EditsOutput(outcome, report: report))
      } else {
        Self.printOutcome(outcome)
        Self.printReport(report)
        if report.applies { print(outcome.diff, terminator: "") }
      }
      if !report.applies { throw ExitCode.failure }
      return
    }
    let source = source == "-" ? "" : " " + URL(fileURLWithPath: source).lastPathComponent
    let metadata = CommitMetadata(
      runID: CommitMetadata.makeRunID(), message: message ?? "Apply edits\(source)")
    let landed = try await workspace.apply(
      patch: outcome.diff, metadata: metadata,
      placement: here ? .currentBranch : .newBranch(branch))
    Self.note(landed)
    if json { return try Output.json(EditsOutput(outcome, landed: landed)) }
    Self.printOutcome(outcome)
    print(
      "applied run \(landed.runID) as \(landed.commit.short) on \(landed.branch ?? "detached HEAD")"
    )
    Self.printFiles(landed.files)
  }

  /// The gate's check commands from the configuration, when assist's install can be found.
  static func checkCommands(root: String?) throws -> [String: String] {
    guard let environment = try? LiveEnvironment.make() else { return [:] }
    return try ConfigLoader.load(
      paths: environment.paths, repositoryRoot: root, variables: environment.variables
    ).checkCommands
  }

  static func printOutcome(_ outcome: EditOutcome) {
    let count = outcome.blocks.count
    print("edits (\(outcome.format)): \(count) block\(count == 1 ? "" : "s")")
    for block in outcome.blocks {
      if let failure = block.failure {
        print("  block \(block.block) \(block.path): \(failure.kind.rawValue): \(failure.detail)")
      } else {
        let how = block.strategy.map { "\($0.rawValue)" } ?? "written"
        print(
          "  block \(block.block) \(block.path): applied (\(how)\(block.line.map { ", line \($0)" } ?? ""))"
        )
      }
    }
    for suspect in outcome.suspects { print("  unknown name: \(suspect)") }
    guard !outcome.accepted else { return }
    print("refused at the \(outcome.stage.rawValue) stage; feedback for the model:\n")
    print(outcome.feedback)
  }
}

/// The JSON shape of `assist apply --edits`.
struct EditsOutput: Encodable {
  var accepted: Bool
  var stage: String
  var format: String
  var parseError: EditParseError?
  var blocks: [BlockOutcome]
  var suspects: [IdentifierSuspect]
  var gateFailures: [GateFailure]
  var diff: String
  var feedback: String
  var check: CheckOutput?
  var landed: LandedOutput?

  init(_ outcome: EditOutcome, report: PatchReport? = nil, landed: LandedChange? = nil) {
    accepted = outcome.accepted && (report?.applies ?? true)
    stage = outcome.stage.rawValue
    format = outcome.format
    parseError = outcome.parseError
    blocks = outcome.blocks
    suspects = outcome.suspects
    gateFailures = outcome.gateFailures
    diff = outcome.diff
    feedback = outcome.feedback
    check = report.map(CheckOutput.init)
    self.landed = landed.map(LandedOutput.init)
  }
}
