import AssistTesting
import Foundation
import Git
import Testing

@Suite struct RepositoryTests {
  @Test func openFindsTheRepositoryAndItsHead() throws {
    let temp = try TemporaryRepository(files: ["a.txt": "one\n"])
    let repository = try Repository(at: temp.path)
    #expect(repository.workingDirectory == temp.path)
    #expect(repository.gitDirectory == temp.path + "/.git")
    let head = try repository.head()
    #expect(head.branch == "main")
    #expect(
      head.commit?.hex == (try temp.git("rev-parse", "HEAD")).trimmingCharacters(in: .newlines))
    #expect(!head.isDetached)
  }

  @Test func discoverSearchesUpwardsButOpenDoesNot() throws {
    let temp = try TemporaryRepository(files: ["src/deep/x.txt": "x\n"])
    let repository = try Repository.discover(from: temp.path + "/src/deep")
    #expect(repository.workingDirectory == temp.path)
    let error = #expect(throws: GitError.self) { try Repository(at: temp.path + "/src") }
    #expect(error?.code == .notFound)
  }

  @Test func openOutsideAnyRepositoryFailsWithLibgit2sMessage() throws {
    let error = #expect(throws: GitError.self) { try Repository(at: "/nonexistent/assist") }
    #expect(error?.code == .notFound)
    #expect(error?.description.contains("git_repository_open_ext") == true)
  }

  @Test func unbornAndDetachedHeadsAreReported() throws {
    let temp = try TemporaryRepository()
    let unborn = try Repository(at: temp.path).head()
    #expect(unborn.isUnborn)
    #expect(unborn.branch == "main")
    try temp.write("a.txt", "a\n")
    let first = try temp.commitAll("one")
    try temp.git("checkout", "-q", "--detach", first)
    let detached = try Repository(at: temp.path).head()
    #expect(detached.isDetached)
    #expect(detached.commit?.hex == first)
  }

  @Test func statusSeparatesStagedUnstagedUntrackedAndConflicted() throws {
    let temp = try TemporaryRepository(files: [
      "staged.txt": "s\n", "edited.txt": "e\n", "c.txt": "base\n",
    ])
    try temp.write("staged.txt", "s2\n")
    try temp.git("add", "staged.txt")
    try temp.write("edited.txt", "e2\n")
    try temp.write("new/untracked.txt", "u\n")
    try temp.write(".gitignore", "*.log\n")
    try temp.write("ignored.log", "i\n")
    // A conflict: two branches change c.txt differently.
    try temp.git("stash", "-q", "--include-untracked")
    try temp.git("checkout", "-q", "-b", "other")
    try temp.write("c.txt", "other\n")
    try temp.commitAll("other")
    try temp.git("checkout", "-q", "main")
    try temp.write("c.txt", "mine\n")
    try temp.commitAll("mine")
    _ = try? temp.git("merge", "-q", "other")
    let status = try Repository(at: temp.path).status()
    let conflicted = try #require(status.first { $0.path == "c.txt" })
    #expect(conflicted.isConflicted)
    try temp.git("merge", "--abort")
    try temp.git("stash", "pop", "-q", "--index")
    let after = try Repository(at: temp.path).status()
    #expect(after.first { $0.path == "staged.txt" }?.staged == .modified)
    #expect(after.first { $0.path == "edited.txt" }?.unstaged == .modified)
    #expect(after.first { $0.path == "new/untracked.txt" }?.isUntracked == true)
    #expect(after.first { $0.path == "ignored.log" } == nil)
    let only = try Repository(at: temp.path).status(paths: ["edited.txt"])
    #expect(only.map(\.path) == ["edited.txt"])
  }

  @Test func blobAtACommitReadsCommittedBytesNotTheWorkingTree() throws {
    let temp = try TemporaryRepository(files: ["a.txt": "committed\n"])
    try temp.write("a.txt", "edited\n")
    let repository = try Repository(at: temp.path)
    #expect(try repository.text(at: "a.txt") == "committed\n")
    #expect(try repository.blob(at: "missing.txt") == nil)
    try temp.commitAll("second")
    #expect(try repository.text(at: "a.txt", in: "HEAD~1") == "committed\n")
    #expect(try repository.text(at: "a.txt", in: "HEAD") == "edited\n")
  }
}
