internal import Foundation

/// The bench's outputs: the side-by-side text table and the self-contained HTML report.
package enum BenchReport {
  /// Per-cell rows, then the groups side by side (one column per topology × policy).
  package static func table(_ record: BenchRecord) -> String {
    var rows = [["TASK", "TOPOLOGY", "POLICY", "OK", "TOKENS", "OVERHEAD", "$", "CLOUD $", "WALL"]]
    for r in record.results {
      rows.append([
        r.task, r.topology, r.policyLabel, r.success ? "yes" : "no", String(r.tokens),
        percent(r.overhead.ratio), dollars(r.cost), dollars(r.counterfactualCost),
        String(format: "%.0fs", r.wallSeconds),
      ])
    }
    var text = columns(rows)
    let summary = BenchSummary(record.results)
    guard !summary.groups.isEmpty else { return text }
    var side = [[""] + summary.groups.map { "\($0.topology) · \($0.policy)" }]
    side.append(["success"] + summary.groups.map { "\($0.successes)/\($0.runs)" })
    side.append(["tokens"] + summary.groups.map { String($0.tokens) })
    side.append(["overhead ratio"] + summary.groups.map { percent($0.overheadRatio) })
    side.append(["$ spent"] + summary.groups.map { dollars($0.cost) })
    side.append(["$ at cloud prices"] + summary.groups.map { dollars($0.counterfactualCost) })
    side.append(
      ["cloud $ / success"] + summary.groups.map { $0.counterfactualPerSuccess.map(dollars) ?? "-" }
    )
    side.append(["wall"] + summary.groups.map { String(format: "%.0fs", $0.wallSeconds) })
    side.append(
      ["orchestrator"] + summary.groups.map { String(format: "%.0fs", $0.orchestratorSeconds) })
    text += "\n" + columns(side)
    if let note = record.repricedWith { text += "\nre-priced: \(note)\n" }
    return text
  }

  /// A self-contained HTML page: the command, two inline SVG charts, the tables. No scripts.
  package static func html(_ record: BenchRecord) -> String {
    let summary = BenchSummary(record.results)
    var page = """
      <!doctype html>
      <html lang="en"><head><meta charset="utf-8"><title>assist bench</title>
      <style>
      body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:1100px;color:#222}
      table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}
      td:first-child,th:first-child{text-align:left}.no{color:#b00}.yes{color:#070}
      code{background:#f4f4f4;padding:1px 4px}svg{border:1px solid #ddd;margin:0 1em 1em 0}
      </style></head><body>
      <h1>assist bench</h1>
      <p><code>\(escape(record.command))</code><br>started \(escape(record.started)) · \(escape(record.machine))</p>

      """
    if let note = record.repricedWith { page += "<p><b>Re-priced:</b> \(escape(note))</p>\n" }
    page += "<h2>Cost vs success per policy</h2>\n" + costChart(summary)
    page += "<h2>Overhead per topology</h2>\n" + overheadChart(summary)
    page += "<h2>Side by side</h2>\n<pre>\(escape(table(record)))</pre>\n"
    page += "<h2>Cells</h2>\n<table><tr><th>task</th><th>topology</th><th>policy</th><th>ok</th>"
    page += "<th>tokens</th><th>overhead</th><th>$</th><th>cloud $</th><th>wall</th><th>run</th>"
    page += "<th>detail</th></tr>\n"
    for r in record.results {
      page +=
        "<tr><td>\(escape(r.task))</td><td>\(r.topology)</td><td>\(escape(r.policyLabel))</td>"
      page += "<td class=\"\(r.success ? "yes" : "no")\">\(r.success ? "yes" : "no")</td>"
      page += "<td>\(r.tokens)</td><td>\(percent(r.overhead.ratio))</td><td>\(dollars(r.cost))</td>"
      page += "<td>\(dollars(r.counterfactualCost))</td>"
      page += "<td>\(String(format: "%.0fs", r.wallSeconds))</td><td>\(escape(r.runID ?? "-"))</td>"
      page += "<td style=\"text-align:left\">\(escape(String(r.detail.prefix(200))))</td></tr>\n"
    }
    page += "</table>\n</body></html>\n"
    return page
  }

  /// Scatter: x = cloud-priced dollars per task, y = success rate; one dot per group.
  static func costChart(_ summary: BenchSummary) -> String {
    let (w, h, pad) = (560.0, 300.0, 50.0)
    let costs = summary.groups.map { $0.runs == 0 ? 0 : $0.counterfactualCost / Double($0.runs) }
    let maxCost = max(costs.max() ?? 0, 1e-6) * 1.15
    var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(w))\" height=\"\(Int(h))\">"
    svg += axis(w: w, h: h, pad: pad, x: "cloud-priced $ per task", y: "success rate")
    for k in 0...4 {
      let y = h - pad - Double(k) / 4 * (h - 2 * pad)
      svg += text(pad - 6, y + 4, "\(k * 25)%", anchor: "end")
      svg += text(
        pad + Double(k) / 4 * (w - 2 * pad), h - pad + 16, dollars(maxCost * Double(k) / 4))
    }
    for (i, group) in summary.groups.enumerated() {
      let x = pad + costs[i] / maxCost * (w - 2 * pad)
      let y = h - pad - group.successRate * (h - 2 * pad)
      let color = palette[i % palette.count]
      svg += "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"6\" fill=\"\(color)\"/>"
      svg += text(x + 9, y - 6 - Double(i % 3) * 11, "\(group.topology) · \(group.policy)")
    }
    return svg + "</svg>\n"
  }

  /// Bars: the overhead ratio of each group, grouped by topology.
  static func overheadChart(_ summary: BenchSummary) -> String {
    let (w, pad, bar) = (560.0, 50.0, 22.0)
    let h = pad * 2 + Double(summary.groups.count) * (bar + 8)
    var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(w))\" height=\"\(Int(h))\">"
    let ordered = summary.groups.enumerated().sorted {
      ($0.element.topology, $0.offset) < ($1.element.topology, $1.offset)
    }
    for (row, (i, group)) in ordered.enumerated() {
      let y = pad + Double(row) * (bar + 8)
      let width = group.overheadRatio * (w - 2 * pad - 160)
      svg += "<rect x=\"\(f(pad + 160))\" y=\"\(f(y))\" width=\"\(f(width))\" height=\"\(f(bar))\" "
      svg += "fill=\"\(palette[i % palette.count])\"/>"
      svg += text(pad + 155, y + 15, "\(group.topology) · \(group.policy)", anchor: "end", size: 10)
      svg += text(pad + 165 + width, y + 15, percent(group.overheadRatio))
    }
    svg += text(pad + 160, h - pad / 2, "coordination tokens / all tokens")
    return svg + "</svg>\n"
  }

  private static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"]

  private static func axis(w: Double, h: Double, pad: Double, x: String, y: String) -> String {
    "<line x1=\"\(f(pad))\" y1=\"\(f(h - pad))\" x2=\"\(f(w - pad))\" y2=\"\(f(h - pad))\" stroke=\"#444\"/>"
      + "<line x1=\"\(f(pad))\" y1=\"\(f(pad))\" x2=\"\(f(pad))\" y2=\"\(f(h - pad))\" stroke=\"#444\"/>"
      + text(w / 2, h - 8, x, anchor: "middle")
      + "<text x=\"14\" y=\"\(f(h / 2))\" font-size=\"11\" transform=\"rotate(-90 14 \(f(h / 2)))\" text-anchor=\"middle\">\(escape(y))</text>"
  }

  private static func text(
    _ x: Double, _ y: Double, _ content: String, anchor: String = "start", size: Int = 11
  ) -> String {
    "<text x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"\(size)\" text-anchor=\"\(anchor)\">\(escape(content))</text>"
  }

  private static func f(_ value: Double) -> String { String(format: "%.1f", value) }

  /// `$0`, `$0.0123` under a dollar, `$12.34` above.
  package static func dollars(_ value: Double) -> String {
    value == 0 ? "$0" : value < 1 ? String(format: "$%.4f", value) : String(format: "$%.2f", value)
  }

  /// `42%`.
  package static func percent(_ value: Double) -> String { String(format: "%.0f%%", value * 100) }

  /// `&`, `<`, `>` and quotes escaped.
  package static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }

  /// Rows as columns padded to their widest cell; the first column left-aligned.
  package static func columns(_ rows: [[String]]) -> String {
    guard let header = rows.first else { return "" }
    var widths = header.map(\.count)
    for row in rows {
      for (i, cell) in row.enumerated() where i < widths.count {
        widths[i] = max(widths[i], cell.count)
      }
    }
    return rows.map { row in
      row.enumerated().map { i, cell in
        i == 0
          ? cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
          : String(repeating: " ", count: max(0, widths[i] - cell.count)) + cell
      }.joined(separator: "  ")
    }.joined(separator: "\n") + "\n"
  }
}
