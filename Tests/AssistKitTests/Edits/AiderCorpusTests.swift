import AssistKit
import Testing

@Suite struct AiderCorpusTests {
  @Test func searchReplaceParserExtractsTheSameBlocksAsAidersGoldFile() throws {
    let corpus = try EditFixtures.text("aider/chat-history.md")
    let gold = AiderCorpus.gold(try EditFixtures.text("aider/chat-history-search-replace-gold.txt"))
    let format = SearchReplaceFormat()
    var ours: [(header: String, result: AiderCorpus.Result)] = []
    for section in AiderCorpus.sections(of: corpus) {
      do {
        let edits = try format.parse(reply: section.content)
        let blocks = edits.compactMap { edit -> AiderCorpus.Block? in
          guard case .replace(let search, let replacement, _) = edit.change else { return nil }
          return AiderCorpus.Block(path: edit.path, search: search, replacement: replacement)
        }
        if !blocks.isEmpty { ours.append((section.header, .blocks(blocks))) }
      } catch {
        ours.append((section.header, .error))
      }
    }
    let goldBlocks = gold.reduce(0) { count, section in
      if case .blocks(let blocks) = section.result { return count + blocks.count }
      return count
    }
    #expect(goldBlocks == 577)
    #expect(ours.count == gold.count)
    for (mine, theirs) in zip(ours, gold) {
      #expect(mine.header == theirs.header)
      #expect(mine.result == theirs.result, "section \(theirs.header)")
      if mine.header != theirs.header || mine.result != theirs.result { break }
    }
  }
}
