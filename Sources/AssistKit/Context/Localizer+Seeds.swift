extension Localizer {
  /// Personalization weights per definition node, with the reasons behind each.
  struct Seeds {
    var nodes: [Definition]
    var position: [Definition: Int] = [:]
    var byName: [String: [Int]] = [:]
    var weights: [Int: Double] = [:]
    var reasons: [Int: [String]] = [:]

    init(nodes: [Definition]) {
      self.nodes = nodes
      for (i, d) in nodes.enumerated() {
        position[d] = i
        byName[d.name, default: []].append(i)
      }
    }

    /// The node of a definition, if it is one.
    func node(of definition: Definition) -> Int? { position[definition] }

    /// Adds `weight` to every definition of `name`, split among them; a qualifier
    /// (`Cart` in `Cart.total`) that matches a definition's scope takes it all.
    mutating func add(name: String, qualifier: String?, weight: Double, reason: String) {
      guard var targets = byName[name], !targets.isEmpty else { return }
      if let qualifier {
        let scoped = targets.filter {
          nodes[$0].scope?.split(separator: ".").last.map(String.init) == qualifier
        }
        if !scoped.isEmpty { targets = scoped }
      }
      for target in targets {
        add(node: target, weight: weight / Double(targets.count), reason: reason)
      }
    }

    /// Whether `qualifier.name` picks definitions by scope (`Bits.__init__` → the `__init__` whose
    /// scope is `Bits`), so the qualifier is context, not a place of its own.
    func resolves(name: String, qualifier: String) -> Bool {
      (byName[name] ?? []).contains {
        nodes[$0].scope?.split(separator: ".").last.map(String.init) == qualifier
      }
    }

    /// Adds `weight` to one node.
    mutating func add(node: Int, weight: Double, reason: String) {
      weights[node, default: 0] += weight
      if reasons[node]?.contains(reason) != true { reasons[node, default: []].append(reason) }
    }

    /// Adds `weight` to the already seeded definitions of `path`.
    mutating func boost(path: String, weight: Double, reason: String) {
      for (node, _) in weights where nodes[node].path == path {
        add(node: node, weight: weight, reason: reason)
      }
    }
  }
}
