import ArgumentParser
import AssistKit
import Foundation

/// `assist review [ID]`: decide, hunk by hunk, what of a proposal lands.
struct ReviewCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "review",
    abstract: "Review a proposal hunk by hunk: accept, reject, edit, skip (like git add -p).",
    discussion: """
      Each hunk is headed by who wrote it: sub-task, agent, tier, model, tokens and cost, and any
      conflict or gate note. Keys: y accept, n reject, e edit in $EDITOR, s skip, a/d accept or
      reject the rest of the file, q quit, ? help. Decisions are saved as they are made, so
      quitting and running `assist review ID` again resumes at the first undecided hunk.
      When standard input is not a terminal, one answer is read per line.
      If you committed since the proposal was made, every hunk is re-checked against HEAD and
      those that no longer apply are flagged; they can only be rejected.
      Then `assist apply ID` lands the accepted hunks.
      """)

  @Argument(
    help: "The run id or a unique prefix (default: the latest proposal in this repository).")
  var id: String?

  @Flag(help: "Accept every undecided hunk that still applies, without asking.")
  var acceptAll = false

  @Flag(help: "Print the proposal as JSON (with the base re-check) and decide nothing.")
  var json = false

  @Option(name: [.customShort("C"), .long], help: "The repository (default: the current folder).")
  var repository: String = "."

  func validate() throws {
    if acceptAll && json { throw ValidationError("--accept-all and --json exclude each other") }
  }

  func run() async throws {
    let runs = try UserStore.open()
    let record: RunRecord
    if let id {
      record = try runs.run(id)
    } else {
      let root = await (try Workspace(at: repository)).root
      record = try StoredProposal.latestPending(runs: runs, repository: root)
    }
    let (run, loaded) = try StoredProposal.load(record.id, runs: runs)
    let workspace = try Workspace(at: run.repository)
    var proposal = loaded
    let check = try await BaseCheck.run(proposal, workspace: workspace)
    if json { return try Output.json(ReviewOutput(run: run, proposal: proposal, check: check)) }
    try StoredProposal.refuseFinished(run)
    var console = TerminalConsole()
    defer { console.restore() }
    if let moved = check.summary(for: proposal) { console.write("note: \(moved)\n") }
    if acceptAll {
      for i in proposal.hunks.indices
      where proposal.hunks[i].decision == .pending && check.stale[i] == nil {
        proposal.hunks[i].decision = .accepted
      }
      try runs.save(proposal)
      let session = ReviewSession(proposal: proposal, stale: check.stale)
      console.write(ReviewDriver.summary(session, ending: .finished))
      return
    }
    var session = ReviewSession(proposal: proposal, stale: check.stale)
    guard session.current != nil else {
      console.write("every hunk of run \(run.id) is decided already\n")
      console.write(ReviewDriver.summary(session, ending: .finished))
      return
    }
    var base: [String: String?] = [:]
    for path in proposal.files {
      base[path] = try await workspace.blob(at: path, in: proposal.baseCommit)
        .map { String(decoding: $0, as: UTF8.self) }
    }
    let tally = session.tally
    console.write(
      "review of run \(run.id): \(run.task.split(separator: "\n").first ?? "")\n"
        + "\(proposal.hunks.count) hunks in \(proposal.files.count) files"
        + (tally.pending < proposal.hunks.count
          ? " (resuming: \(proposal.hunks.count - tally.pending) decided)" : "") + "\n")
    let colour = HunkRenderer.wantsColour(
      isTerminal: Output.isTerminal, variables: ProcessInfo.processInfo.environment)
    let driver = ReviewDriver(
      renderer: HunkRenderer(colour: colour), save: { try runs.save($0) },
      baseText: { path in base[path] ?? nil })
    console.startInterruptHandler()
    let ending = try driver.run(&session, console: &console)
    console.restore()
    console.write(ReviewDriver.summary(session, ending: ending))
  }
}

/// `assist review --json`.
struct ReviewOutput: Encodable {
  var run: String
  var status: String
  var baseMoved: Bool
  var head: String?
  var stale: [ReviewError.StaleHunk]
  var proposal: Proposal

  init(run: RunRecord, proposal: Proposal, check: BaseCheck) {
    self.run = run.id
    status = run.status.rawValue
    baseMoved = check.moved
    head = check.head
    stale = check.stale.keys.sorted().map {
      ReviewError.StaleHunk(
        number: $0 + 1, path: proposal.hunks[$0].path, reason: check.stale[$0] ?? "")
    }
    self.proposal = proposal
  }
}
