/// Aider's SEARCH/REPLACE blocks: the path alone on a line, a fence, `<<<<<<< SEARCH`, the quoted
/// lines, `=======`, the new lines, `>>>>>>> REPLACE`, the closing fence.
///
/// The parser reads what Aider's `find_original_update_blocks` reads (it reproduces Aider's gold
/// output on the 4 MB chat-history corpus) and also tolerates a few unambiguous small-model slips:
/// a missing fence, the path written on the fence line (```` ```python app.py ````), and extra or
/// missing spaces inside the markers. It refuses what it would have to guess: a block with no path
/// before it, a marker missing, or a second `<<<<<<< SEARCH` before the block ended.
package struct SearchReplaceFormat: EditFormat {
  package var name: String { "search-replace" }

  package var instructions: String {
    """
    Describe every change as a SEARCH/REPLACE block, in this exact shape:

    path/to/file.ext
    ```
    <<<<<<< SEARCH
    the existing lines, copied exactly, character for character
    =======
    the lines that replace them
    >>>>>>> REPLACE
    ```

    Rules:
    - The file path goes alone on the line before the opening fence.
    - The SEARCH part must match the file exactly, including indentation and comments, and must \
    be unique: include a few unchanged lines around the change if needed.
    - Use one block per change; keep blocks small.
    - To create a new file, leave the SEARCH part empty.
    - Write nothing but the blocks and a one-line explanation.

    """
  }

  /// Creates the format.
  package init() {}

  package func parse(reply: String, defaultPath: String?) throws -> [FileEdit] {
    try SearchReplaceParser(reply: reply, format: name, defaultPath: defaultPath).parse().map {
      FileEdit.replace($0.path, search: $0.search, replacement: $0.replacement)
    }
  }
}
