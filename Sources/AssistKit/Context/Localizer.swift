internal import Foundation

/// Ranks the places a task is about: from the plan's intent symbols, the names and paths the task
/// text mentions, the frames of failing tests, and a personalized PageRank over the reference
/// graph seeded by those.
///
/// Output is data with reasons (``Place``), recorded in the run and shown by `assist plan`.
package struct Localizer: Sendable {
  /// What is known about the task.
  package struct Evidence: Sendable {
    /// The user's task, verbatim.
    package var task: String
    /// Symbols the plan's typed intents name (`Subtask.intent?.symbols`).
    package var symbols: [String]
    /// Failing tests' output (tracebacks, assertion lines), if any ran.
    package var failure: String?

    /// Creates evidence.
    package init(task: String, symbols: [String] = [], failure: String? = nil) {
      self.task = task
      self.symbols = symbols
      self.failure = failure
    }
  }

  /// The index.
  package var index: RepositoryIndex
  /// The text files.
  package var files: [String: String]
  /// Name mentions over `files`.
  package var references: References

  /// Creates a localizer over an index and the files it indexed (scans the references once).
  package init(index: RepositoryIndex, files: [String: String]) {
    self.init(index: index, files: files, references: References(index: index, files: files))
  }

  /// Creates a localizer from references already scanned.
  package init(index: RepositoryIndex, files: [String: String], references: References) {
    self.index = index
    self.files = files
    self.references = references
  }

  /// The best places for `evidence`, best first.
  /// - Parameters:
  ///   - evidence: Task text, plan symbols, failure output.
  ///   - limit: How many to return.
  package func places(for evidence: Evidence, limit: Int = 5) -> [Place] {
    let nodes = index.definitions.keys.sorted().flatMap { index.definitions[$0] ?? [] }
      .filter { $0.isCallable || $0.lineCount > 1 }
    guard !nodes.isEmpty else { return fileOnlyPlaces(evidence, limit: limit) }
    var seeds = Seeds(nodes: nodes)
    let words = Self.identifiers(in: evidence.task)
    let mentionedPaths = Set(
      files.keys.filter { path in
        let name = (path as NSString).lastPathComponent
        return evidence.task.contains(path) || words.contains(name)
      })
    for symbol in evidence.symbols {
      let parts = symbol.split(separator: ".").map(String.init)
      guard let name = parts.last else { continue }
      seeds.add(
        name: name, qualifier: parts.dropLast().last, weight: 10, reason: "named by the plan")
    }
    // A dotted name that resolves by scope names its member; the qualifier is only context.
    var resolvedWords: Set<String> = []
    for word in words where word.contains(".") {
      let parts = word.split(separator: ".").map(String.init)
      guard parts.count >= 2, let name = parts.last,
        seeds.resolves(name: name, qualifier: parts[parts.count - 2])
      else { continue }
      seeds.add(
        name: name, qualifier: parts[parts.count - 2], weight: 8, reason: "named in the task")
      resolvedWords.insert(word)
      resolvedWords.formUnion(parts)
    }
    let shaped = Self.codeShaped(in: evidence.task)
    for word in words where !resolvedWords.contains(word) {
      let parts = word.split(separator: ".").map(String.init)
      guard let name = parts.last, name.count >= 2 else { continue }
      // A word written as code (`_`, digits, dots, inner capitals, a call, backticks) names a
      // symbol; a plain word ("same", "value") may only happen to be one.
      let weight = shaped.contains(word) ? 6.0 : 2.0
      seeds.add(
        name: name, qualifier: parts.dropLast().last, weight: weight, reason: "named in the task")
    }
    for path in mentionedPaths {
      seeds.boost(path: path, weight: 2, reason: "its file is named in the task")
    }
    if let failure = evidence.failure {
      let frames = FailureLocations.frames(in: failure, paths: Array(files.keys))
      let lastSource = frames.lastIndex { !RepoContext.looksLikeTest($0.path) }
      for (i, frame) in frames.enumerated() {
        guard let hit = index.innermost(path: frame.path, line: frame.line),
          let node = seeds.node(of: hit)
        else { continue }
        let weight = RepoContext.looksLikeTest(frame.path) ? 1.0 : i == lastSource ? 8 : 4
        seeds.add(
          node: node, weight: weight, reason: "failing test's trace: \(frame.path):\(frame.line)")
      }
    }
    // Nothing named: a rank from the graph alone would only say which names are common.
    guard !seeds.weights.isEmpty else { return fileOnlyPlaces(evidence, limit: limit) }
    let graph = edges(nodes: nodes)
    let rank = PageRank.rank(nodes: nodes.count, edges: graph, seeds: seeds.weights)
    let top = rank.max() ?? 0
    // The graph ranks among what the evidence names; scaled to the strongest seed so that it
    // alone never makes one of two equally named functions decisive (1.4× < 1.5×).
    let graphWeight = 0.4 * (seeds.weights.values.max() ?? 0)
    var scored: [(Int, Double)] = []
    for node in 0..<nodes.count {
      let seed = seeds.weights[node] ?? 0
      var score = seed + (top > 0 ? graphWeight * rank[node] / top : 0)
      if RepoContext.looksLikeTest(nodes[node].path) && !mentionedPaths.contains(nodes[node].path) {
        score *= 0.3
      }
      if seed > 0 || score > 0.5 { scored.append((node, score)) }
    }
    scored.sort { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
    return scored.prefix(limit).map { node, score in
      let d = nodes[node]
      var reasons = seeds.reasons[node] ?? []
      if seeds.weights[node] == nil {
        reasons.append(
          String(
            format: "linked to what the task names (graph rank %.2f)", rank[node] / max(top, 1e-9)))
      }
      return Place(
        path: d.path, symbol: d.name, startLine: d.startLine, endLine: d.endLine,
        score: (score * 100).rounded() / 100, reasons: reasons)
    }
  }

  /// Whether the first place is clearly ahead of the second (half again its score).
  package static func isDecisive(_ places: [Place]) -> Bool {
    guard let first = places.first else { return false }
    guard places.count > 1 else { return true }
    return first.score >= places[1].score * 1.5
  }

  /// Definition → definitions it mentions, weighted so a name defined in n places splits its
  /// weight n ways.
  private func edges(nodes: [Definition]) -> [Int: [Int: Double]] {
    var byName: [String: [Int]] = [:]
    var byPath: [String: [Int]] = [:]
    for (i, d) in nodes.enumerated() {
      byName[d.name, default: []].append(i)
      byPath[d.path, default: []].append(i)
    }
    var edges: [Int: [Int: Double]] = [:]
    // Line → innermost node per file, made once per file that has mentions.
    var enclosing: [String: [Int?]] = [:]
    func node(_ site: References.Site) -> Int? {
      if enclosing[site.path] == nil {
        let mine = byPath[site.path] ?? []
        let count = mine.map { nodes[$0].endLine }.max() ?? 0
        var table = [Int?](repeating: nil, count: count + 1)
        var span = [Int](repeating: Int.max, count: count + 1)
        for i in mine {
          let d = nodes[i]
          for line in d.startLine...min(d.endLine, count) where d.lineCount < span[line] {
            table[line] = i
            span[line] = d.lineCount
          }
        }
        enclosing[site.path] = table
      }
      let table = enclosing[site.path] ?? []
      return site.line < table.count ? table[site.line] : nil
    }
    for (name, targets) in byName {
      for site in references.mentions(of: name, index: self.index) {
        guard let from = node(site) else { continue }
        for target in targets where target != from {
          edges[from, default: [:]][target, default: 0] += 1 / Double(targets.count)
          // Callers matter to a fix too: a weaker edge back.
          edges[target, default: [:]][from, default: 0] += 0.5 / Double(targets.count)
        }
      }
    }
    return edges
  }

  /// Files the task names, when nothing in the repository has definitions to rank.
  private func fileOnlyPlaces(_ evidence: Evidence, limit: Int) -> [Place] {
    files.keys.sorted().filter { evidence.task.contains($0) }.prefix(limit).map { path in
      let count = (files[path] ?? "").split(separator: "\n", omittingEmptySubsequences: false).count
      return Place(
        path: path, symbol: "", startLine: 1, endLine: count, score: 1,
        reasons: ["named in the task"])
    }
  }

  /// The tokens of `text` written the way code is: with `_`, a digit or a dot, a capital
  /// after the first letter or a capital word that does not start a sentence (`Bits`), followed
  /// by `(`, or inside backticks.
  package static func codeShaped(in text: String) -> Set<String> {
    var shaped: Set<String> = []
    let characters = Array(text)
    var i = 0
    while i < characters.count {
      let c = characters[i]
      guard c.isLetter || c == "_" else {
        i += 1
        continue
      }
      var j = i
      while j < characters.count,
        characters[j].isLetter || characters[j].isNumber || characters[j] == "_"
          || characters[j] == "."
      {
        j += 1
      }
      var token = String(characters[i..<j])
      while token.hasSuffix(".") { token.removeLast() }
      let before = characters[..<i].last { !$0.isWhitespace }
      let startsSentence = before == nil || before == "." || before == "!" || before == "?"
      let rest = token.dropFirst()
      let looksLikeCode =
        token.contains("_") || token.contains(where: \.isNumber) || token.contains(".")
        || rest.contains(where: \.isUppercase)
        || (token.first?.isUppercase == true && !startsSentence)
        || (j < characters.count && characters[j] == "(")
        || (i > 0 && characters[i - 1] == "`")
      if looksLikeCode {
        shaped.insert(token)
        for part in token.split(separator: ".") { shaped.insert(String(part)) }
      }
      i = max(j, i + 1)
    }
    return shaped
  }

  /// Identifiers in free text, dotted ones kept whole (`Cart.total`) and split.
  static func identifiers(in text: String) -> Set<String> {
    let tokens = text.split { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") }
    var words: Set<String> = []
    for token in tokens {
      let trimmed = token.trimmingCharacters(in: CharacterSet(charactersIn: "."))
      guard let first = trimmed.first, !first.isNumber else { continue }
      words.insert(trimmed)
      for part in trimmed.split(separator: ".") where part.count >= 2 { words.insert(String(part)) }
      if trimmed.hasSuffix("()") { words.insert(String(trimmed.dropLast(2))) }
    }
    return words
  }
}
