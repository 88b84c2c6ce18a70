/// The rules that settle a conflict without a model: dependency order, then agent-kind precedence.
package struct ReconcileRule: Sendable, Equatable {
  /// Agent kinds, strongest first (`reconcile.precedence` in the config).
  package var precedence: [String]

  /// Creates the rules.
  package init(precedence: [String] = []) { self.precedence = precedence }

  /// The side that wins between `a` and `b`, and the rule that says so, or `nil`.
  func settle(_ a: ReconcileSide, _ b: ReconcileSide) -> (winner: Int, loser: Int, rule: String)? {
    if b.ancestors.contains(a.id) {
      return (b.order, a.order, "dependency order: \(b.id) builds on \(a.id)")
    }
    if a.ancestors.contains(b.id) {
      return (a.order, b.order, "dependency order: \(a.id) builds on \(b.id)")
    }
    let ra = precedence.firstIndex(of: a.kind) ?? Int.max
    let rb = precedence.firstIndex(of: b.kind) ?? Int.max
    if ra < rb { return (a.order, b.order, "precedence: \(a.kind) over \(b.kind)") }
    if rb < ra { return (b.order, a.order, "precedence: \(b.kind) over \(a.kind)") }
    return nil
  }
}
