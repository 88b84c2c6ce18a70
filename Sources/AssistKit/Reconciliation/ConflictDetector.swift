/// A disagreement found between two sides, before it is resolved.
struct DetectedConflict: Sendable {
  /// `stale-base`, `semantic`, `interpretive` (textual ones are found while merging).
  var kind: String
  /// Files involved.
  var files: [String]
  /// `path:first-last` ranges.
  var lines: [String]
  /// The earlier side (index into the sides).
  var first: Int
  /// The later side.
  var second: Int
  /// What was found.
  var detail: String
}

/// Finds stale-base, semantic and interpretive conflicts between sub-tasks' contributions.
enum ConflictDetector {
  /// A dependent that rewrote lines a dependency had changed.
  static func staleBase(_ sides: [ReconcileSide], base: [String: String?]) -> [DetectedConflict] {
    var found: [DetectedConflict] = []
    for side in sides where !side.ancestors.isEmpty {
      for path in side.edited {
        guard let given = side.given[path], given != (base[path] ?? nil) else { continue }
        let theirs = LineHunks.between(base[path] ?? nil, given)
        let own = LineHunks.between(given, side.versions[path] ?? nil)
        let stale = own.filter { hunk in
          theirs.contains { overlaps(hunk, start: $0.newStart, count: $0.newCount) }
        }
        guard !stale.isEmpty,
          let dependency = sides.last(where: {
            side.ancestors.contains($0.id) && $0.edited.contains(path)
          })
        else { continue }
        found.append(
          DetectedConflict(
            kind: "stale-base", files: [path], lines: stale.map { $0.label(path) },
            first: dependency.order, second: side.order,
            detail: "\(side.id) rewrote lines of \(path) that \(dependency.id) had changed"))
      }
    }
    return found
  }

  /// Strict overlap of `hunk`'s old range with `start..<start+count` (an insertion counts when
  /// it falls inside).
  private static func overlaps(_ hunk: LineHunk, start: Int, count: Int) -> Bool {
    if hunk.oldCount == 0 { return start < hunk.oldStart && hunk.oldStart < start + count }
    if count == 0 { return hunk.oldStart < start && start < hunk.oldStart + hunk.oldCount }
    return hunk.oldStart < start + count && start < hunk.oldStart + hunk.oldCount
  }

  /// Assumptions with the same key and different values.
  static func interpretive(_ sides: [ReconcileSide]) -> [DetectedConflict] {
    var found: [DetectedConflict] = []
    for (i, a) in sides.enumerated() {
      for b in sides[(i + 1)...] {
        let assumedA = a.result.handBack.assumptions
        let assumedB = b.result.handBack.assumptions
        for key in Set(assumedA.keys).intersection(assumedB.keys).sorted() {
          guard let x = assumedA[key], let y = assumedB[key], normalized(x) != normalized(y)
          else { continue }
          found.append(
            DetectedConflict(
              kind: "interpretive", files: Array(Set(a.edited + b.edited)).sorted(), lines: [],
              first: a.order, second: b.order,
              detail: "\(key): \(a.id) assumes '\(x)', \(b.id) assumes '\(y)'"))
        }
      }
    }
    return found
  }

  private static func normalized(_ value: String) -> String {
    value.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
  }

  /// Renames to different names, a definition removed by one and used by another, a new name
  /// defined by both — between independent sub-tasks.
  static func semantic(_ sides: [ReconcileSide]) -> [DetectedConflict] {
    var cache: [String: [String]] = [:]
    let symbols = sides.map { SymbolChanges($0, cache: &cache) }
    var found: [DetectedConflict] = []
    for (i, a) in sides.enumerated() {
      for b in sides[(i + 1)...] where !a.related(to: b) && !(a.edited.isEmpty || b.edited.isEmpty)
      {
        let sa = symbols[a.order]
        let sb = symbols[b.order]
        func add(_ files: [String], _ lines: [String], _ detail: String) {
          found.append(
            DetectedConflict(
              kind: "semantic", files: Array(Set(files)).sorted(), lines: lines, first: a.order,
              second: b.order, detail: detail))
        }
        for (old, renamed) in sa.renames.sorted(by: { $0.key < $1.key }) {
          guard let other = sb.renames[old], other.name != renamed.name else { continue }
          add(
            [renamed.path, other.path], [],
            "\(a.id) renamed \(old) to \(renamed.name), \(b.id) renamed it to \(other.name)")
        }
        for (x, y, xs, ys) in [(a, b, sa, sb), (b, a, sb, sa)] {
          for (name, path) in xs.removed.sorted(by: { $0.key < $1.key })
          where ys.removed[name] == nil {
            let how = xs.renames[name].map { "renamed \(name) to \($0.name)" } ?? "deleted \(name)"
            if let use = ys.uses(name, definedIn: path, base: y) {
              add([path, use.path], [use.label], "\(x.id) \(how); \(y.id) still \(use.how) it")
            }
          }
        }
        let renamedAlike = Set(sa.renames.values.map(\.name)).intersection(
          sb.renames.values.map(\.name))
        for (name, path) in sa.added.sorted(by: { $0.key < $1.key })
        where !renamedAlike.contains(name) {
          guard let otherPath = sb.added[name] else { continue }
          if path == otherPath, a.versions[path] == b.versions[path] { continue }
          add([path, otherPath], [], "\(a.id) and \(b.id) both define a new \(name)")
        }
      }
    }
    return found
  }
}
