import AssistKit
import Testing

/// One reply and what a format must make of it.
struct EditFormatCase: CustomTestStringConvertible, Sendable {
  var name: String
  var format: String
  var reply: String
  /// The expected edits, or `nil` when the reply must be refused.
  var edits: [FileEdit]?
  /// Text the refusal must mention.
  var refusal: String = ""

  var testDescription: String { "\(format): \(name)" }

  static let fence = "```"

  static let all: [EditFormatCase] = [
    EditFormatCase(
      name: "well-formed block", format: "search-replace",
      reply:
        "Change it.\n\napp.py\n\(fence)python\n<<<<<<< SEARCH\nx = 1\n=======\nx = 2\n>>>>>>> REPLACE\n\(fence)\n",
      edits: [.replace("app.py", search: "x = 1\n", replacement: "x = 2\n")]),
    EditFormatCase(
      name: "missing fence, path reused by the next block", format: "search-replace",
      reply:
        "app.py\n<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE\n\n<<<<<<< SEARCH\nc\n=======\nd\n>>>>>>> REPLACE\n",
      edits: [
        .replace("app.py", search: "a\n", replacement: "b\n"),
        .replace("app.py", search: "c\n", replacement: "d\n"),
      ]),
    EditFormatCase(
      name: "path inside the fence line", format: "search-replace",
      reply:
        "\(fence)python src/app.py\n<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE\n\(fence)\n",
      edits: [.replace("src/app.py", search: "a\n", replacement: "b\n")]),
    EditFormatCase(
      name: "extra and missing spaces in markers, bold path", format: "search-replace",
      reply:
        "**app.py**\n\(fence)\n  <<<<<<<SEARCH  \na\n  =======\nb\n>>>>>>>   REPLACE\n\(fence)\n",
      edits: [.replace("app.py", search: "a\n", replacement: "b\n")]),
    EditFormatCase(
      name: "no path anywhere", format: "search-replace",
      reply: "<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE\n", refusal: "no file path"),
    EditFormatCase(
      name: "no divider", format: "search-replace",
      reply: "app.py\n<<<<<<< SEARCH\na\nb\n>>>>>>> REPLACE\n", refusal: "no ======="),
    EditFormatCase(
      name: "no REPLACE marker", format: "search-replace",
      reply: "app.py\n<<<<<<< SEARCH\na\n=======\nb\n", refusal: "no >>>>>>> REPLACE"),
    EditFormatCase(
      name: "nested SEARCH", format: "search-replace",
      reply: "app.py\n<<<<<<< SEARCH\na\n<<<<<<< SEARCH\nb\n=======\nc\n>>>>>>> REPLACE\n",
      refusal: "second <<<<<<< SEARCH"),
    EditFormatCase(
      name: "diff without line numbers", format: "udiff",
      reply:
        "\(fence)diff\n--- a/app.py\n+++ b/app.py\n@@ ... @@\n def f():\n-    return 1\n+    return 2\n\(fence)\n",
      edits: [
        .replace(
          "app.py", search: "def f():\n    return 1\n", replacement: "def f():\n    return 2\n")
      ]),
    EditFormatCase(
      name: "wrong counts, two hunks, blank context without its space", format: "udiff",
      reply: "--- app.py\n+++ app.py\n@@ -10,99 +10,1 @@\n a\n-b\n\n c\n@@ -1 +1 @@\n-x\n+y\n",
      edits: [
        .replace("app.py", search: "a\nb\n\nc\n", replacement: "a\n\nc\n"),
        .replace("app.py", search: "x\n", replacement: "y\n"),
      ]),
    EditFormatCase(
      name: "new and deleted files", format: "udiff",
      reply:
        "--- /dev/null\n+++ b/new.py\n@@ -0,0 +1,2 @@\n+a\n+b\n--- a/old.py\n+++ /dev/null\n@@ -1 +0,0 @@\n-gone\n",
      edits: [
        .replace("new.py", search: "", replacement: "a\nb\n"),
        FileEdit(path: "old.py", change: .delete),
      ]),
    EditFormatCase(
      name: "a hunk that changes nothing", format: "udiff",
      reply: "--- a/app.py\n+++ b/app.py\n@@ @@\n a\n b\n", refusal: "changes nothing"),
    EditFormatCase(
      name: "whole file after a path line", format: "whole-file",
      reply: "Here it is.\n\nsrc/app.py\n\(fence)python\nx = 1\ny = 2\n\(fence)\n",
      edits: [FileEdit(path: "src/app.py", change: .write("x = 1\ny = 2\n"))]),
    EditFormatCase(
      name: "path in a sentence, in backticks", format: "whole-file",
      reply: "The updated `app.py`:\n\(fence)\nx = 1\n\(fence)\n",
      edits: [FileEdit(path: "app.py", change: .write("x = 1\n"))]),
    EditFormatCase(
      name: "the path fenced on its own, then the file (the 0.5B's habit)", format: "whole-file",
      reply: "\(fence)python\nmathutils.py\n\(fence)\n\n\(fence)python\nx = 1\ny = 2\n\(fence)\n",
      edits: [FileEdit(path: "mathutils.py", change: .write("x = 1\ny = 2\n"))]),
    EditFormatCase(
      name: "a fenced path alone names nothing", format: "whole-file",
      reply: "\(fence)python\nmathutils.py\n\(fence)\n", edits: []),
    EditFormatCase(
      name: "no path", format: "whole-file", reply: "\(fence)python\nx = 1\n\(fence)\n",
      refusal: "no file path"),
    EditFormatCase(
      name: "elided content", format: "whole-file",
      reply: "app.py\n\(fence)\nx = 1\n# ... rest of the file unchanged ...\n\(fence)\n",
      refusal: "placeholder"),
    EditFormatCase(
      name: "update with context markers, add and delete", format: "patch",
      reply: """
        *** Begin Patch
        *** Update File: app.py
        @@ def f():
         a
        -b
        +c
        @@
        -x
        +y
        *** Add File: new.py
        +hello
        *** Delete File: old.py
        *** End Patch
        """,
      edits: [
        .replace("app.py", search: "a\nb\n", replacement: "a\nc\n", anchor: "def f():"),
        .replace("app.py", search: "x\n", replacement: "y\n"),
        .replace("new.py", search: "", replacement: "hello\n"),
        FileEdit(path: "old.py", change: .delete),
      ]),
    EditFormatCase(
      name: "no Begin/End lines", format: "patch",
      reply: "*** Update File: app.py\n@@\n-a\n+b\n",
      edits: [.replace("app.py", search: "a\n", replacement: "b\n")]),
    EditFormatCase(
      name: "unprefixed line in a chunk", format: "patch",
      reply: "*** Begin Patch\n*** Update File: app.py\n@@\n-a\n+b\nstray\n*** End Patch\n",
      refusal: "must start with a space"),
    EditFormatCase(
      name: "rename", format: "patch",
      reply:
        "*** Begin Patch\n*** Update File: a.py\n*** Move to: b.py\n@@\n-a\n+b\n*** End Patch\n",
      refusal: "renames"),
  ]
}

