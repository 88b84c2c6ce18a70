/// The languages the identifier check knows: their comment syntax and the names that exist
/// without being defined in the repository (keywords, builtins, common standard-library members).
package enum SourceLanguage: String, Sendable, CaseIterable {
  case python, swift, javascript, go

  /// The language of a path, by extension; `nil` for languages the check does not know.
  package init?(path: String) {
    guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
    switch path[path.index(after: dot)...].lowercased() {
    case "py", "pyi": self = .python
    case "swift": self = .swift
    case "js", "jsx", "mjs", "cjs", "ts", "tsx", "mts", "cts": self = .javascript
    case "go": self = .go
    default: return nil
    }
  }

  /// Whether `#` starts a comment (else `//` and `/* */` do).
  var hashComments: Bool { self == .python }

  /// Keywords and names every program in the language may use without defining them.
  var knownNames: Set<String> {
    switch self {
    case .python: Self.pythonNames
    case .swift: Self.swiftNames
    case .javascript: Self.javascriptNames
    case .go: Self.goNames
    }
  }

  /// Keywords after which the next name is being defined.
  var definingKeywords: Set<String> {
    switch self {
    case .python: ["def", "class", "as", "global", "nonlocal", "for", "lambda"]
    case .swift:
      [
        "func", "class", "struct", "enum", "protocol", "extension", "let", "var", "typealias",
        "case", "associatedtype", "actor", "macro", "for", "init",
      ]
    case .javascript:
      ["function", "class", "let", "var", "const", "interface", "type", "enum", "as", "namespace"]
    case .go: ["func", "type", "var", "const", "package", "range"]
    }
  }

  private static func words(_ text: String) -> Set<String> {
    Set(text.split(whereSeparator: \.isWhitespace).map(String.init))
  }

  private static let pythonNames = words(
    """
    False None True and as assert async await break class continue def del elif else except \
    finally for from global if import in is lambda nonlocal not or pass raise return try while \
    with yield match case self cls super print len range int str float bool list dict set tuple \
    frozenset bytes bytearray object type isinstance issubclass hasattr getattr setattr delattr \
    abs all any min max sum sorted reversed enumerate zip map filter iter next open input repr \
    round divmod pow hash id hex oct bin chr ord format vars dir callable staticmethod \
    classmethod property Exception ValueError TypeError KeyError IndexError RuntimeError \
    AttributeError NotImplementedError StopIteration OSError IOError FileNotFoundError \
    ZeroDivisionError AssertionError ImportError NameError __init__ __name__ __main__ __file__ \
    __dict__ __class__ __repr__ __str__ __eq__ __hash__ __len__ __iter__ __enter__ __exit__ \
    append extend insert remove pop clear index count sort reverse copy keys values items get \
    update setdefault popitem add discard union intersection difference issubset join split \
    rsplit strip lstrip rstrip lower upper title capitalize replace startswith endswith find \
    rfind format_map encode decode splitlines isdigit isalpha isalnum isspace zfill ljust rjust \
    center read write readline readlines close seek flush
    """)

  private static let swiftNames = words(
    """
    associatedtype class deinit enum extension fileprivate func import init inout internal let \
    open operator private precedencegroup protocol public rethrows static struct subscript \
    typealias var break case catch continue default defer do else fallthrough for guard if in \
    repeat return throw switch where while as false is nil self Self super throws true try \
    await async actor package some any mutating nonmutating override final lazy weak unowned \
    convenience required dynamic indirect optional get set willSet didSet print debugPrint \
    fatalError precondition assert min max abs zip stride swap type Int Double Float Bool \
    String Character Array Dictionary Set Optional Result Error Never Void Any AnyObject UInt \
    Int8 Int16 Int32 Int64 UInt8 UInt16 UInt32 UInt64 Substring Range ClosedRange Sequence \
    Collection Equatable Hashable Comparable Codable Sendable Identifiable CustomStringConvertible \
    append insert remove removeAll removeFirst removeLast contains first last count isEmpty map \
    flatMap compactMap filter reduce forEach sorted sort reversed joined split enumerated \
    prefix suffix dropFirst dropLast hasPrefix hasSuffix lowercased uppercased description \
    index firstIndex lastIndex allSatisfy min max keys values startIndex endIndex init some \
    rawValue hashValue lowerBound upperBound description
    """)

  private static let javascriptNames = words(
    """
    break case catch class const continue debugger default delete do else export extends \
    finally for function if import in instanceof new return super switch this throw try typeof \
    var void while with yield let static enum await async implements package protected \
    interface private public null undefined true false of from as type readonly declare \
    keyof never unknown any string number boolean object symbol bigint console log error warn \
    info Math Object Array String Number Boolean JSON Promise Map Set WeakMap Date RegExp Error \
    TypeError RangeError Symbol parseInt parseFloat isNaN isFinite require module exports \
    window document globalThis setTimeout clearTimeout setInterval clearInterval fetch \
    length push pop shift unshift slice splice concat join reverse sort indexOf includes find \
    findIndex filter map reduce forEach some every keys values entries toString toFixed \
    trim split replace toUpperCase toLowerCase startsWith endsWith charAt substring \
    padStart padEnd then catch finally resolve reject all floor ceil round abs max min random \
    stringify parse assign freeze get set has delete add size apply call bind constructor \
    prototype
    """)

  private static let goNames = words(
    """
    break case chan const continue default defer else fallthrough for func go goto if import \
    interface map package range return select struct switch type var true false nil iota \
    append cap close complex copy delete imag len make new panic print println real recover \
    min max clear bool byte rune int int8 int16 int32 int64 uint uint8 uint16 uint32 uint64 \
    uintptr float32 float64 complex64 complex128 string error any comparable Error String
    """)
}
