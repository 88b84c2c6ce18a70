/// The root of this package's checkout, found from this file's path (STYLE.md: tests find the
/// repository root from `#filePath`).
package let projectRoot: String = {
  var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
  parts.removeLast(3)  // Sources/AssistTesting/ProjectRoot.swift
  return parts.joined(separator: "/")
}()
