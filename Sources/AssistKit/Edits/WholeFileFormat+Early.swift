extension WholeFileFormat {
  /// A whole-file reply whose first file block has grown past one line with no path before it,
  /// when the request had no single file to default to: the parser would refuse it.
  package func earlyProblem(partial: String, defaultPath: String?) -> String? {
    // Only complete lines: the last one may still be growing.
    guard defaultPath == nil, let end = partial.lastIndex(of: "\n") else { return nil }
    let blocks = FencedBlock.all(in: String(partial[...end])).filter { !$0.isShell }
    // A block holding only a path names the next one (``joiningPathBlocks``): wait for two lines.
    guard let first = blocks.first, first.path == nil,
      first.body.editLines.count >= 2
    else { return nil }
    return "the fenced block has no file path: write the path alone on the line before it"
  }
}