@Suite struct EditFormatTests {
  @Test(arguments: EditFormatCase.all)
  func formatParsesOrRefuses(_ example: EditFormatCase) throws {
    let format = try #require(EditFormats.standard[example.format])
    if let edits = example.edits {
      #expect(try format.parse(reply: example.reply) == edits)
    } else {
      let error = #expect(throws: EditParseError.self) { try format.parse(reply: example.reply) }
      #expect(error?.reason.contains(example.refusal) == true, "\(String(describing: error))")
      #expect(error?.format == example.format)
    }
  }

  @Test(arguments: EditFormatCase.all.filter { $0.edits != nil && $0.name != "no Begin/End lines" })
  func detectionNamesTheFormatAReplyIsWrittenIn(_ example: EditFormatCase) {
    #expect(EditFormats.detect(reply: example.reply) == example.format)
  }

  @Test func aDefaultPathFillsInOnlyWhereNoPathIsWritten() throws {
    let fence = EditFormatCase.fence
    let bare = "\(fence)python\nx = 1\n\(fence)\n"
    #expect(
      try WholeFileFormat().parse(reply: bare, defaultPath: "a.py")
        == [FileEdit(path: "a.py", change: .write("x = 1\n"))])
    // Two pathless blocks: which one is the file would be a guess, so still refused.
    #expect(throws: EditParseError.self) {
      try WholeFileFormat().parse(reply: bare + bare, defaultPath: "a.py")
    }
    let block = "<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE\n"
    #expect(
      try SearchReplaceFormat().parse(reply: block, defaultPath: "a.py")
        == [.replace("a.py", search: "a\n", replacement: "b\n")])
    #expect(
      try SearchReplaceFormat().parse(reply: "b.py\n" + block, defaultPath: "a.py")
        == [.replace("b.py", search: "a\n", replacement: "b\n")])
  }

  @Test func registryNamesTheFourFormats() {
    #expect(EditFormats.standard.names == ["patch", "search-replace", "udiff", "whole-file"])
    #expect(EditFormats.standard["nope"] == nil)
  }

  @Test(arguments: ["search-replace", "whole-file", "udiff", "patch"])
  func instructionsAreTheGoldenTextTheModelsWereRecordedWith(_ name: String) throws {
    let format = try #require(EditFormats.standard[name])
    #expect(
      format.instructions == (try EditFixtures.text("model-replies/instructions-\(name).txt")))
  }
}
