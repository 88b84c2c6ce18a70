import AssistKit
import Testing

/// `local.speculative` of a tier: read into a typed setting, refused with its line when wrong, and
/// turned into the launcher's flags.
@Suite struct SpeculationConfigTests {
  private func config(_ speculative: String) -> String {
    """
    tiers:
      - name: local-medium
        model: m
        local:
          model_file: medium.gguf
          port: 18690
          speculative: \(speculative)
    """
  }

  @Test func anNgramSettingIsReadAndBecomesLauncherFlags() throws {
    let text = config("{mode: ngram, n_max: 32, ngram_size: 4}")
    let tier = try #require(ConfigLoader.merge([("c.yaml", text)], variables: [:]).tiers.first)
    let speculation = try #require(tier.local?.speculative)
    #expect(speculation == Speculation(mode: .ngram, maxDraft: 32, ngramSize: 4))
    #expect(
      speculation.launcherArguments(draftPath: nil)
        == ["--spec-mode", "ngram", "--spec-n-max", "32", "--ngram-size", "4"])
  }

  @Test func aDraftModelSettingNamesItsModelFile() throws {
    let text = config("{mode: draft, draft_model_file: small.gguf, n_max: 16, p_min: 0.6}")
    let tier = try #require(ConfigLoader.merge([("c.yaml", text)], variables: [:]).tiers.first)
    let speculation = try #require(tier.local?.speculative)
    #expect(
      speculation.launcherArguments(draftPath: "/models/small.gguf")
        == [
          "--spec-mode", "draft", "--draft-model", "/models/small.gguf", "--spec-n-max", "16",
          "--spec-p-min", "0.6",
        ])
  }

  @Test func offLeavesSpeculationOut() throws {
    let tier = try #require(
      ConfigLoader.merge([("c.yaml", config("off"))], variables: [:]).tiers.first)
    #expect(tier.local?.speculative == nil)
  }

  @Test(arguments: [
    ("{mode: eagle}", "must be one of: ngram, draft, or off"),
    ("{mode: draft}", "draft needs draft_model_file"),
    ("{mode: ngram, draft_model_file: s.gguf}", "is for mode draft"),
    ("{mode: ngram, n_max: 0}", "n_max must be 1…256"),
    ("{mode: draft, draft_model_file: s.gguf, p_min: 2}", "p_min must be 0…1"),
    ("{mode: ngram, n_mx: 3}", "unknown key 'n_mx'"),
  ])
  func aBadSettingFailsWithItsLine(speculative: String, message: String) throws {
    let error = #expect(throws: ConfigError.self) {
      try ConfigLoader.merge([("c.yaml", config(speculative))], variables: [:])
    }
    #expect(error?.file == "c.yaml")
    #expect(error?.line == 7)
    #expect(error?.message.contains(message) == true, "\(String(describing: error))")
  }
}
