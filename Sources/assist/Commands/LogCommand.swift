import ArgumentParser
import AssistKit
import Foundation

/// `assist log`: the history of runs, newest first.
struct LogCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "log",
    abstract: "List runs, newest first: id, age, status, files, cost, savings, overhead, task.",
    discussion: """
      Savings are what the same tokens would have cost at the cloud tier's price, minus what the
      run cost. Overhead is the share of tokens spent on coordination rather than on the work.
      `assist show ID` tells the whole story of one run.
      """)

  @Option(help: "Show at most this many runs.")
  var limit: Int = 20

  @Option(
    name: [.customShort("C"), .long],
    help: "Only runs in this repository (default: runs in every repository).")
  var repository: String?

  @Flag(help: "Print as JSON.")
  var json = false

  func validate() throws {
    if limit < 1 { throw ValidationError("--limit must be at least 1") }
  }

  func run() async throws {
    let runs = try UserStore.open()
    var root: String?
    if let repository { root = await (try Workspace(at: repository)).root }
    try runs.markInterrupted()  // runs whose process is gone are not "running"
    let records = try runs.runs(limit: limit, repository: root)
    let now = Date().timeIntervalSince1970
    if json { return try Output.json(records.map { LogEntry($0, now: now) }) }
    if records.isEmpty { return print("no runs yet (assist task \"…\" starts one)") }
    var rows = [["ID", "AGE", "STATUS", "FILES", "COST", "SAVED", "OVERHEAD", "TASK"]]
    for record in records {
      let task = record.task.split(separator: "\n").first.map(String.init) ?? ""
      rows.append([
        record.id, RunReport.age(record.createdAt, now: now), record.status.rawValue,
        String(record.files), HunkRenderer.dollars(record.cost),
        HunkRenderer.dollars(record.savings), RunReport.percent(record.overheadRatio),
        task.count > 60 ? String(task.prefix(57)) + "..." : task,
      ])
    }
    Output.table(rows)
  }
}

/// One run in `assist log --json`.
struct LogEntry: Encodable {
  var id: String
  var createdAt: Double
  var age: String
  var repository: String
  var command: String
  var task: String
  var status: String
  var files: Int
  var tokens: Int
  var cost: Double
  var counterfactualCost: Double
  var savings: Double
  var overheadRatio: Double
  var detail: String

  init(_ run: RunRecord, now: Double) {
    id = run.id
    createdAt = run.createdAt
    age = RunReport.age(run.createdAt, now: now)
    repository = run.repository
    command = run.command
    task = run.task
    status = run.status.rawValue
    files = run.files
    tokens = run.tokens
    cost = run.cost
    counterfactualCost = run.counterfactualCost
    savings = run.savings
    overheadRatio = run.overheadRatio
    detail = run.detail
  }
}

/// The user's store, found the XDG way (no network or model set-up needed).
enum UserStore {
  /// Opens the store of this user.
  /// - Returns: Its runs.
  /// - Throws: ``StoreError`` when the file cannot be used.
  static func open() throws -> RunStore {
    let variables = ProcessInfo.processInfo.environment
    let install =
      InstallLocation.find(variables: variables, executablePath: InstallLocation.currentExecutable)
      ?? ""
    let paths = AssistPaths(variables: variables, installDirectory: install)
    return RunStore(try Store(path: paths.storePath))
  }
}
