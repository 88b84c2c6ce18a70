/// A personalized PageRank over a directed graph of definitions (who mentions whom): the rank
/// flows from the seeds (what the task, the plan and the failures name) to what they call and
/// what calls them, as in Aider's repository map.
enum PageRank {
  /// The rank of every node.
  /// - Parameters:
  ///   - edges: Node → the nodes it points at (with a weight each).
  ///   - seeds: Node → personalization weight; rank teleports back to these.
  ///   - nodes: Every node.
  ///   - damping: Probability of following an edge rather than teleporting.
  ///   - iterations: Power-iteration steps.
  /// - Returns: Node → rank; ranks sum to about 1.
  static func rank(
    nodes: Int, edges: [Int: [Int: Double]], seeds: [Int: Double], damping: Double = 0.85,
    iterations: Int = 30
  ) -> [Double] {
    guard nodes > 0 else { return [] }
    let total = seeds.values.reduce(0, +)
    var teleport = [Double](repeating: total > 0 ? 0 : 1 / Double(nodes), count: nodes)
    if total > 0 { for (node, weight) in seeds { teleport[node] = weight / total } }
    var rank = teleport
    let outWeight = edges.mapValues { $0.values.reduce(0, +) }
    for _ in 0..<iterations {
      var next = teleport.map { $0 * (1 - damping) }
      var dangling = 0.0
      for node in 0..<nodes {
        guard let targets = edges[node], let sum = outWeight[node], sum > 0 else {
          dangling += rank[node]
          continue
        }
        for (target, weight) in targets { next[target] += damping * rank[node] * weight / sum }
      }
      for node in 0..<nodes { next[node] += damping * dangling * teleport[node] }
      rank = next
    }
    return rank
  }
}
