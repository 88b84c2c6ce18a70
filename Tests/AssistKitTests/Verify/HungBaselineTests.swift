import AssistKit
import AssistTesting
import Foundation
import Testing

/// A suite that hangs on the base commit (the bug is the hang): candidates get the shorter limit.
@Suite struct HungBaselineTests {
  /// Hangs unless `fixed.txt` says `fixed`; a candidate that writes `slow` takes 3 s and passes.
  static let check = """
    #!/bin/sh
    case "$(cat state.txt)" in
      fixed) exit 0 ;;
      slow) sleep 3; exit 0 ;;
      *) sleep 30 ;;
    esac

    """

  private func repository() throws -> TemporaryRepository {
    try TemporaryRepository(files: ["check.sh": Self.check, "state.txt": "broken\n"])
  }

  @Test func aCandidateOfAHungSuiteGetsTheShorterLimitAndAFixStillPasses() async throws {
    let repo = try repository()
    let baseline = VerificationBaseline(
      verifier: Verifier(environment: ProcessInfo.processInfo.environment, timeout: .seconds(6)),
      hungBaselineCandidateLimit: .seconds(1))
    let slow = try await baseline.verify(
      VerificationCandidate(files: [.init(path: "state.txt", content: "slow\n")]),
      command: "sh check.sh", repository: repo.path)
    #expect(slow.baseline.status == .timedOut)
    // 3 s would pass under the suite's 6 s limit; after a hung baseline the limit is 1 s.
    #expect(slow.candidate.status == .timedOut)
    let fixed = try await baseline.verify(
      VerificationCandidate(files: [.init(path: "state.txt", content: "fixed\n")]),
      command: "sh check.sh", repository: repo.path)
    #expect(fixed.candidate.status == .passed)
    #expect(fixed.verdict.mayLand)
  }

  @Test func aSuiteThatEndedKeepsItsOwnLimit() async throws {
    let repo = try TemporaryRepository(files: [
      "check.sh": Self.check.replacingOccurrences(of: "*) sleep 30 ;;", with: "*) exit 1 ;;"),
      "state.txt": "broken\n",
    ])
    let baseline = VerificationBaseline(
      verifier: Verifier(environment: ProcessInfo.processInfo.environment, timeout: .seconds(20)),
      hungBaselineCandidateLimit: .seconds(1))
    let slow = try await baseline.verify(
      VerificationCandidate(files: [.init(path: "state.txt", content: "slow\n")]),
      command: "sh check.sh", repository: repo.path)
    #expect(slow.baseline.status == .failed)
    #expect(slow.candidate.status == .passed)
  }

  @Test func theUserIsToldWhenTheSuiteHungOnTheBaseCommitAndNotWhenItMerelyFailed() async throws {
    for (hangs, timeout) in [(true, 1), (false, 20)] {
      let check =
        hangs
        ? Self.check : Self.check.replacingOccurrences(of: "*) sleep 30 ;;", with: "*) exit 1 ;;")
      let repo = try TemporaryRepository(files: ["check.sh": check, "state.txt": "broken\n"])
      let head = try repo.git("rev-parse", "HEAD").trimmingCharacters(in: .newlines)
      let verification = TestVerification(
        baseline: VerificationBaseline(
          verifier: Verifier(
            environment: ProcessInfo.processInfo.environment, timeout: .seconds(timeout)),
          hungBaselineCandidateLimit: .seconds(7)),
        command: TestCommand(command: "sh check.sh", origin: .config, reason: "test"),
        repository: repo.path, base: head, requiresProgress: true)
      let notice = await verification.baselineNotice()
      if hangs {
        #expect(notice?.contains("timed out") == true)
        #expect(notice?.contains("gets 7 s") == true)
        #expect(notice?.contains("verify.timeout_seconds") == true)
      } else {
        #expect(notice == nil)
      }
    }
  }

  @Test func aCheapCandidateThatHangsIsCutAtItsQuickLimitWhileTheBaseRunEnded() async throws {
    let repo = try TemporaryRepository(files: [
      "check.sh": Self.check.replacingOccurrences(of: "*) sleep 30 ;;", with: "*) exit 1 ;;")
        .replacingOccurrences(of: "slow) sleep 3; exit 0 ;;", with: "slow) sleep 30 ;;"),
      "state.txt": "broken\n",
    ])
    let baseline = VerificationBaseline(
      verifier: Verifier(environment: ProcessInfo.processInfo.environment, timeout: .seconds(60)))
    let hanging = try await baseline.verify(
      VerificationCandidate(files: [.init(path: "state.txt", content: "slow\n")]),
      command: "sh check.sh", repository: repo.path, quickLimit: .seconds(1))
    #expect(hanging.baseline.status == .failed)
    // Under the suite's own 60 s limit `sleep 30` would pass; the quick limit (or three times the
    // base run) makes it a timeout.
    #expect(hanging.candidate.status == .timedOut)
    let fixed = try await baseline.verify(
      VerificationCandidate(files: [.init(path: "state.txt", content: "fixed\n")]),
      command: "sh check.sh", repository: repo.path, quickLimit: .seconds(1))
    #expect(fixed.candidate.status == .passed)
  }

  @Test func aCheapCandidateOfAHungSuiteGetsItsQuickLimitNotThreeTimesTheHang() async throws {
    let repo = try repository()
    let baseline = VerificationBaseline(
      verifier: Verifier(environment: ProcessInfo.processInfo.environment, timeout: .seconds(4)),
      hungBaselineCandidateLimit: .seconds(20))
    // The base run hangs for its whole 4 s; three times that (12 s) would let `slow` (3 s) pass.
    let slow = try await baseline.verify(
      VerificationCandidate(files: [.init(path: "state.txt", content: "slow\n")]),
      command: "sh check.sh", repository: repo.path, quickLimit: .seconds(1))
    #expect(slow.baseline.status == .timedOut)
    #expect(slow.candidate.status == .timedOut)
  }
}
