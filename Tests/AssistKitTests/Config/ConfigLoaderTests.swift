import AssistKit
import AssistTesting
import Foundation
import Testing

@Suite struct ConfigLoaderTests {
  private var defaults: (file: String, text: String) {
    get throws {
      let file = projectRoot + "/share/default-config.yaml"
      return (file, try String(contentsOfFile: file, encoding: .utf8))
    }
  }

  @Test func shippedDefaultsGiveTwoLocalTiersAndNoCloudWithoutAKey() throws {
    let defaults = try self.defaults
    let config = try ConfigLoader.merge([defaults], variables: [:])
    #expect(config.tiers.map(\.name) == ["local-small", "local-medium"])
    #expect(config.tiers.allSatisfy { $0.isFree })
    #expect(config.tier(named: "local-small")?.endpoints == ["http://127.0.0.1:18480"])
    #expect(config.disabledTiers["cloud"] == "ANTHROPIC_API_KEY is not set")
    #expect(config.budgets.perTask == 1.0)
  }

  @Test func aCloudKeyTurnsItsTierOnAsTheStrongest() throws {
    let defaults = try self.defaults
    let config = try ConfigLoader.merge([defaults], variables: ["ANTHROPIC_API_KEY": "sk-x"])
    #expect(config.tiers.last?.name == "cloud")
    #expect(config.tiers.last?.api == .anthropic)
    #expect(config.tiers.last?.price.output == 15)
    #expect(config.disabledTiers["cloud-openai"] != nil)
  }

  @Test func laterFilesOverrideTierFieldsByNameAndAddTiers() throws {
    let user = (
      "user.yaml",
      """
      tiers:
        - name: local-small
          slots: 4
        - name: lab-vllm
          model: qwen-32b
          endpoints: [http://10.0.0.5:8000, http://10.0.0.6:8000]
          price: {input: 0.1, output: 0.2}
      budgets:
        per_day: 2.5
      """
    )
    let config = try ConfigLoader.merge([try self.defaults, user], variables: [:])
    let small = try #require(config.tier(named: "local-small"))
    #expect(small.slots == 4)
    #expect(small.model == "qwen2.5-coder-0.5b-instruct")  // kept from the defaults
    #expect(config.tiers.map(\.name) == ["local-small", "local-medium", "lab-vllm"])
    #expect(config.tier(named: "lab-vllm")?.endpoints.count == 2)
    #expect(config.budgets.perDay == 2.5)
    #expect(config.budgets.perMonth == 100)
  }

  @Test func anUnknownKeyInATierNamesTheLineAndSuggestsTheFix() throws {
    let text = """
      tiers:
        - name: t
          model: m
          endpoints: [http://x]
          contex_window: 4096
      """
    let error = #expect(throws: ConfigError.self) {
      try ConfigLoader.merge([("repo.yaml", text)], variables: [:])
    }
    #expect(
      error?.description
        == "repo.yaml:5: unknown key 'contex_window' in tier 't'; did you mean 'context_window'?")
  }

  @Test(arguments: [
    (
      "tiers:\n  - name: t\n    model: m\n    endpoints: [http://x]\n    api: grpc\n", 5,
      "api must be one of"
    ),
    ("tiers:\n  - name: t\n    model: m\n    endpoints: [ftp://x]\n", 4, "must start with http"),
    (
      "tiers:\n  - name: t\n    model: m\n    endpoints: [http://127.0.0.1:99999]\n", 4,
      "port 99999"
    ),
    (
      "tiers:\n  - name: t\n    model: m\n    endpoints: [http://127.0.0.1:80a]\n", 4,
      "not a valid URL"
    ),
    ("tiers:\n  - name: t\n    model: m\n    endpoints: [http://127.0.0.1:0]\n", 4, "port 0"),
    ("tiers:\n  - name: t\n    model: m\n    endpoints: ['http://']\n", 4, "has no host"),
    ("tiers:\n  - name: t\n    model: m\n    endpoints: ['http://a b:80']\n", 4, "not a valid URL"),
    ("tiers:\n  - name: t\n    endpoints: [http://x]\n", 2, "tier 't' needs 'model'"),
    (
      "tiers:\n  - name: t\n    model: m\n    endpoints: [http://x]\n    slots: many\n", 5,
      "must be a whole number"
    ),
    ("budgets:\n  per_day: -1\n", 2, "must not be negative"),
    ("verify:\n  targeted_timeout_seconds: 0\n", 2, "targeted_timeout_seconds must be > 0"),
    ("tiers: [\n", 2, "did not find expected"),
    ("tier:\n  - name: t\n", 1, "did you mean 'tiers'"),
    (
      "tiers:\n  - name: a\n    model: m\n    endpoints: [http://x]\n  - name: a\n    model: n\n    endpoints: [http://y]\n",
      5, "defined twice"
    ),
  ])
  func badConfigsFailWithTheirLine(text: String, line: Int, message: String) throws {
    let error = #expect(throws: ConfigError.self) {
      try ConfigLoader.merge([("c.yaml", text)], variables: [:])
    }
    #expect(error?.file == "c.yaml")
    #expect(error?.line == line)
    #expect(error?.message.contains(message) == true, "\(String(describing: error))")
  }

  @Test func targetedTestRunsGetTheirOwnTimeoutCappedByTheWholeSuitesByDefault() throws {
    let plain = try ConfigLoader.merge(
      [("c.yaml", "verify:\n  timeout_seconds: 600\n")], variables: [:])
    #expect(plain.verify.targetedTimeout == 120)
    let short = try ConfigLoader.merge(
      [("c.yaml", "verify:\n  timeout_seconds: 30\n")], variables: [:])
    #expect(short.verify.targetedTimeout == 30)
    let given = try ConfigLoader.merge(
      [
        ("a.yaml", "verify:\n  targeted_timeout_seconds: 45\n"),
        ("b.yaml", "verify:\n  command: t\n"),
      ],
      variables: [:])
    #expect(given.verify.targetedTimeout == 45)
    #expect(given.verify.command == "t")
  }

  @Test func loadReadsOnlyFilesThatExist() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileManager.default.createDirectory(
      atPath: dir + "/repo/.assist", withIntermediateDirectories: true)
    try "budgets:\n  per_task: 0.25\n".write(
      toFile: dir + "/repo/.assist/config.yaml", atomically: true, encoding: .utf8)
    let paths = AssistPaths(
      configDirectory: dir + "/nothing-here", stateDirectory: dir, cacheDirectory: dir,
      installDirectory: projectRoot)
    let config = try ConfigLoader.load(paths: paths, repositoryRoot: dir + "/repo", variables: [:])
    #expect(config.budgets.perTask == 0.25)
    #expect(
      config.sources == [
        projectRoot + "/share/default-config.yaml", dir + "/repo/.assist/config.yaml",
      ])
  }
}
