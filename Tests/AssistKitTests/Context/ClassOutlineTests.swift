import AssistKit
import Testing

/// The class outline shown beside a focused method: the attributes its methods set and the other
/// methods' signatures, so a small model need not guess what the object holds.
@Suite struct ClassOutlineTests {
  static let python = """
    import re


    class Replacer(object):
        \"\"\"Replaces many words at once.\"\"\"

        def __init__(self, table, **options):
            self.group_map = {}
            parts = []
            for key, value in table.items():
                self.group_map[key] = value
                parts.append(re.escape(key))
            self.pattern = re.compile('|'.join(parts))
            self.count  = 0

        def _value(self, match):
            if self.count == 1:
                pass
            return self.group_map[match.group(0)]

        def sub(self, text):
            return self.pattern.sub(self._value, text)


    def helper(text):
        return text

    """

  @Test func aMethodsOutlineListsTheClassAttributesAndItsOtherMethods() throws {
    let extent = try #require(SymbolExtent.find("sub", in: Self.python, path: "pkg/text.py"))
    let outline = try #require(
      ClassOutline.enclosing(extent, in: Self.python, path: "pkg/text.py"))
    #expect(outline.name == "Replacer")
    #expect(outline.methods == ["__init__(self, table, **options)", "_value(self, match)"])
    // Assignments only: `self.count == 1` and `self.group_map[key] = …` set nothing new.
    #expect(outline.attributes == ["group_map", "pattern", "count"])
    #expect(
      outline.sentence
        == "It is a method of class `Replacer`, whose other methods are "
        + "`__init__(self, table, **options)`, `_value(self, match)`, whose methods set the "
        + "attributes `group_map`, `pattern`, `count`.")
  }

  @Test func aModuleLevelFunctionHasNoOutline() throws {
    let extent = try #require(SymbolExtent.find("helper", in: Self.python, path: "pkg/text.py"))
    #expect(ClassOutline.enclosing(extent, in: Self.python, path: "pkg/text.py") == nil)
  }

  @Test func aJavaScriptMethodListsWhatItsClassSetsOnThis() throws {
    let source = """
      class Cart {
        constructor(items) {
          this.items = items;
          this.discount = 0;
        }

        add(item) {
          this.items.push(item);
        }

        total(percent) {
          if (this.items.length === 0) {
            return 0;
          }
          return this.items.reduce((a, b) => a + b, 0) * (1 - percent);
        }
      }

      """
    let extent = try #require(SymbolExtent.find("total", in: source, path: "cart.js"))
    let outline = try #require(ClassOutline.enclosing(extent, in: source, path: "cart.js"))
    #expect(outline.name == "Cart")
    #expect(outline.methods == ["constructor(items)", "add(item)"])
    #expect(outline.attributes == ["items", "discount"])
  }
}
