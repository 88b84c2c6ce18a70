/// Aider's `process_markdown` (tests/basic/test_find_or_blocks.py) redone in Swift: the corpus cut
/// into sections at every `####` + whitespace, and the gold file read back into the same shape.
enum AiderCorpus {
  /// One SEARCH/REPLACE block as the gold file lists it.
  struct Block: Equatable, CustomStringConvertible {
    var path: String
    var search: String
    var replacement: String
    var description: String { "\(path): \(search.prefix(60).debugDescription)" }
  }

  /// A section's result: its blocks, or a parse error.
  enum Result: Equatable {
    case blocks([Block])
    case error
  }

  /// The sections of the chat history: header line and content after it, as Aider cuts them.
  static func sections(of corpus: String) -> [(header: String, content: String)] {
    let scalars = Array(corpus.unicodeScalars)
    var cuts = [0]
    var index = 1
    while index + 4 < scalars.count {
      if scalars[index] == "#", scalars[index + 1] == "#", scalars[index + 2] == "#",
        scalars[index + 3] == "#", scalars[index + 4].properties.isWhitespace
      {
        cuts.append(index)
      }
      index += 1
    }
    cuts.append(scalars.count)
    var sections: [(String, String)] = []
    for (start, end) in zip(cuts, cuts.dropFirst()) {
      var view = String.UnicodeScalarView()
      view.append(contentsOf: scalars[start..<end])
      let section = String(view)
      if section.contains("editblock_coder.py") || section.contains("test_editblock.py") {
        continue
      }
      if section.allSatisfy(\.isWhitespace) { continue }
      let firstBreak = section.unicodeScalars.firstIndex(of: "\n")
      let header = String(
        section.unicodeScalars[..<(firstBreak ?? section.unicodeScalars.endIndex)])
      let content =
        firstBreak.map {
          String(section.unicodeScalars[section.unicodeScalars.index(after: $0)...])
        }
        ?? ""
      sections.append((strip(header), content))
    }
    return sections
  }

  /// The gold file, as (header, result) for every section that has blocks or an error.
  static func gold(_ text: String) -> [(header: String, result: Result)] {
    let bar = String(repeating: "@", count: 20)
    var sections: [(String, Result)] = []
    var header: String?
    var blocks: [Block] = []
    var isError = false
    func close() {
      guard let header else { return }
      if isError {
        sections.append((header, .error))
      } else if !blocks.isEmpty {
        sections.append((header, .blocks(blocks)))
      }
    }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).makeIterator()
    while let line = lines.next() {
      if line.hasPrefix("@@@ SEARCH: ") && line.hasSuffix(" " + bar) {
        let path = String(line.dropFirst(12).dropLast(21))
        var search = ""
        var replacement = ""
        while let body = lines.next(), body != bar { search += body + "\n" }
        while let body = lines.next(), body != "@@@ REPLACE " + bar { replacement += body + "\n" }
        blocks.append(Block(path: path, search: search, replacement: replacement))
      } else if line == "@@@ SHELL " + bar {
        while let body = lines.next(), body != "@@@ ENDSHELL " + bar {}
      } else if line.hasPrefix("@@@ ") && line.hasSuffix(" " + bar) {
        close()
        header = String(line.dropFirst(4).dropLast(21))
        blocks = []
        isError = false
      } else if line.hasPrefix("^^^ ") {
        isError = true
      }
    }
    close()
    return sections
  }

  private static func strip(_ text: String) -> String { String(text.trimmed) }
}

extension StringProtocol where SubSequence == Substring {
  fileprivate var trimmed: Substring {
    guard let start = firstIndex(where: { !$0.isWhitespace }),
      let end = lastIndex(where: { !$0.isWhitespace })
    else { return self[endIndex...] }
    return self[start...end]
  }
}
