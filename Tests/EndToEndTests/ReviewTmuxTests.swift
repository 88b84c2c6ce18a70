import AssistKit
import AssistTesting
import Foundation
import Testing

/// `assist review` driven as a person would: the built binary in a real terminal (tmux), keys
/// sent, the screen read back; then `assist apply` and the repository checked.
// Serialized: both tests poll a terminal with blocking waits; two at once would hold both of the
// cooperative pool's threads on this 2-core machine.
@Suite(.serialized) struct ReviewTmuxTests {
  /// The built `assist` (scripts/test sets ASSIST_BIN; otherwise the debug build).
  static let binary: String? = {
    let path =
      ProcessInfo.processInfo.environment["ASSIST_BIN"] ?? projectRoot + "/.build/debug/assist"
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
  }()
  static let tmux: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

  /// A repository with a stored three-hunk proposal, and the user's own state folders.
  struct Sandbox {
    let repository: TemporaryRepository
    let scratch: String
    let runs: RunStore
    let proposal: Proposal

    init() throws {
      repository = try TemporaryRepository(files: ProposalFixture.repositoryFiles)
      scratch =
        FileManager.default.temporaryDirectory.resolvingSymlinksInPath().path
        + "/assist-review-" + UUID().uuidString.prefix(8).lowercased()
      try FileManager.default.createDirectory(
        atPath: scratch + "/config/assist", withIntermediateDirectories: true)
      runs = RunStore(try Store(path: scratch + "/state/assist/assist.sqlite"))
      proposal = try ProposalFixture.threeHunks(in: repository, runs: runs)
      // The "editor": drops the second added line of the hunk it is given.
      let editor = scratch + "/edit.sh"
      try Data("#!/bin/sh\nsed -i '/^+value_26b/d' \"$1\"\n".utf8).write(
        to: URL(fileURLWithPath: editor))
      try FileManager.default.setAttributes(
        [.posixPermissions: 0o755], ofItemAtPath: editor)
    }

    /// Deletes the state folders (the repository deletes itself).
    func cleanUp() { try? FileManager.default.removeItem(atPath: scratch) }

    var environment: [String: String] {
      [
        "XDG_STATE_HOME": scratch + "/state", "XDG_CONFIG_HOME": scratch + "/config",
        "EDITOR": scratch + "/edit.sh", "ASSIST_HOME": projectRoot,
      ]
    }

    /// A shell command line running assist with this sandbox's environment in the repository.
    func commandLine(_ arguments: String) -> String {
      let variables = environment.sorted { $0.key < $1.key }.map { "\($0.key)='\($0.value)'" }
      // A terminal as a person has one: colour allowed, whatever the test runner's environment.
      return "cd '\(repository.path)' && env -u NO_COLOR TERM=xterm-256color "
        + "\(variables.joined(separator: " ")) "
        + "'\(binary ?? "assist")' \(arguments)"
    }

    /// Runs assist directly (no terminal), with `input` on standard input.
    /// Runs the binary off the cooperative pool, both pipes drained (see `ChildProcess`).
    func assist(_ arguments: [String], input: String = "") async throws -> (
      status: Int32, out: String, err: String
    ) {
      var variables = ProcessInfo.processInfo.environment
      variables.merge(environment) { $1 }
      variables["GIT_CONFIG_GLOBAL"] = "/dev/null"
      let result = try await ChildProcess.run(
        binary ?? "/bin/false", arguments, in: repository.path, environment: variables, input: input
      )
      return (result.status, result.output, result.error)
    }
  }

  /// One tmux server of our own (its own socket), one window 120×40.
  struct Terminal {
    let socket = "assist-review-" + UUID().uuidString.prefix(8).lowercased()

