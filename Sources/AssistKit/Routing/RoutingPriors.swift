/// Pass rates measured by the project's own benchmarks, per (work, edit format, tier): what a
/// fresh install believes before the user's history says otherwise.
///
/// Loaded from `share/routing-priors.yaml` (``RoutingPriors/load(file:)``). Each prior counts as
/// ``weight`` pseudo-attempts next to the user's measured ones (``RoutingHistory/evidence``), so a
/// few real outcomes already move the estimate and a handful outweigh it.
package struct RoutingPriors: Sendable, Equatable {
  /// One measured pass rate.
  package struct Entry: Sendable, Equatable {
    /// The work: a change action (`fix`, `feature`, …) or a sub-task kind; `*` for any.
    package var work: String
    /// The edit format (`whole-file`, `function`, …).
    package var format: String
    /// The tier's name.
    package var tier: String
    /// Solved / attempted in the benchmark, 0…1.
    package var passRate: Double
    /// Where the number comes from ("BENCHMARKS.md, the cascade vs each model asked once").
    package var source: String

    /// Creates an entry.
    package init(work: String, format: String, tier: String, passRate: Double, source: String = "")
    {
      self.work = work
      self.format = format
      self.tier = tier
      self.passRate = passRate
      self.source = source
    }
  }

  /// Pseudo-attempts each prior counts as.
  package var weight: Double
  /// The measured rates.
  package var entries: [Entry]

  /// Creates priors; the default has none.
  package init(weight: Double = 4, entries: [Entry] = []) {
    self.weight = weight
    self.entries = entries
  }

  /// The prior for `work` in `format` on `tier`: an exact entry, else one for any work (`*`).
  package func prior(work: String, format: String?, tier: String) -> Entry? {
    guard let format else { return nil }
    return entries.first { $0.work == work && $0.format == format && $0.tier == tier }
      ?? entries.first { $0.work == "*" && $0.format == format && $0.tier == tier }
  }
}
