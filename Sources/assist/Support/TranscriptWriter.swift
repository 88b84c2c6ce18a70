import ArgumentParser
import AssistKit
import Foundation
import Synchronization

/// Appends every model exchange of a run to a Markdown file (`--transcript`), so a user can read
/// what each model was asked and what it answered. Holds no keys: only prompts and replies.
final class TranscriptWriter: Sendable {
  private let handle: Mutex<FileHandle?>

  /// Opens (creates or appends to) `path`.
  /// - Throws: `ValidationError` when the file cannot be opened.
  init(path: String) throws {
    let manager = FileManager.default
    if !manager.fileExists(atPath: path) {
      guard manager.createFile(atPath: path, contents: nil) else {
        throw ValidationError("cannot create the transcript file \(path)")
      }
    }
    guard let handle = FileHandle(forWritingAtPath: path) else {
      throw ValidationError("cannot write the transcript file \(path)")
    }
    handle.seekToEndOfFile()
    self.handle = Mutex(handle)
  }

  /// Writes the exchange events; ignores the rest.
  func handle(_ event: RunEvent) {
    guard case .exchange(let subtask, let tier, let round, let prompt, let reply) = event else {
      return
    }
    let title = round == 0 ? "call" : "reflection \(round)"
    let text = """
      ## \(subtask) · \(tier) · \(title)

      ### sent

      \(Self.quoted(prompt))

      ### reply

      \(Self.quoted(reply))


      """
    handle.withLock { $0?.write(Data(text.utf8)) }
  }

  /// Indents text by four spaces so its own fences cannot close ours.
  private static func quoted(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(
      separator: "\n")
  }
}
