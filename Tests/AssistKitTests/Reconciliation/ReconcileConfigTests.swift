import AssistKit
import Testing

/// `reconcile: {precedence: [...]}` in the config.
@Suite struct ReconcileConfigTests {
  @Test func precedenceIsReadAndALaterFileReplacesIt() throws {
    let config = try ConfigLoader.merge(
      [
        ("user.yaml", "reconcile:\n  precedence: [migration]\n"),
        ("repo.yaml", "reconcile:\n  precedence: [design, migration, analysis]\n"),
      ], variables: [:])
    #expect(config.reconcilePrecedence == ["design", "migration", "analysis"])
    #expect(
      try ConfigLoader.merge([("a.yaml", "budgets: {}\n")], variables: [:]).reconcilePrecedence
        == [])
  }

  @Test func anUnknownKindNamesItsLine() throws {
    let text = """
      reconcile:
        precedence:
          - design
          - migrator
      """
    let error = #expect(throws: ConfigError.self) {
      try ConfigLoader.merge([("repo.yaml", text)], variables: [:])
    }
    #expect(error?.description.hasPrefix("repo.yaml:4: unknown agent kind 'migrator'") == true)
    let typo = #expect(throws: ConfigError.self) {
      try ConfigLoader.merge(
        [("repo.yaml", "reconcile:\n  precedense: [design]\n")], variables: [:])
    }
    #expect(typo?.description.hasPrefix("repo.yaml:2: unknown key 'precedense'") == true)
  }
}
