import AssistTesting
import Foundation
import Git
import Testing

@Suite struct BlobIDTests {
  @Test func blobIDsListEveryCommittedFileWithTheIdGitGivesIt() throws {
    let repo = try TemporaryRepository(files: ["a.txt": "one\n", "src/b.py": "two\n"])
    let ids = try Repository(at: repo.path).blobIDs()
    #expect(ids.keys.sorted() == ["a.txt", "src/b.py"])
    let expected = try repo.git("rev-parse", "HEAD:src/b.py").trimmingCharacters(
      in: .whitespacesAndNewlines)
    #expect(ids["src/b.py"]?.hex == expected)
  }

  @Test func aChangedFileGetsANewIdAndTheOthersKeepTheirs() throws {
    let repo = try TemporaryRepository(files: ["a.txt": "one\n", "b.txt": "two\n"])
    let repository = try Repository(at: repo.path)
    let before = try repository.blobIDs()
    try repo.write("b.txt", "three\n")
    _ = try repo.commitAll("change b")
    let after = try repository.blobIDs()
    #expect(after["a.txt"] == before["a.txt"])
    #expect(after["b.txt"] != before["b.txt"])
    #expect(try repository.blobIDs(in: "HEAD~1") == before)
  }

  @Test func anUnbornHeadHasNoBlobsAndABadRevisionThrows() throws {
    let repo = try TemporaryRepository()
    let repository = try Repository(at: repo.path)
    #expect(try repository.blobIDs().isEmpty)
    #expect(throws: GitError.self) { try repository.blobIDs(in: "no-such-branch") }
  }
}
