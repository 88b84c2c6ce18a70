/// Everything a run produced: the plan, each sub-task's result, routing, the proposal and totals.
package struct TaskReport: Sendable {
  /// The stored run row.
  package var run: RunRecord
  /// The plan.
  package var plan: Plan
  /// The planner's calls.
  package var plannerAttempts: [Attempt]
  /// One result per sub-task that ran, in plan order.
  package var results: [SubtaskResult]
  /// Routing per sub-task.
  package var decisions: [String: RoutingDecision]
  /// The proposal, when any sub-task produced edits or findings.
  package var proposal: Proposal?
  /// Notices shown once (cloud absent, plan fallback, verification skipped).
  package var notices: [String]
  /// Token and time accounting.
  package var overhead: Overhead

  /// Model calls the run sent (planner and sub-agents); 0 when tools did everything.
  package var modelCalls: Int {
    plannerAttempts.filter(\.sentRequest).count + results.reduce(0) { $0 + $1.calls }
  }
  /// The places localization chose for the task, best first.
  package var places: [Place] = []
  /// Whether the run stopped at its `--time-limit` (``RunDeadline``): what it proposes is
  /// partial, so `--apply` does not land it.
  package var stoppedByTimeLimit = false
}