    /// Runs a tmux client and reaps it with `waitpid`; with `capture`, returns its output.
    ///
    /// Spawned directly rather than with Foundation's `Process`: the client that starts the
    /// server forks the daemon, and `Process` was seen never to notice that client's exit.
    @discardableResult
    private func tmux(_ arguments: [String], capture: Bool = false) throws -> String {
      let program = ReviewTmuxTests.tmux ?? "/bin/false"
      let output =
        capture ? NSTemporaryDirectory() + "/\(socket)-\(UUID().uuidString).out" : "/dev/null"
      var actions = posix_spawn_file_actions_t()
      posix_spawn_file_actions_init(&actions)
      defer { posix_spawn_file_actions_destroy(&actions) }
      posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
      posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
      posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
      let argv = [program, "-L", socket, "-f", "/dev/null"] + arguments
      var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
      defer { for argument in cArguments { free(argument) } }
      var pid: pid_t = 0
      let spawned = posix_spawn(&pid, program, &actions, nil, &cArguments, environ)
      guard spawned == 0 else { throw TerminalFailure(code: spawned) }
      var status: Int32 = 0
      while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
      guard capture else { return "" }
      defer { try? FileManager.default.removeItem(atPath: output) }
      return FileManager.default.contents(atPath: output).map {
        String(decoding: $0, as: UTF8.self)
      }
        ?? ""
    }

    struct TerminalFailure: Error {
      var code: Int32
    }

    /// Starts `command` in a fresh window named `name`; the shell stays so the screen can be read.
    func start(_ name: String, _ command: String) throws {
      let line =
        command
        + "; status=$?; echo \"exit=$status $(stty -a | grep -o -- '-*icanon ')end\"; sleep 600"
      try tmux(["new-session", "-d", "-s", name, "-x", "120", "-y", "40", line])
    }

    /// The pane's text, scrollback included.
    func screen(_ name: String, escapes: Bool = false) throws -> String {
      try tmux(
        ["capture-pane", "-p", "-J", "-S", "-300", "-t", name] + (escapes ? ["-e"] : []),
        capture: true)
    }

    /// Waits until the screen contains `text` (at most ~15 s); returns the screen.
    @discardableResult
    func wait(
      _ name: String, for text: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
      var last = ""
      for _ in 0..<300 {
        last = try screen(name)
        if last.contains(text) { return last }
        usleep(50_000)
      }
      Issue.record("the screen never showed \"\(text)\":\n\(last)", sourceLocation: sourceLocation)
      return last
    }

    func keys(_ name: String, _ keys: String...) throws {
      _ = try tmux(["send-keys", "-t", name] + keys)
    }

    func kill() { _ = try? tmux(["kill-server"]) }
  }

