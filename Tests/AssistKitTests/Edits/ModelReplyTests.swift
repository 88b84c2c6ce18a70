import AssistKit
import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Real replies of the local 0.5B and 1.5B models to small edit tasks, recorded once by
/// `scripts/record-edit-replies`, run through the whole pipeline.
@Suite struct ModelReplyTests {
  struct Task: Codable {
    var id: String
    var path: String
    var request: String
    var content: String
  }

  struct Recording: Codable {
    var task: String
    var model: String
    var format: String
    var reply: String
  }

  /// What the pipeline made of one recording, as checked in under `expected-outcomes.json`.
  struct Summary: Codable, Equatable {
    var stage: String
    var strategies: [String]
    var suspects: [String]
    /// The file after the edits, when accepted.
    var content: String?
  }

  static let names: [String] = {
    let files = (try? EditFixtures.files(in: "model-replies")) ?? []
    return files.filter { $0.hasSuffix(".json") && $0.contains(".qwen") }
  }()

  /// The outcome of a recording; `pathHint` passes the task's one file as the default path, as
  /// the coordinator does for a sub-task with one file in scope.
  static func summary(of name: String, pathHint: Bool = true) async throws -> Summary {
    let tasks = try EditFixtures.decode([Task].self, "model-replies/tasks.json")
    let recording = try EditFixtures.decode(Recording.self, "model-replies/\(name)")
    let task = try #require(tasks.first { $0.id == recording.task })
    return try await summary(
      reply: recording.reply, format: recording.format, task: task, pathHint: pathHint)
  }

  static func summary(reply: String, format name: String, task: Task, pathHint: Bool = true)
    async throws -> Summary
  {
    let format = try #require(EditFormats.standard[name])
    let base = MemoryEditBase(files: [task.path: task.content])
    let outcome = try await EditPipeline().run(
      reply: reply, format: format, base: base, defaultPath: pathHint ? task.path : nil)
    if !outcome.accepted { #expect(!outcome.feedback.isEmpty) }
    return Summary(
      stage: outcome.stage.rawValue,
      strategies: outcome.blocks.map { $0.strategy?.rawValue ?? ($0.applied ? "write" : "failed") },
      suspects: outcome.suspects.map(\.name),
      content: outcome.accepted ? outcome.changes.first { $0.path == task.path }?.new : nil)
  }

  @Test func everyRecordedReplyEndsAsCheckedIn() async throws {
    #expect(Self.names.count == 48)
    let expected = try EditFixtures.decode(
      [String: Summary].self, "model-replies/expected-outcomes.json")
    var actual: [String: Summary] = [:]
    for name in Self.names { actual[name] = try await Self.summary(of: name) }
    if ProcessInfo.processInfo.environment["ASSIST_RECORD_EDIT_OUTCOMES"] != nil {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      try encoder.encode(actual).write(
        to: URL(fileURLWithPath: EditFixtures.directory + "/model-replies/expected-outcomes.json"))
    }
    for name in Self.names { #expect(actual[name] == expected[name], "\(name)") }
  }

  @Test(.enabled(if: ProcessInfo.processInfo.environment["ASSIST_TEST_SERVER_URL"] != nil))
  func liveServerRepliesGoThroughThePipeline() async throws {
    let url = try #require(ProcessInfo.processInfo.environment["ASSIST_TEST_SERVER_URL"])
    let tasks = try EditFixtures.decode([Task].self, "model-replies/tasks.json")
    for task in tasks.prefix(2) {
      for name in ["search-replace", "whole-file"] {
        let recording = try EditFixtures.decode(
          Recording.self, "model-replies/\(task.id).qwen2.5-coder-0.5b.\(name).json")
        let reply = try await Self.ask(url: url, recording: recording)
        let summary = try await Self.summary(reply: reply, format: name, task: task)
        // Whatever the model wrote, the pipeline ends in a known stage, never a crash or a guess.
        #expect(["parse", "match", "gate", "accepted"].contains(summary.stage))
        if summary.stage == "accepted" { #expect(summary.content != task.content) }
      }
    }
  }

  /// Re-sends a recorded request to the live server and returns the reply text.
  static func ask(url: String, recording: Recording) async throws -> String {
    let request = try EditFixtures.decode(
      RecordedRequest.self,
      "model-replies/\(recording.task).\(recording.model).\(recording.format).json")
    var urlRequest = URLRequest(url: try #require(URL(string: url + "/v1/chat/completions")))
    urlRequest.httpMethod = "POST"
    urlRequest.setValue("application/json", forHTTPHeaderField: "Content-Type")
    urlRequest.httpBody = try JSONEncoder().encode(request.request)
    urlRequest.timeoutInterval = 300
    let (data, _) = try await URLSession.shared.data(for: urlRequest)
    let reply = try JSONDecoder().decode(ChatReply.self, from: data)
    return try #require(reply.choices.first?.message.content)
  }

  struct RecordedRequest: Codable {
    struct Body: Codable {
      struct Message: Codable {
        var role: String
        var content: String
      }
      var messages: [Message]
      var temperature: Double
      var max_tokens: Int
    }
    var request: Body
  }

  struct ChatReply: Codable {
    struct Choice: Codable {
      struct Message: Codable { var content: String? }
      var message: Message
    }
    var choices: [Choice]
  }
}
