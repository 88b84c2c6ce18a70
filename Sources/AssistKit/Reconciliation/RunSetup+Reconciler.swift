extension RunSetup {
  /// The run's reconciler: the config's precedence, the arbiter agent on the first tier of its
  /// routed ladder (unless `--no-arbiter`), and the repository's tests on each candidate when
  /// verification is on. The arbiter's route skips tiers benched by then.
  func reconciler(
    options: TaskOptions, client: ModelClient, billing: (any CallBilling)?
  ) async -> Reconciler {
    var reconciler = Reconciler(rule: ReconcileRule(precedence: config.reconcilePrecedence))
    guard !options.noArbiter, let agent = try? agents.agent(for: .arbiter) else {
      return reconciler
    }
    let subtask = Subtask(
      id: "arbiter", kind: .arbiter, goal: "settle conflicts between sub-agents", files: [],
      difficulty: 4)
    guard let (decision, _) = try? await route(subtask, agent: agent, record: false),
      let name = decision.ladder.first, let tier = tiers.first(where: { $0.name == name })
    else { return reconciler }
    reconciler.arbiter = ModelArbiter(client: client, tier: tier, agent: agent, billing: billing)
    if let verifier {
      reconciler.candidateTests = { files in
        let changes = files.map { EditApplier.FileChange(path: $0.key, old: nil, new: $0.value) }
        return await verifier.verify(changes: changes).summary
      }
    }
    return reconciler
  }
}
