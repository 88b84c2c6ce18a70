import AssistKit
import Testing

@Suite struct PlanParserTests {
  let files: Set<String> = ["inventory.py", "report.py", "test_inventory.py"]

  @Test func aValidPlanInsideACodeFenceParses() throws {
    let reply = """
      Here is the plan:
      ```json
      {"subtasks": [
        {"id": "s1", "kind": "analysis", "goal": "find callers of add", "files": ["report.py"], "depends_on": [], "difficulty": 1},
        {"id": "s2", "kind": "migration", "goal": "rename qty", "files": ["inventory.py", "report.py"], "depends_on": ["s1"], "difficulty": 2}
      ]}
      ```
      """
    let subtasks = try PlanParser.parse(reply, files: files)
    #expect(subtasks.map(\.id) == ["s1", "s2"])
    #expect(subtasks[1].kind == .migration)
    #expect(subtasks[1].dependsOn == ["s1"])
    let plan = Plan(subtasks: subtasks, origin: .planner)
    #expect(plan.depth == 2)
    #expect(plan.topologicalOrder.map(\.id) == ["s1", "s2"])
  }

  @Test func theChangeIntentIsTypedFromActionSymbolsFromAndTo() throws {
    let reply = """
      {"subtasks": [
        {"id": "s1", "kind": "migration", "goal": "fix add", "files": ["inventory.py"], "depends_on": [], "difficulty": 1, "action": "fix", "symbols": [" `add` "]},
        {"id": "s2", "kind": "migration", "goal": "rename", "files": [], "depends_on": [], "difficulty": 1, "action": "rename", "symbols": ["add"], "from": "add", "to": "put"},
        {"id": "s3", "kind": "analysis", "goal": "explain", "files": [], "depends_on": [], "difficulty": 1}
      ]}
      """
    let subtasks = try PlanParser.parse(reply, files: files)
    #expect(subtasks[0].intent == ChangeIntent(action: .fix, symbols: ["add"]))
    #expect(
      subtasks[1].intent == ChangeIntent(action: .rename, symbols: ["add"], from: "add", to: "put"))
    #expect(subtasks[2].intent == nil)
  }

  @Test(arguments: [
    ("I think you should rename it.", "not a JSON object"),
    (
      #"{"subtasks": [{"id": "a", "kind": "design", "goal": "g", "files": [], "depends_on": [], "difficulty": 1, "action": "tidy", "symbols": []}]}"#,
      "unknown action \"tidy\""
    ),
    (#"{"steps": []}"#, "non-empty \"subtasks\""),
    (
      #"{"subtasks": [{"id": "a", "kind": "refactor", "goal": "g", "files": [], "depends_on": [], "difficulty": 1}]}"#,
      "unknown kind \"refactor\""
    ),
    (
      #"{"subtasks": [{"id": "a", "kind": "design", "goal": "g", "files": ["cache.py"], "depends_on": [], "difficulty": 1}]}"#,
      "\"cache.py\", which is not a file"
    ),
    (
      #"{"subtasks": [{"id": "a", "kind": "design", "goal": "g", "files": [], "depends_on": ["b"], "difficulty": 1}, {"id": "b", "kind": "design", "goal": "g", "files": [], "depends_on": ["a"], "difficulty": 1}]}"#,
      "cycle among a, b"
    ),
    (
      #"{"subtasks": [{"id": "a", "kind": "design", "goal": "g", "files": [], "depends_on": ["zz"], "difficulty": 1}]}"#,
      "depends on \"zz\""
    ),
    (
      #"{"subtasks": [{"id": "a", "kind": "design", "goal": "g", "files": [], "depends_on": [], "difficulty": 9}]}"#,
      "difficulty must be 1 to 5"
    ),
    (
      #"{"subtasks": [{"id": "a", "kind": "design", "goal": " ", "files": [], "depends_on": [], "difficulty": 1}]}"#,
      "non-empty \"goal\""
    ),
  ])
  func invalidPlansSayExactlyWhatIsWrong(reply: String, reason: String) {
    let error = #expect(throws: PlanError.self) { try PlanParser.parse(reply, files: self.files) }
    #expect(error?.description.contains(reason) == true, "\(String(describing: error))")
  }
}