  @Test(.enabled(if: binary != nil && tmux != nil))
  func aPersonAcceptsQuitsResumesEditsRejectsAndAppliesInARealTerminal() async throws {
    let sandbox = try Sandbox()
    defer { sandbox.cleanUp() }
    let id = sandbox.proposal.runID
    let terminal = Terminal()
    defer { terminal.kill() }

    // First sitting: help, accept the first hunk, quit.
    try terminal.start("one", sandbox.commandLine("review"))
    var screen = try terminal.wait("one", for: "[?]help")
    #expect(screen.contains("review of run \(id): tidy the code"))
    #expect(screen.contains("── app.py · hunk 1 of 3"))
    #expect(
      screen.contains(
        "sub-task s1 · agent migrator · tier local-small · model qwen2.5-coder-0.5b · "
          + "1,200 tokens · $0.0000"))
    #expect(screen.contains("-value_2 = 2\n+value_2 = 20"))
    // In a terminal the diff is coloured: additions green.
    let coloured = try terminal.screen("one", escapes: true)
    #expect(coloured.contains("\u{1B}[32m+value_2 = 20"), "\(coloured.debugDescription)")
    try terminal.keys("one", "?")
    try terminal.wait("one", for: "s - skip: leave this hunk undecided")
    try terminal.keys("one", "y")
    try terminal.wait("one", for: "── app.py · hunk 2 of 3")
    try terminal.keys("one", "q")
    screen = try terminal.wait("one", for: "end\n")
    #expect(screen.contains("review paused: accepted 1, rejected 0, pending 2"))
    #expect(screen.contains("continue with: assist review \(id)"))
    #expect(screen.contains("exit=0 icanon end"))  // the terminal is back in line mode
    #expect(
      try sandbox.runs.proposal(id)?.hunks.map(\.decision) == [.accepted, .pending, .pending])

    // Second sitting resumes at hunk 2: edit it (the editor drops a line), then Ctrl-C.
    try terminal.start("two", sandbox.commandLine("review \(id.prefix(4))"))
    screen = try terminal.wait("two", for: "[?]help")
    #expect(screen.contains("(resuming: 1 decided)"))
    #expect(screen.contains("── app.py · hunk 2 of 3"))
    #expect(!screen.contains("hunk 1 of 3"))
    try terminal.keys("two", "e")
    screen = try terminal.wait("two", for: "── util.py · hunk 3 of 3")
    #expect(screen.contains("edited hunk accepted"))
    #expect(
      screen.contains(
        "sub-task s2 · agent designer · tier cloud · model claude-sonnet · 1,300 tokens · $0.0123"))
    try terminal.keys("two", "C-c")
    screen = try terminal.wait("two", for: "end\n")
    #expect(screen.contains("review paused: accepted 2, rejected 0, pending 1"))
    #expect(screen.contains("exit=0 icanon end"))

    // Third sitting: reject the last hunk.
    try terminal.start("three", sandbox.commandLine("review"))
    try terminal.wait("three", for: "── util.py · hunk 3 of 3")
    try terminal.keys("three", "n")
    screen = try terminal.wait("three", for: "end\n")
    #expect(screen.contains("review done: accepted 2, rejected 1, pending 0"))
    #expect(screen.contains("apply with: assist apply \(id)"))

    // Apply on the current branch: only the accepted hunks, the edit included.
    let apply = try await sandbox.assist(["apply", id, "--here"])
    #expect(apply.status == 0, "\(apply.err)")
    #expect(apply.out.contains("2 hunks in 1 commit; undo with: assist undo \(id)"))
    let app = try #require(sandbox.repository.read("app.py"))
    #expect(app.contains("value_2 = 20\n"))
    #expect(app.contains("value_26 = 260\nvalue_27 = 27\n"))
    #expect(!app.contains("value_26b"))
    #expect(sandbox.repository.read("util.py") == ProposalFixture.util)
    let log = try sandbox.repository.git("log", "--format=%s%n%b", "-1")
    #expect(log.contains("assist: tidy the code [s1]"))
    #expect(log.contains("Assist-Run: \(id)"))
    #expect(try sandbox.repository.git("status", "--porcelain").isEmpty)

    // The history knows.
    let history = try await sandbox.assist(["log"])
    #expect(history.out.contains(id))
    #expect(history.out.contains("applied"))
    let show = try await sandbox.assist(["show", String(id.prefix(6))])
    #expect(show.out.contains("accepted 2, rejected 1, pending 0"))
    #expect(show.out.contains("! edited by the reviewer"))
  }

  @Test(.enabled(if: binary != nil))
  func answersPipedOnStandardInputAreReadALineAtATimeWithoutColour() async throws {
    let sandbox = try Sandbox()
    defer { sandbox.cleanUp() }
    let id = sandbox.proposal.runID
    let review = try await sandbox.assist(["review", id], input: "n\nmaybe\ny\n")
    #expect(review.status == 0, "\(review.err)")
    #expect(!review.out.contains("\u{1B}["))
    #expect(review.out.contains("unknown key 'm'; press ? for help"))
    // Input ended at hunk 3: a pause, with the decisions kept.
    #expect(review.out.contains("review paused: accepted 1, rejected 1, pending 1"))
    #expect(
      try sandbox.runs.proposal(id)?.hunks.map(\.decision) == [.rejected, .accepted, .pending])

    let json = try await sandbox.assist(["review", id, "--json"])
    let data = try #require(json.out.data(using: .utf8))
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["baseMoved"] as? Bool == false)
    #expect((object["proposal"] as? [String: Any])?["runID"] as? String == id)

    // The user commits over hunk 3's lines: review flags it, apply refuses it, nothing forced.
    try sandbox.repository.write("util.py", "def helper():\n    return 5\n")
    try sandbox.repository.commitAll("mine")
    let stale = try await sandbox.assist(["review", id], input: "y\n")
    #expect(stale.out.contains("the base moved"))
    #expect(stale.out.contains("! no longer applies to HEAD: the lines of util.py"))
    #expect(stale.out.contains("this hunk no longer applies to HEAD"))
    let refused = try await sandbox.assist(["apply", id, "--accept-all", "--here"])
    #expect(refused.status != 0)
    #expect(refused.err.contains("no longer applies: hunk 3 (util.py)"))
    #expect(sandbox.repository.read("util.py") == "def helper():\n    return 5\n")
    let reject = try await sandbox.assist(["reject", id])
    #expect(reject.out.contains("rejected run \(id)"))
    #expect(try sandbox.runs.run(id).status == .rejected)
    #expect(try sandbox.runs.proposal(id) != nil)
  }
}
