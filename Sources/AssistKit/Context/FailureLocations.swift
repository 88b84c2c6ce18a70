/// The code locations a failing test's output names: Python traceback frames
/// (`File "pkg/mod.py", line 41, in median`) and `path:line` pairs (node, C, Go, pytest's
/// short form), mapped onto the repository's paths.
package enum FailureLocations {
  /// One frame of a failure.
  package struct Frame: Sendable, Equatable {
    /// The repository-relative path.
    package var path: String
    /// The line, 1-based.
    package var line: Int
    /// The function the frame names, when it names one.
    package var function: String?
  }

  /// The frames of `output` that lie in `paths`, in the order printed (innermost last for
  /// Python tracebacks).
  package static func frames(in output: String, paths: [String]) -> [Frame] {
    var frames: [Frame] = []
    for raw in output.split(separator: "\n") {
      let line = String(raw.trimmed)
      if line.hasPrefix("File \""), let frame = pythonFrame(line, paths: paths) {
        frames.append(frame)
        continue
      }
      for (path, number) in FailureExcerpt.locations(in: line) {
        if let known = repositoryPath(path, in: paths) {
          frames.append(Frame(path: known, line: number, function: nil))
        }
      }
    }
    return frames
  }

  /// `File "x.py", line N, in f`.
  private static func pythonFrame(_ line: String, paths: [String]) -> Frame? {
    let rest = line.dropFirst(6)
    guard let quote = rest.firstIndex(of: "\"") else { return nil }
    let file = String(rest[..<quote])
    let tail = rest[rest.index(after: quote)...]
    let parts = tail.split(separator: ",").map { String($0.trimmed) }
    guard let linePart = parts.first(where: { $0.hasPrefix("line ") }),
      let number = Int(linePart.dropFirst(5)), let path = repositoryPath(file, in: paths)
    else { return nil }
    let function = parts.first { $0.hasPrefix("in ") }.map { String($0.dropFirst(3)) }
    return Frame(path: path, line: number, function: function)
  }

  /// The repository path `file` (absolute, or relative to anywhere) ends with; the longest wins.
  static func repositoryPath(_ file: String, in paths: [String]) -> String? {
    if paths.contains(file) { return file }
    return paths.filter { file.hasSuffix("/" + $0) }.max { $0.count < $1.count }
  }
}
