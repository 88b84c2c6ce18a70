import AssistKit
import AssistTesting
import Testing

/// Site finding on a real multi-module package: every import shape, typed and resolved.
@Suite struct SiteFinderTests {
  @Test func everySiteOfAFunctionIsFoundWithItsKind() async throws {
    let (_, context) = try await PythonPackageFixture.load()
    let sites = SiteFinder(lookup: RepoContextLookup(context: context)).sites(of: "chunked")
    func kinds(_ path: String) -> [String] {
      sites.filter { $0.path == path }.map { "\($0.firstLine):\($0.kind.rawValue)" }
    }
    #expect(kinds("pkg/core.py") == ["1:definition", "2:comment"])  // its docstring
    #expect(sites.first { $0.kind == .definition }?.lastLine == 5)
    #expect(kinds("pkg/__init__.py") == ["1:reexport", "4:export-list"])
    #expect(kinds("pkg/extra.py") == ["3:import", "8:call"])
    #expect(kinds("pkg/report.py") == ["6:comment", "7:module-attribute"])
    #expect(kinds("tests/test_core.py") == ["3:import", "8:call"])
    #expect(sites.filter { $0.path == "tests/test_core.py" }.allSatisfy { $0.inTest })
    #expect(kinds("README.md") == ["3:documentation"])
  }

  @Test func aSameNamedMethodAndItsCallsAreNotResolvedAsTheFunction() async throws {
    let (_, context) = try await PythonPackageFixture.load()
    let lookup = RepoContextLookup(context: context)
    let table = SiteFinder(lookup: lookup).sites(of: "chunked").filter { $0.path == "pkg/table.py" }
    // The method is a definition of another symbol (not top level); `table.chunked` is an
    // attribute of an object the tool cannot see.
    #expect(table.map(\.kind) == [.definition, .moduleAttribute])
    #expect(table.first { $0.kind == .moduleAttribute }?.resolved == false)
    #expect(lookup.definitions(of: "chunked").filter(\.topLevel).map(\.path) == ["pkg/core.py"])
  }

  @Test func aRenameWithAnUnresolvedSiteIsNotDoneByTool() async throws {
    let (_, context) = try await PythonPackageFixture.load()
    let lookup = RepoContextLookup(context: context)
    let intent = ChangeIntent(action: .rename, symbols: ["chunked"], from: "chunked", to: "batched")
    let sites = SiteFinder(lookup: lookup).sites(for: intent)
    let contract = try #require(Contract.decide(for: intent, lookup: lookup))
    let obstacle = try #require(
      MechanicalRename.obstacle(contract: contract, sites: sites, lookup: lookup))
    #expect(obstacle.contains("pkg/table.py"))
  }

  @Test func aRenameOfAnUnambiguousFunctionRewritesEveryFileWithNoModel() throws {
    var files = PythonPackageFixture.files
    files["pkg/table.py"] = nil
    let context = RepoContext(files: files)
    let lookup = RepoContextLookup(context: context)
    let intent = ChangeIntent(action: .rename, from: "chunked", to: "batched_list")
    let sites = SiteFinder(lookup: lookup).sites(for: intent)
    let contract = try #require(Contract.decide(for: intent, lookup: lookup))
    #expect(MechanicalRename.obstacle(contract: contract, sites: sites, lookup: lookup) == nil)
    let changes = MechanicalRename.changes(
      old: "chunked", new: "batched_list", sites: sites, lookup: lookup)
    #expect(changes.count == 6)
    let tree = files.merging(changes.map { ($0.path, $0.new ?? "") }) { $1 }
    #expect(ContractCheck(contract: contract).leftovers(in: tree).isEmpty)
    #expect(tree["pkg/extra.py"]?.contains("    batched_list,\n") == true)
    #expect(tree["pkg/report.py"]?.contains("pkg.core.batched_list(lines, 10)") == true)
  }

  @Test func aRenameOntoANameAlreadyInUseIsRefused() throws {
    let context = RepoContext(files: PythonPackageFixture.files)
    let lookup = RepoContextLookup(context: context)
    let intent = ChangeIntent(action: .rename, from: "chunked", to: "first")
    let contract = try #require(Contract.decide(for: intent, lookup: lookup))
    let obstacle = MechanicalRename.obstacle(
      contract: contract, sites: SiteFinder(lookup: lookup).sites(for: intent), lookup: lookup)
    #expect(obstacle == "`first` is already used in the repository")
  }

  /// `filters.ReindentFilter` after `from pkg import filters`, where filters/__init__.py imports
  /// the class from its own module: the attribute is the class, so the rename needs no model.
  @Test func aClassReExportedByItsPackageIsResolvedThroughThePackage() throws {
    let files = [
      "pkg/__init__.py": "",
      "pkg/filters/__init__.py":
        "from pkg.filters.reindent import ReindentFilter\n\n__all__ = [\"ReindentFilter\"]\n",
      "pkg/filters/reindent.py": "class ReindentFilter:\n    pass\n",
      "pkg/formatter.py":
        "from pkg import filters\n\n\ndef build():\n    return filters.ReindentFilter()\n",
      "CHANGELOG": "Release 1.0\n- ReindentFilter handles tabs.\n",
    ]
    let lookup = RepoContextLookup(context: RepoContext(files: files))
    let intent = ChangeIntent(action: .rename, from: "ReindentFilter", to: "IndentationFilter")
    let sites = SiteFinder(lookup: lookup).sites(for: intent)
    #expect(sites.first { $0.path == "pkg/formatter.py" }?.resolved == true)
    #expect(sites.first { $0.path == "CHANGELOG" }?.kind == .documentation)
    let contract = try #require(Contract.decide(for: intent, lookup: lookup))
    #expect(MechanicalRename.obstacle(contract: contract, sites: sites, lookup: lookup) == nil)
  }

  /// A method named with several words is the repository's own wherever it is called; a
  /// one-word method name may be any object's, and a model judges its calls.
  @Test func aMethodWithACompoundNameIsRenamedByToolAndAOneWordMethodIsNot() throws {
    func obstacle(_ name: String) throws -> String? {
      let files = [
        "pkg/sql.py":
          "class Token:\n    def \(name)(self):\n        return 1\n\n\n"
          + "class TokenList(Token):\n    def \(name)(self):\n        return self.\(name)()\n",
        "tests/test_sql.py":
          "from pkg.sql import TokenList\n\n\ndef test_it():\n    assert TokenList().\(name)() == 1\n",
      ]
      let lookup = RepoContextLookup(context: RepoContext(files: files))
      let intent = ChangeIntent(action: .rename, from: name, to: "renamed_one")
      let contract = try #require(Contract.decide(for: intent, lookup: lookup))
      return MechanicalRename.obstacle(
        contract: contract, sites: SiteFinder(lookup: lookup).sites(for: intent), lookup: lookup)
    }
    #expect(try obstacle("get_real_name") == nil)
    #expect(try obstacle("getRealName") == nil)
    #expect(try obstacle("get")?.contains("need judgement") == true)
    #expect(IdentifierWords.isCompound("_private_name") && !IdentifierWords.isCompound("__init__"))
  }
}
