/// The header readers of ``PatchText``: declared paths and pure-rename modes.
extension PatchText {
  /// The paths exactly as the patch's file headers spell them (after the `a/`/`b/` prefix).
  ///
  /// libgit2 silently turns `a//etc/x` into `etc/x`; path rules must see what was written.
  /// - Parameters:
  ///   - text: A unified diff.
  ///   - isNormalized: Whether `text` is already ``normalized(_:)`` (skips that pass).
  /// - Returns: Every path named by `---`, `+++`, `rename`/`copy from`/`to` headers, in order.
  package static func declaredPaths(in text: String, isNormalized: Bool = false) -> [String] {
    declaredPaths(in: Array(text.utf8), isNormalized: isNormalized)
  }

  /// ``declaredPaths(in:isNormalized:)-(String,_)`` for a patch held as bytes.
  package static func declaredPaths(in patch: [UInt8], isNormalized: Bool = false) -> [String] {
    let text = ByteText.text(patch)
    var paths: [String] = []
    var inHeader = false
    for line in splitLines(isNormalized ? text : normalized(byteText: text)) {
      if line.hasPrefix("diff --git ") {
        inHeader = true
        continue
      }
      guard inHeader else { continue }
      if line.hasPrefix("@@") || line.hasPrefix("GIT binary patch")
        || line.hasPrefix("Binary files")
      {
        inHeader = false
        continue
      }
      for (marker, prefix) in [
        ("--- ", "a/"), ("+++ ", "b/"), ("rename from ", ""), ("rename to ", ""),
        ("copy from ", ""),
        ("copy to ", ""),
      ] where line.hasPrefix(marker) {
        var path = name(String(line))
        if marker.count > 4 { path = String(line.dropFirst(marker.count)) }
        if path.hasPrefix("\""), path.hasSuffix("\""), path.count >= 2 {
          path = String(path.dropFirst().dropLast())
        }
        if path == "/dev/null" { continue }
        if !prefix.isEmpty, path.hasPrefix(prefix) { path = String(path.dropFirst(prefix.count)) }
        paths.append(ByteText.path(path))
      }
    }
    return paths
  }

  /// `text` with `old mode`/`new mode` lines added to pure renames and copies.
  ///
  /// git writes a 100%-similar rename without any mode, and libgit2 1.5 then gives the new path
  /// mode 100644, turning an executable script into a plain file. The mode comes from `mode`.
  /// - Parameters:
  ///   - text: A normalised patch, as ``ByteText``.
  ///   - mode: The current mode of a repository-relative path, or `nil` if unknown.
  /// - Returns: The patch with explicit modes where they were missing.
  static func withPureRenameModes(_ text: String, mode: (String) -> UInt32?) -> String {
    guard text.contains("\nsimilarity index 100%") || text.hasPrefix("similarity index 100%")
    else { return text }
    var output: [String] = []
    var sectionStart = 0
    var pure = false
    var hasMode = false
    var source: String?
    func finish() {
      guard pure, !hasMode, let source, let value = mode(ByteText.path(source)) else { return }
      let octal = String(value, radix: 8)
      output.insert(contentsOf: ["old mode \(octal)", "new mode \(octal)"], at: sectionStart + 1)
    }
    for line in splitLines(text) {
      if line.hasPrefix("diff --git ") {
        finish()
        sectionStart = output.count
        pure = false
        hasMode = false
        source = nil
      } else if line == "similarity index 100%" {
        pure = true
      } else if line.hasPrefix("old mode ") || line.hasPrefix("index ") {
        hasMode = true
      } else if line.hasPrefix("rename from ") || line.hasPrefix("copy from ") {
        var path = String(line.drop { $0 != " " }.dropFirst().drop { $0 != " " }.dropFirst())
        if path.hasPrefix("\""), path.hasSuffix("\""), path.count >= 2 {
          path = String(path.dropFirst().dropLast())
        }
        source = path
      }
      output.append(line)
    }
    finish()
    return output.joined(separator: "\n")
  }
}
