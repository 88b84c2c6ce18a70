import AssistKit
import AssistTesting
import Foundation
import Testing

/// Keeps the bench honest: every `bugfix` task in `examples/` must fail its own check on the
/// repository as shipped, otherwise a run that changes nothing would count as a fix.
@Suite struct ExampleSuiteTests {
  struct BugfixTask: CustomTestStringConvertible, Sendable {
    var example: String
    var id: String
    var text: String
    var check: String
    var testDescription: String { "\(example)/\(id)" }
  }

  static let examples = projectRoot + "/examples"

  /// The bugfix tasks of every example's `tasks.yaml`.
  static func bugfixTasks() throws -> [BugfixTask] {
    let names = try FileManager.default.contentsOfDirectory(atPath: examples).sorted()
    var tasks: [BugfixTask] = []
    for name in names {
      let file = examples + "/" + name + "/tasks.yaml"
      guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
      guard case .mapping(let root, _) = try YAMLValue.parse(text, file: file),
        case .sequence(let items, _)? = root.first(where: { $0.key == "tasks" })?.value
      else { continue }
      for case .mapping(let fields, _) in items {
        func field(_ key: String) -> String? {
          guard case .scalar(let value, _)? = fields.first(where: { $0.key == key })?.value else {
            return nil
          }
          return value
        }
        guard field("category") == "bugfix", let id = field("id"), let check = field("check"),
          let text = field("text")
        else { continue }
        tasks.append(BugfixTask(example: name, id: id, text: text, check: check))
      }
    }
    return tasks
  }

  /// The example's `repo/` folder committed into a fresh temporary repository.
  static func repository(of example: String) throws -> TemporaryRepository {
    let root = examples + "/" + example + "/repo"
    var files: [String: String] = [:]
    let enumerator = FileManager.default.enumerator(atPath: root)
    while let relative = enumerator?.nextObject() as? String {
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isFolder),
        !isFolder.boolValue
      {
        files[relative] = try String(contentsOfFile: root + "/" + relative, encoding: .utf8)
      }
    }
    return try TemporaryRepository(files: files)
  }

  @Test func thereAreBugfixTasksInSeveralLanguages() throws {
    let tasks = try Self.bugfixTasks()
    #expect(tasks.count >= 4)
    #expect(Set(tasks.map(\.example)).isSuperset(of: ["py-textkit", "js-cart", "c-stats"]))
  }

  @Test(arguments: try bugfixTasks())
  func everyBugfixCheckFailsOnTheShippedRepository(task: BugfixTask) async throws {
    let repo = try Self.repository(of: task.example)
    let verifier = Verifier(environment: ProcessInfo.processInfo.environment, timeout: .seconds(60))
    let result = try await verifier.run(task.check, repository: repo.path)
    #expect(
      result.status == .failed, "\(task.testDescription): \(result.summary)\n\(result.output)")
    // The task text names a test command the verifier would find on its own.
    let discovered = TestCommandDiscovery.discover(in: repo.path, taskText: task.text)
    #expect(
      discovered.command?.origin == .taskText, "\(task.testDescription): \(discovered.reason)")
    let named = try #require(discovered.command?.command)
    let run = try await verifier.run(named, repository: repo.path)
    #expect(run.status == .failed, "\(task.testDescription): `\(named)` \(run.summary)")
    #expect(
      !run.failingTests.isEmpty, "\(task.testDescription): no failing test named\n\(run.output)")
  }
}
