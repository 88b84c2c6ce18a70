internal import Foundation
internal import Subprocess

#if canImport(System)
  internal import System
#else
  internal import SystemPackage
#endif

/// Finds the definitions in file texts: universal-ctags for every language it knows, the
/// ``SymbolMap`` patterns for the files it does not (or for all of them when ctags is missing).
///
/// Texts are written to a scratch folder and read by one ctags process per batch, so what is
/// indexed is the committed blob, never the user's half-edited work tree.
package struct DefinitionIndexer: Sendable {
  /// The ctags executable: a name looked up in `PATH`, or a path.
  package var ctags: String
  /// Files per ctags process.
  package var batchSize: Int

  /// What the index cache is keyed by, with the blob id: a change here re-indexes everything.
  package static let version = "ctags-json-2"

  /// Creates an indexer.
  package init(ctags: String = "ctags", batchSize: Int = 1_000) {
    self.ctags = ctags
    self.batchSize = batchSize
  }

  /// What one indexing pass did (tests count it; the run records it).
  package struct Report: Sendable, Equatable, Codable {
    /// Files read by ctags.
    package var ctagsFiles = 0
    /// ctags processes started.
    package var ctagsRuns = 0
    /// Files indexed by the fallback patterns.
    package var fallbackFiles = 0
    /// Why ctags was not used, when it was not.
    package var ctagsProblem: String?
  }

  /// The definitions in `files` (path → text), per path, sorted by line.
  package func definitions(of files: [String: String]) async -> (
    definitions: [String: [Definition]], report: Report
  ) {
    var report = Report()
    var found: [String: [Definition]] = [:]
    let paths = files.keys.sorted()
    var start = 0
    while start < paths.count, report.ctagsProblem == nil {
      let batch = Array(paths[start..<min(start + batchSize, paths.count)])
      start += batchSize
      do {
        let tags = try await runCtags(on: batch, files: files)
        report.ctagsRuns += 1
        report.ctagsFiles += batch.count
        for (path, list) in tags { found[path] = list }
      } catch {
        report.ctagsProblem = "\(error)"
      }
    }
    for path in paths where found[path] == nil {
      guard let text = files[path] else { continue }
      let fallback = FallbackDefinitions.find(in: text, path: path)
      if SymbolMap.knows(path: path) { report.fallbackFiles += 1 }
      found[path] = fallback
    }
    return (found, report)
  }

  /// One ctags process over `batch`, in a scratch folder holding their texts.
  private func runCtags(on batch: [String], files: [String: String]) async throws -> [String:
    [Definition]]
  {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "assist-index-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    for path in batch {
      let url = folder.appendingPathComponent(path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data((files[path] ?? "").utf8).write(to: url)
    }
    let executable: Executable = ctags.contains("/") ? .path(FilePath(ctags)) : .name(ctags)
    let result = try await Subprocess.run(
      executable,
      arguments: [
        "--sort=no", "--output-format=json", "--fields=+neKS", "--extras=-F", "-f", "-", "-L", "-",
      ],
      workingDirectory: FilePath(folder.path),
      input: .string(batch.joined(separator: "\n") + "\n"),
      output: .string(limit: 256 * 1024 * 1024), error: .discarded)
    let output = result.standardOutput
    guard result.terminationStatus.isSuccess else {
      throw IndexError.ctagsFailed("\(ctags) exited with \(result.terminationStatus)")
    }
    return CtagsOutput.definitions(in: output, files: files)
  }
}

/// Why the indexer could not use a tool.
package enum IndexError: Error, Sendable, Equatable, CustomStringConvertible {
  /// ctags ran and failed.
  case ctagsFailed(String)

  package var description: String {
    switch self {
    case .ctagsFailed(let why): "ctags failed: \(why)"
    }
  }
}
