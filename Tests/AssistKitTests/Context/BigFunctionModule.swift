/// A tabulate-like Python module for the large-definition tests: filler functions around one
/// 600-line function, `tabulate`, whose body repeats the same guard lines in every block (so only
/// the slice's line range can tell one place from another), with one stretch about `colalign`.
enum BigFunctionModule {
  /// The module's path in the test repositories.
  static let path = "pkg/table.py"

  /// Lines of `tabulate`'s body blocks (each block is six lines).
  static let blocks = 98

  /// The block that mentions `colalign` (the task words' place).
  static let colalignBlock = 70

  /// The module, `lines` long (filler functions fill it up), `tabulate` starting at about line
  /// `lines / 3`.
  static func text(lines total: Int) -> String {
    var lines = ["import re", "from itertools import zip_longest", ""]
    var i = 0
    func filler() {
      lines += [
        "def f\(i)(values):", "    \"\"\"Filler \(i).\"\"\"", "    total = 0",
        "    for v in values:", "        if v is None:", "            return None",
        "        total += v", "    return total", "",
      ]
      i += 1
    }
    while lines.count < total / 3 { filler() }
    lines += [
      "def tabulate(tabular_data, headers=(), tablefmt=\"simple\", colalign=None,",
      "             maxcolwidths=None):",
      "    \"\"\"Format a fixed width table for pretty printing.",
      "",
      "    Rows are measured column by column and padded to the widest cell.",
      "    \"\"\"",
      "    widths = []",
    ]
    for b in 0..<blocks {
      if b == colalignBlock {
        lines += [
          "    if colalign is not None:", "        aligns = list(colalign) + [None] * len(widths)",
          "        aligns = [a or default_align for a in aligns]",
          widthLine(b),
          "    widths.append(width_\(b))", "    padded_\(b) = _pad_row(tabular_data, widths)",
        ]
        continue
      }
      lines += [
        widthLine(b),
        "    if width_\(b) > maxcolwidths_limit_value:",
        "        width_\(b) = maxcolwidths_limit_value",
        "    if tabular_data is None or not headers_already_seen:", "        return None",
        "    widths.append(width_\(b))",
      ]
    }
    lines += ["    return _format_table(tablefmt, widths)", ""]
    while lines.count < total - 8 { filler() }
    lines += [
      "class Formatter:", "    render = tabulate", "",
      "def show(rows):", "    return tabulate(rows)", "",
    ]
    return lines.joined(separator: "\n") + "\n"
  }

  /// The first line of body block `b`: unique in the file, unlike the guard lines after it.
  static func widthLine(_ b: Int) -> String {
    "    width_\(b) = _measure_column_width(tabular_data, column_index=\(b), "
      + "missingval=missing_value_marker)"
  }

  /// The 1-based line of the first line of `text` equal to `line`.
  static func line(_ line: String, in text: String) -> Int? {
    text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == line }
      .map { $0 + 1 }
  }
}
