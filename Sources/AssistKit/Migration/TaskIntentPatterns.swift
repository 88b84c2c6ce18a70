internal import Foundation

/// Reads a task's intent from its text by the patterns in `share/task-intents.yaml`, so a plainly
/// mechanical task (a rename of a named function) skips the planner call.
package struct TaskIntentPatterns: Sendable {
  /// One pattern and the action it means.
  package struct Entry: Sendable {
    /// The action a match means.
    package var action: ChangeIntent.Action
    /// The regular expression, as written in the file.
    package var pattern: String
  }

  /// The patterns, in file order (the first match wins).
  package var entries: [Entry]
  /// Where a task goes on to ask for more after a part a tool may do (`follow-on` in the file).
  package var followOn: String?

  /// Creates patterns from entries.
  package init(entries: [Entry] = [], followOn: String? = nil) {
    self.entries = entries
    self.followOn = followOn
  }

  /// The file's path inside an install.
  package static func defaultFile(paths: AssistPaths) -> String {
    paths.installDirectory + "/share/task-intents.yaml"
  }

  /// Reads and validates a patterns file; a missing file means no patterns.
  /// - Throws: ``ConfigError`` naming the file and line of a bad entry.
  package static func load(file: String) throws -> TaskIntentPatterns {
    guard let text = try FileSystem.readTextIfPresent(file) else { return TaskIntentPatterns() }
    return try parse(text, file: file)
  }

  /// Parses a patterns document.
  /// - Throws: ``ConfigError`` naming the file and line of a bad entry.
  package static func parse(_ text: String, file: String) throws -> TaskIntentPatterns {
    let root = try YAMLValue.parse(text, file: file)
    if case .null = root { return TaskIntentPatterns() }
    var reader = try YAMLReader(root, file: file, context: "the task intents")
    guard let list = reader.value("intents") else { return TaskIntentPatterns() }
    guard case .sequence(let items, _) = list else {
      throw reader.error("intents", "'intents' must be a list of {action, pattern}")
    }
    let followOn = try reader.string("follow-on")
    if let followOn, (try? NSRegularExpression(pattern: followOn, options: [])) == nil {
      throw reader.error("follow-on", "'follow-on' must be a valid regular expression")
    }
    var entries: [Entry] = []
    for item in items {
      var entry = try YAMLReader(item, file: file, context: "a task intent")
      let name = try entry.string("action") ?? ""
      guard let action = ChangeIntent.Action(rawValue: name) else {
        throw ConfigError(file: file, line: item.line, message: "unknown action '\(name)'")
      }
      guard let pattern = try entry.string("pattern"),
        (try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive])) != nil
      else {
        throw ConfigError(
          file: file, line: item.line, message: "'pattern' must be a valid regular expression")
      }
      entries.append(Entry(action: action, pattern: pattern))
    }
    return TaskIntentPatterns(entries: entries, followOn: followOn)
  }

  /// The ways to cut `task` into a head and the parts that follow it, longest head first: one
  /// per `follow-on` boundary ("…; add a flag …; add a test …" gives two). Empty when the task
  /// has no such boundary.
  package func headsAndFollowOns(of task: String) -> [(head: String, followOns: [String])] {
    let text = task.trimmingCharacters(in: .whitespacesAndNewlines)
    guard let followOn,
      let regex = try? NSRegularExpression(pattern: followOn, options: [.caseInsensitive])
    else { return [] }
    let cuts = regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
      Range($0.range, in: text)
    }
    guard !cuts.isEmpty else { return [] }
    // The pieces after each boundary, each without its separator.
    let ends = cuts.map(\.upperBound)
    let pieces = ends.indices.map { index in
      String(
        text[ends[index]..<(index + 1 < cuts.count ? cuts[index + 1].lowerBound : text.endIndex)]
      )
      .trimmingCharacters(in: .whitespacesAndNewlines)
    }
    return cuts.indices.reversed().map { index in
      (String(text[..<cuts[index].lowerBound]), Array(pieces[index...]))
    }
  }

  /// Whether any pattern of `action` matches `task`, whichever pattern would match first ("add a
  /// parameter to fix the bug" reads as a signature change and as a fix).
  package func reads(_ task: String, as action: ChangeIntent.Action) -> Bool {
    let text = task.trimmingCharacters(in: .whitespacesAndNewlines)
    return entries.contains { $0.action == action && Self.match($0, in: text) != nil }
  }

  /// `entry`'s match, anchored at the start of `text`.
  private static func match(_ entry: Entry, in text: String) -> NSTextCheckingResult? {
    let regex = try? NSRegularExpression(pattern: entry.pattern, options: [.caseInsensitive])
    return regex?.firstMatch(
      in: text, options: [.anchored], range: NSRange(text.startIndex..., in: text))
  }

  /// The intent of the first pattern `task` matches, or `nil`.
  package func intent(of task: String) -> ChangeIntent? {
    let text = task.trimmingCharacters(in: .whitespacesAndNewlines)
    for entry in entries {
      guard let match = Self.match(entry, in: text) else { continue }
      func group(_ name: String) -> String? {
        guard entry.pattern.contains("?<\(name)>") else { return nil }
        let range = match.range(withName: name)
        guard range.location != NSNotFound, let swiftRange = Range(range, in: text) else {
          return nil
        }
        return String(text[swiftRange])
      }
      let symbol = group("symbol") ?? group("from")
      let also = group("also")
      // `also` is a second symbol of a move, a second base of a new exception class.
      let symbols = [symbol, entry.action == .move ? also : nil].compactMap { $0 }
      return ChangeIntent(
        action: entry.action, symbols: symbols, from: group("from"), to: group("to"),
        module: group("module"), otherBases: entry.action == .exception ? also.map { [$0] } : nil,
        exportedAs: group("export"), parameter: group("param"),
        keywordOnly: entry.action == .signature ? group("kwonly") != nil : nil,
        throughCallers: entry.action == .signature ? group("callers") != nil : nil)
    }
    return nil
  }
}
