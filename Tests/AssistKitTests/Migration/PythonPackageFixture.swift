import AssistKit
import AssistTesting
import Git

/// A small multi-module Python package in a real git repository, using `chunked` through every
/// import shape: `from m import a, b`, a parenthesized block, `import m` + `m.a`, an aliased
/// module, a package re-export with `__all__`, tests, a README, and a same-named method that is
/// not the function.
enum PythonPackageFixture {
  static let files: [String: String] = [
    "pkg/__init__.py": """
    from .core import chunked, first
    from .extra import windowed

    __all__ = ["chunked", "first", "windowed"]

    """,
    "pkg/core.py": """
    def chunked(items, size):
        \"\"\"Split items into lists of size; chunked([1, 2, 3], 2) -> [[1, 2], [3]].\"\"\"
        if size < 1:
            raise ValueError("size must be positive")
        return [items[i : i + size] for i in range(0, len(items), size)]


    def first(items):
        return items[0]

    """,
    "pkg/extra.py": """
    from .core import (
        first,
        chunked,
    )


    def windowed(items, size):
        return [c for c in chunked(items, size) if len(c) == size]

    """,
    "pkg/report.py": """
    import pkg.core
    from pkg import core as c


    def pages(lines):
        # chunked keeps the last short page
        return pkg.core.chunked(lines, 10) + c.chunked(lines, 20)

    """,
    "pkg/table.py": """
    class Table:
        def chunked(self, n):
            return [self]


    def rows(table):
        return table.chunked(3)

    """,
    "tests/test_core.py": """
    import unittest

    from pkg.core import chunked


    class ChunkedTests(unittest.TestCase):
        def test_chunked(self):
            self.assertEqual(chunked([1, 2, 3], 2), [[1, 2], [3]])

    """,
    "README.md": "# pkg\n\nUse `chunked(items, size)` to split a list.\n",
  ]

  /// The package committed in a temporary repository, and its context at HEAD.
  static func load() async throws -> (TemporaryRepository, RepoContext) {
    let repo = try TemporaryRepository(files: files)
    let context = try await RepoContext.load(from: try Repository.discover(from: repo.path))
    return (repo, context)
  }
}
