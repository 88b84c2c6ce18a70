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
    // Limits wide enough that a fix (`cat` and `exit 0`) ends inside them on a loaded machine.
    let repo = try TemporaryRepository(files: [
      "check.sh": Self.check.replacingOccurrences(of: "sleep 30", with: "sleep 120")
        .replacingOccurrences(of: "sleep 3;", with: "sleep 12;"),
      "state.txt": "broken\n",
    ])
    let baseline = VerificationBaseline(
      verifier: Verifier(environment: ProcessInfo.processInfo.environment, timeout: .seconds(30)),
      hungBaselineCandidateLimit: .seconds(6))
    let slow = try await baseline.verify(
      VerificationCandidate(files: [.init(path: "state.txt", content: "slow\n")]),
      command: "sh check.sh", repository: repo.path)
    #expect(slow.baseline.status == .timedOut)
    // 12 s would pass under the suite's 30 s limit; after a hung baseline the limit is 6 s.
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
        .replacingOccurrences(of: "slow) sleep 3; exit 0 ;;", with: "slow) sleep 90 ;;"),
      "state.txt": "broken\n",
    ])
    // On a loaded CI machine even the base run's `exit 1` took over 10 s; the hang is long enough
    // that three times any plausible base run still cuts it.
    let baseline = VerificationBaseline(
      verifier: Verifier(environment: ProcessInfo.processInfo.environment, timeout: .seconds(180)))
    let hanging = try await baseline.verify(
      VerificationCandidate(files: [.init(path: "state.txt", content: "slow\n")]),
      command: "sh check.sh", repository: repo.path, quickLimit: .seconds(5))
    #expect(hanging.baseline.status == .failed)
    // Under the suite's own 180 s limit `sleep 90` would pass; the quick limit (or three times the
    // base run) makes it a timeout.
    #expect(hanging.candidate.status == .timedOut)
    let fixed = try await baseline.verify(
      VerificationCandidate(files: [.init(path: "state.txt", content: "fixed\n")]),
      command: "sh check.sh", repository: repo.path, quickLimit: .seconds(5))
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
