internal import Foundation

/// ``ConflictArbiter`` played by the arbiter agent on a model tier: billed like any call (a budget
/// cap refuses it), replying with a `DECISION:` line and the settled files in whole-file format.
package struct ModelArbiter: ConflictArbiter {
  /// The client.
  package var client: ModelClient
  /// The tier it runs on.
  package var tier: Tier
  /// The arbiter agent (`agents/arbiter.md`).
  package var agent: AgentDefinition
  /// Reserves and settles the call; `nil` bills nothing.
  package var billing: (any CallBilling)?

  /// Creates the arbiter.
  package init(
    client: ModelClient, tier: Tier, agent: AgentDefinition, billing: (any CallBilling)?
  ) {
    self.client = client
    self.tier = tier
    self.agent = agent
    self.billing = billing
  }

  package func arbitrate(_ conflict: ArbiterCase) async -> ArbiterVerdict {
    let format = WholeFileFormat()
    let messages: [ChatMessage] = [
      .system(agent.systemPrompt), .user(Self.prompt(conflict) + "\n" + format.instructions),
    ]
    let promptTokens = messages.reduce(0) { $0 + RepoContext.estimatedTokens($1.content) }
    let clock = ContinuousClock()
    let start = clock.now
    func seconds() -> Double {
      let elapsed = clock.now - start
      return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
    let ticket: BillingTicket?
    do {
      ticket = try await billing?.reserve(
        tier: tier, subtask: "arbiter", agent: agent.name, promptTokens: promptTokens,
        maxTokens: agent.maxTokens)
    } catch {
      return ArbiterVerdict(files: nil, decision: "not asked: \(error)", tier: tier.name)
    }
    let response: ChatResponse
    do {
      response = try await client.complete(
        ChatRequest(messages: messages, maxTokens: agent.maxTokens, temperature: agent.temperature),
        endpoints: EndpointSpec.endpoints(of: tier))
    } catch {
      if let ticket { await billing?.settle(ticket, usage: nil) }
      return ArbiterVerdict(
        files: nil, decision: "the arbiter's call failed: \(error)", tier: tier.name,
        seconds: seconds())
    }
    if let ticket { await billing?.settle(ticket, usage: response.usage) }
    let usage = response.usage
    var verdict = ArbiterVerdict(
      files: nil, decision: Self.decision(in: response.text), tier: tier.name,
      tokens: usage.inputTokens + usage.outputTokens + usage.cacheReadTokens,
      cost: tier.cost(
        input: usage.inputTokens, output: usage.outputTokens, cached: usage.cacheReadTokens),
      seconds: seconds())
    let files = conflict.files
    guard
      let edits = try? format.parse(
        reply: response.text, defaultPath: files.count == 1 ? files.first : nil)
    else {
      verdict.decision += " (its files could not be read)"
      return verdict
    }
    var settled: [String: String?] = [:]
    for edit in edits where files.contains(edit.path) {
      if case .write(let text) = edit.change { settled[edit.path] = .some(text) }
    }
    guard settled.count == files.count else {
      verdict.decision += " (it did not write every file of the conflict)"
      return verdict
    }
    verdict.files = settled
    return verdict
  }

  private static func decision(in reply: String) -> String {
    let line = reply.split(separator: "\n").first { $0.uppercased().hasPrefix("DECISION:") }
    return line.map { String($0.dropFirst(9)).trimmingCharacters(in: .whitespaces) }
      ?? "no DECISION line"
  }

  /// The user message: the task, the conflict, the original, both sides.
  static func prompt(_ conflict: ArbiterCase) -> String {
    var text = "Task: \(conflict.task)\n\nConflict (\(conflict.kind)): \(conflict.detail)\n"
    for path in conflict.files {
      text += "\nOriginal \(path):\n```\n\(conflict.original[path].flatMap { $0 } ?? "")\n```\n"
    }
    for side in conflict.sides {
      text += "\n## Version of \(side.subtask) (agent \(side.agent))\n"
      for (key, value) in side.assumptions.sorted(by: { $0.key < $1.key }) {
        text += "Assumes \(key): \(value)\n"
      }
      if let tests = side.tests { text += "Tests with this version: \(tests)\n" }
      for path in conflict.files {
        text += "\(path):\n```\n\(side.files[path].flatMap { $0 } ?? "(deleted)")\n```\n"
      }
    }
    return text
  }
}
