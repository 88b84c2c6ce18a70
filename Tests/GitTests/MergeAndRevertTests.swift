import AssistTesting
import Foundation
import Git
import Testing

@Suite struct MergeAndRevertTests {
  static let base = "a\nb\nc\nd\ne\nf\ng\n"

  @Test func disjointChangesMergeCleanly() throws {
    let ours = Self.base.replacingOccurrences(of: "b\n", with: "B\n")
    let theirs = Self.base.replacingOccurrences(of: "f\n", with: "F\n")
    let result = try MergeFile.merge(ancestor: Self.base, ours: ours, theirs: theirs)
    #expect(!result.hasConflicts)
    #expect(result.text == "a\nB\nc\nd\ne\nF\ng\n")
  }

  @Test func overlappingChangesConflictWithLabelledMarkers() throws {
    let result = try MergeFile.merge(
      ancestor: Self.base, ours: Self.base.replacingOccurrences(of: "d\n", with: "mine\n"),
      theirs: Self.base.replacingOccurrences(of: "d\n", with: "yours\n"),
      labels: ("base", "agent-a", "agent-b"))
    #expect(result.hasConflicts)
    #expect(result.text.contains("<<<<<<< agent-a\nmine\n=======\nyours\n>>>>>>> agent-b\n"))
  }

  @Test func revertInMemoryKeepsLaterChangesElsewhereAndReportsOverlaps() throws {
    let temp = try TemporaryRepository(files: ["f.txt": Self.base])
    try temp.write("f.txt", Self.base.replacingOccurrences(of: "b\n", with: "B\n"))
    let change = try #require(ObjectID(hex: try temp.commitAll("change b")))
    try temp.write(
      "f.txt", try #require(temp.read("f.txt")).replacingOccurrences(of: "f\n", with: "F\n"))
    let later = try #require(ObjectID(hex: try temp.commitAll("change f")))
    let repository = try Repository(at: temp.path)
    let clean = try repository.revert(change, onto: later)
    let tree = try #require(clean.tree)
    #expect(try temp.git("cat-file", "-p", "\(tree.hex):f.txt") == "a\nb\nc\nd\ne\nF\ng\n")
    try temp.write(
      "f.txt", try #require(temp.read("f.txt")).replacingOccurrences(of: "B\n", with: "BB\n"))
    let overlapping = try #require(ObjectID(hex: try temp.commitAll("change B again")))
    let conflict = try repository.revert(change, onto: overlapping)
    #expect(conflict.tree == nil)
    #expect(conflict.conflicts == ["f.txt"])
    #expect(try temp.git("status", "--porcelain") == "")
  }

  @Test func commitsCarryTrailersThatLogReadsBack() throws {
    let temp = try TemporaryRepository(files: ["f.txt": "x\n"])
    let repository = try Repository(at: temp.path)
    let head = try #require(try repository.head().commit)
    let message = Trailer.compose(
      message: "Subject\n\nBody.",
      trailers: [Trailer("Assist-Run", "r1"), Trailer("Assist-Cost", "$0.01")])
    let id = try repository.commit(
      tree: try repository.tree(ofCommit: head), parents: [head], message: message)
    let log = try repository.log(limit: 1)
    #expect(log.first?.id == id)
    #expect(log.first?.summary == "Subject")
    #expect(log.first?.trailerValues("assist-run") == ["r1"])
    #expect(
      try temp.git("log", "-1", "--format=%(trailers:key=Assist-Cost,valueonly)") == "$0.01\n\n")
  }
}
