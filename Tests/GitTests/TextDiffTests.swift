import Git
import Testing

@Suite struct TextDiffTests {
  @Test func patchBetweenTwoTextsIsACanonicalGitDiff() throws {
    let patch = try TextDiff.patch(old: "a\nb\nc\n", new: "a\nB\nc\n", path: "x.txt")
    #expect(
      patch == """
        diff --git a/x.txt b/x.txt
        index de98044..7be73ce 100644
        --- a/x.txt
        +++ b/x.txt
        @@ -1,3 +1,3 @@
         a
        -b
        +B
         c

        """)
  }

  @Test func equalTextsGiveAnEmptyPatch() throws {
    #expect(try TextDiff.patch(old: "same\n", new: "same\n", path: "x.txt") == "")
  }

  @Test func newFilePatchHasNoOldSide() throws {
    let patch = try TextDiff.patch(old: nil, new: "hello\n", path: "new.txt")
    #expect(patch.contains("--- /dev/null"))
    #expect(patch.contains("+++ b/new.txt"))
    #expect(patch.contains("@@ -0,0 +1 @@"))
  }
}
