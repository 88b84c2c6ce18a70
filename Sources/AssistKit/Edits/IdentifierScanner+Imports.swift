extension IdentifierScanner {
  /// Reads an `import`/`from`/`export … from` line of Python, Swift or JS/TS; `false` if it is not
  /// one after all.
  mutating func importLine(
    _ raw: Substring, tokens: [Token], line: Int, isModule: (String) -> Bool
  ) -> Bool {
    let words = raw.trimmed.split(whereSeparator: { $0.isWhitespace || $0 == "," })
      .map(String.init)
    switch language {
    case .python:
      if words.first == "from", words.count >= 4, let importWord = words.firstIndex(of: "import") {
        let module = words[1]
        let root = String(module.split(separator: ".").first ?? "")
        let relative = module.hasPrefix(".")
        if !relative { reference(module: root, line: line) }
        let inside = relative || isModule(root)
        for (offset, name) in words[(importWord + 1)...].enumerated() {
          let clean = name.trimmingParentheses
          guard !clean.isEmpty, clean != "as", clean != "*" else { continue }
          let previous = words[importWord + offset]
          definitions.insert(clean)
          if previous == "as" { continue }
          if inside {
            references.append(Reference(name: clean, kind: .import, line: line))
          } else {
            externalModules.insert(clean)
          }
        }
        return true
      }
      guard words.first == "import" else { return false }
      var index = 1
      while index < words.count {
        let root = String(words[index].split(separator: ".").first ?? "")
        reference(module: root, line: line)
        var binding = root
        if index + 2 < words.count, words[index + 1] == "as" {
          binding = words[index + 2]
          index += 2
        }
        definitions.insert(binding)
        if !isModule(root) { externalModules.insert(binding) }
        index += 1
      }
      return true
    case .swift:
      guard let position = words.firstIndex(of: "import"), position <= 2, position + 1 < words.count
      else { return false }
      var module = words[position + 1]
      if ["struct", "class", "enum", "func", "protocol", "var", "let", "typealias"].contains(
        module),
        position + 2 < words.count
      {
        module = words[position + 2]
      }
      let root = String(module.split(separator: ".").first ?? "")
      reference(module: root, line: line)
      definitions.insert(root)
      if !isModule(root) { externalModules.insert(root) }
      return true
    case .javascript:
      guard let quote = raw.firstIndex(where: { $0 == "'" || $0 == "\"" }) else {
        return words.first == "import"
      }
      let rest = raw[raw.index(after: quote)...]
      let module = String(rest.prefix(while: { $0 != "'" && $0 != "\"" }))
      let names = tokens.filter { $0.start < quote }.map(\.text).filter {
        !["import", "export", "from", "as", "type", "default"].contains($0)
      }
      definitions.formUnion(names)
      let external = !(module.hasPrefix(".") || module.hasPrefix("/"))
      if external {
        let bare = module.hasPrefix("node:") ? String(module.dropFirst(5)) : module
        let root = String(bare.split(separator: "/").first ?? "")
        if !root.hasPrefix("@") { reference(module: root, line: line) }
        externalModules.formUnion(names)
      }
      return true
    case .go:
      return false
    }
  }

  /// Reads one line of a Go import declaration or block.
  mutating func goImport(_ raw: Substring, line: Int, isModule: (String) -> Bool) {
    guard let open = raw.firstIndex(of: "\"") else { return }
    let rest = raw[raw.index(after: open)...]
    let path = String(rest.prefix(while: { $0 != "\"" }))
    let last = String(path.split(separator: "/").last ?? "")
    let alias = raw[..<open].split(whereSeparator: \.isWhitespace).last.map(String.init)
    let binding = alias.flatMap { $0 == "import" || $0 == "(" ? nil : $0 } ?? last
    definitions.insert(binding)
    let domain = path.split(separator: "/").first?.contains(".") ?? false
    if domain { references.append(Reference(name: last, kind: .import, line: line)) }
    if !domain || !isModule(last) { externalModules.insert(binding) }
  }

  /// Records an import of a top-level module unless it is in the language's standard library.
  private mutating func reference(module: String, line: Int) {
    guard !module.isEmpty, !StandardModules.names(language).contains(module) else { return }
    references.append(Reference(name: module, kind: .import, line: line))
  }
}

extension String {
  fileprivate var trimmingParentheses: String {
    String(filter { $0 != "(" && $0 != ")" })
  }
}

/// Modules every installation of a language has, which an import may name without the repository
/// mentioning them.
enum StandardModules {
  static func names(_ language: SourceLanguage) -> Set<String> {
    switch language {
    case .python: python
    case .swift: swift
    case .javascript: javascript
    case .go: []
    }
  }

  private static func words(_ text: String) -> Set<String> {
    Set(text.split(whereSeparator: \.isWhitespace).map(String.init))
  }

  private static let python = words(
    """
    __future__ abc argparse array ast asyncio base64 bisect builtins calendar collections \
    concurrent contextlib copy csv dataclasses datetime decimal difflib enum errno fnmatch \
    fractions functools gc getpass glob gzip hashlib heapq hmac html http importlib inspect io \
    itertools json logging math multiprocessing operator os pathlib pickle platform pprint \
    queue random re secrets shlex shutil signal socket sqlite3 statistics string struct \
    subprocess sys tarfile tempfile textwrap threading time timeit traceback types typing \
    unicodedata unittest urllib uuid warnings weakref xml zipfile zlib
    """)

  private static let swift = words(
    """
    Foundation FoundationEssentials FoundationNetworking Dispatch Glibc Darwin Musl os \
    Synchronization Observation Testing XCTest SwiftUI UIKit AppKit Combine CoreFoundation \
    RegexBuilder Distributed _Concurrency
    """)

  private static let javascript = words(
    """
    assert buffer child_process cluster crypto dgram dns events fs http http2 https net os \
    path perf_hooks process querystring readline stream string_decoder timers tls url util \
    v8 vm worker_threads zlib test
    """)
}
