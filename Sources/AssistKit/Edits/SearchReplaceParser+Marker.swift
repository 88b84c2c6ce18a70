extension SearchReplaceParser {
  /// Recognisers for the marker and fence lines, each tolerant of surrounding whitespace.
  enum Marker {
    /// `<<<<<<< SEARCH` (5 to 9 `<`, optional `>` after, any spacing).
    static func isSearch(_ line: Substring) -> Bool {
      var rest = line.trimmed
      guard let word = run(of: "<", in: &rest) else { return false }
      if word.last == ">" { rest = word.dropLast() } else { rest = word }
      return rest == "SEARCH"
    }

    /// `=======` (5 to 9 `=`).
    static func isDivider(_ line: Substring) -> Bool {
      let text = line.trimmed
      return (5...9).contains(text.count) && text.allSatisfy { $0 == "=" }
    }

    /// `>>>>>>> REPLACE` (5 to 9 `>`).
    static func isReplace(_ line: Substring) -> Bool {
      var rest = line.trimmed
      return run(of: ">", in: &rest) == "REPLACE"
    }

    /// A Markdown or Aider wrap fence line (```` ``` ````, `~~~`, `<source>` …).
    static func isFence(_ line: Substring) -> Bool {
      line.hasPrefix("```") || line.hasPrefix("~~~") || wrapFences.contains(where: line.hasPrefix)
    }

    /// What follows the fence on a fence line (its info string), or `nil` if not a fence line.
    static func fenceRemainder(_ line: Substring) -> Substring? {
      for opener in ["````", "```", "~~~"] + wrapFences where line.hasPrefix(opener) {
        return line.dropFirst(opener.count).trimmed
      }
      return nil
    }

    /// A fence that opens a shell snippet (```` ```bash ```` and friends).
    static func isShellFence(_ line: Substring) -> Bool {
      let text = line.trimmed
      return shellFences.contains(where: text.hasPrefix)
    }

    /// Consumes 5 to 9 `character`s and the spaces after them; returns the remaining word.
    private static func run(of character: Character, in text: inout Substring) -> Substring? {
      let count = text.prefix(while: { $0 == character }).count
      guard (5...9).contains(count) else { return nil }
      return text.dropFirst(count).trimmed
    }

    private static let wrapFences = [
      "<source>", "<code>", "<pre>", "<codeblock>", "<sourcecode>",
    ]
    private static let shellFences = [
      "```bash", "```sh", "```shell", "```cmd", "```batch", "```powershell", "```ps1", "```zsh",
      "```fish", "```ksh", "```csh", "```tcsh",
    ]
  }
}
