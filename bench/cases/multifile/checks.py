"""The per-case steps of check.py, one function per case id of cases.json (sqlparse at 60cdc64)."""

from check import absent, contains, defines, imports, lacks, lacks_definition, probe


def rename_imt(repo):
    absent(repo, "imt")
    defines(repo, "sqlparse/utils.py", "match_token")
    imports(repo, "sqlparse/sql.py", "sqlparse.utils", "match_token")
    imports(repo, "sqlparse/engine/grouping.py", "sqlparse.utils", "match_token")
    probe(repo, "import sqlparse.sql as s, sqlparse.tokens as T\n"
                "from sqlparse.utils import match_token\n"
                "t = s.Token(T.Keyword, 'SELECT')\n"
                "assert match_token(t, t=T.Keyword) and match_token(t, m=(T.Keyword, 'SELECT'))\n"
                "assert not match_token(t, i=s.Identifier)")


def rename_remove_quotes(repo):
    absent(repo, "remove_quotes")
    defines(repo, "sqlparse/utils.py", "strip_quotes")
    imports(repo, "sqlparse/sql.py", "sqlparse.utils", "strip_quotes")
    contains(repo, "tests/test_utils.py", "strip_quotes")
    probe(repo, "from sqlparse.utils import strip_quotes\n"
                "assert strip_quotes('\"foo\"') == 'foo' and strip_quotes('`x`') == 'x'\n"
                "import sqlparse\n"
                "assert sqlparse.parse('select \"a\" as \"b\" from t')[0].tokens[2].get_alias() == 'b'")


def rename_validate_options(repo):
    absent(repo, "validate_options")
    defines(repo, "sqlparse/formatter.py", "normalize_options")
    contains(repo, "sqlparse/__init__.py", "normalize_options")
    contains(repo, "sqlparse/cli.py", "normalize_options")
    probe(repo, "import sqlparse\n"
                "o = sqlparse.formatter.normalize_options({'reindent': True})\n"
                "assert o['indent_char'] == ' '\n"
                "assert sqlparse.format('select a,b from t', reindent=True).count('\\n') == 2\n"
                "from sqlparse.cli import main\n"
                "import tempfile, os\n"
                "p = tempfile.mktemp(suffix='.sql'); open(p, 'w').write('select 1')\n"
                "assert main([p, '-k', 'upper', '-o', p + '.out']) == 0\n"
                "assert open(p + '.out').read() == 'SELECT 1'")


def rename_statement_splitter(repo):
    absent(repo, "StatementSplitter")
    defines(repo, "sqlparse/engine/statement_splitter.py", "SQLStatementSplitter")
    imports(repo, "sqlparse/engine/__init__.py", "sqlparse.engine.statement_splitter", "SQLStatementSplitter")
    imports(repo, "sqlparse/engine/filter_stack.py", "sqlparse.engine.statement_splitter", "SQLStatementSplitter")
    probe(repo, "from sqlparse.engine import SQLStatementSplitter\n"
                "import sqlparse.engine\n"
                "assert 'SQLStatementSplitter' in sqlparse.engine.__all__\n"
                "import sqlparse\n"
                "assert sqlparse.split('select 1; select 2;') == ['select 1;', 'select 2;']")


def rename_get_real_name(repo):
    absent(repo, "get_real_name")
    probe(repo, "import sqlparse\n"
                "i = sqlparse.parse('select a.b as c from t')[0].tokens[2]\n"
                "assert i.get_unaliased_name() == 'b' and i.get_name() == 'c'\n"
                "f = sqlparse.parse('select foo(x) from t')[0].tokens[2]\n"
                "assert f.get_unaliased_name() == 'foo'")


def rename_reindent_filter(repo):
    absent(repo, "ReindentFilter")
    defines(repo, "sqlparse/filters/reindent.py", "IndentationFilter")
    imports(repo, "sqlparse/filters/__init__.py", "sqlparse.filters.reindent", "IndentationFilter")
    contains(repo, "sqlparse/formatter.py", "IndentationFilter")
    probe(repo, "import sqlparse.filters as f\n"
                "assert 'IndentationFilter' in f.__all__ and f.IndentationFilter.__module__ == 'sqlparse.filters.reindent'\n"
                "import sqlparse\n"
                "assert sqlparse.format('select a, b from t', reindent=True) == 'select a,\\n       b\\nfrom t'")


def move_indent_helpers(repo):
    for name in ("indent", "offset"):
        lacks_definition(repo, "sqlparse/utils.py", name)
        defines(repo, "sqlparse/filters/indentation.py", name)
        imports(repo, "sqlparse/filters/reindent.py", "sqlparse.filters.indentation", name)
        imports(repo, "sqlparse/filters/aligned_indent.py", "sqlparse.filters.indentation", name)
    lacks(repo, "sqlparse/utils.py", "contextmanager")
    probe(repo, "from sqlparse.filters.indentation import indent, offset\n"
                "class F: indent = 0; offset = 0\n"
                "f = F()\n"
                "with indent(f, 2), offset(f, 3):\n"
                "    assert (f.indent, f.offset) == (2, 3)\n"
                "assert (f.indent, f.offset) == (0, 0)\n"
                "import sqlparse\n"
                "assert sqlparse.format('select a from t where x=1', reindent_aligned=True).count('\\n') == 2")


def move_token_matchers(repo):
    for name in ("imt", "recurse"):
        lacks_definition(repo, "sqlparse/utils.py", name)
        defines(repo, "sqlparse/matching.py", name)
    imports(repo, "sqlparse/sql.py", "sqlparse.matching", "imt")
    imports(repo, "sqlparse/engine/grouping.py", "sqlparse.matching", "imt")
    imports(repo, "sqlparse/engine/grouping.py", "sqlparse.matching", "recurse")
    probe(repo, "from sqlparse.matching import imt, recurse\n"
                "import sqlparse.tokens as T, sqlparse.sql as s\n"
                "assert imt(s.Token(T.Keyword, 'FROM'), m=(T.Keyword, 'FROM'))\n"
                "import sqlparse\n"
                "assert len(sqlparse.parse('select a from t; select 2')) == 2")


def exception_invalid_option(repo):
    defines(repo, "sqlparse/exceptions.py", "InvalidOptionError")
    lacks(repo, "sqlparse/formatter.py", "raise SQLParseError")
    probe(repo, "import sqlparse\n"
                "from sqlparse.exceptions import InvalidOptionError, SQLParseError\n"
                "assert issubclass(InvalidOptionError, SQLParseError) and issubclass(InvalidOptionError, ValueError)\n"
                "assert sqlparse.InvalidOptionError is InvalidOptionError\n"
                "bad = [dict(keyword_case='x'), dict(identifier_case='x'), dict(output_format='x'),\n"
                "       dict(strip_comments=2), dict(truncate_strings=-1), dict(indent_width='a'),\n"
                "       dict(reindent=2), dict(indent_tabs=3), dict(indent_columns='y')]\n"
                "for opts in bad:\n"
                "    try:\n"
                "        sqlparse.format('select 1', **opts)\n"
                "    except InvalidOptionError:\n"
                "        continue\n"
                "    raise SystemExit(f'no InvalidOptionError for {opts}')")


def exception_grouping_limit(repo):
    defines(repo, "sqlparse/exceptions.py", "GroupingLimitError")
    lacks(repo, "sqlparse/engine/grouping.py", "raise SQLParseError")
    lacks(repo, "sqlparse/engine/filter_stack.py", "raise SQLParseError")
    probe(repo, "import sqlparse\n"
                "from sqlparse.exceptions import GroupingLimitError, SQLParseError\n"
                "assert issubclass(GroupingLimitError, SQLParseError)\n"
                "for sql in ['SELECT ' + '(' * 200 + '1' + ')' * 200,\n"
                "            'INSERT INTO t VALUES ' + ', '.join(f'({i}, {i})' for i in range(6000))]:\n"
                "    try:\n"
                "        sqlparse.format(sql, reindent=True)\n"
                "    except GroupingLimitError:\n"
                "        continue\n"
                "    raise SystemExit('no GroupingLimitError')\n"
                "assert sqlparse.format('select 1') == 'select 1'")


def signature_strip_semicolon(repo):
    contains(repo, "tests/test_parse.py", "strip_semicolon")
    contains(repo, "sqlparse/cli.py", "--strip-semicolon")
    probe(repo, "import sqlparse, inspect\n"
                "for f in (sqlparse.parse, sqlparse.parsestream, sqlparse.format):\n"
                "    p = inspect.signature(f).parameters['strip_semicolon']\n"
                "    assert p.kind is p.KEYWORD_ONLY and p.default is False, f.__name__\n"
                "assert str(sqlparse.parse('select 1;', strip_semicolon=True)[0]).strip() == 'select 1'\n"
                "assert str(sqlparse.parse('select 1;')[0]).strip() == 'select 1;'\n"
                "assert sqlparse.format('select 1;', strip_semicolon=True).strip() == 'select 1'\n"
                "assert sqlparse.format('select 1;').strip() == 'select 1;'\n"
                "from sqlparse.cli import main\n"
                "import tempfile\n"
                "p = tempfile.mktemp(suffix='.sql'); open(p, 'w').write('select 1;')\n"
                "assert main([p, '--strip-semicolon', '-o', p + '.out']) == 0\n"
                "assert open(p + '.out').read().strip() == 'select 1'\n"
                "assert main([p, '-o', p + '.2']) == 0 and open(p + '.2').read().strip() == 'select 1;'")


def replace_imt_calls(repo):
    absent(repo, "imt")
    probe(repo, "import sqlparse\n"
                "s = sqlparse.parse('select a.b as c, count(*) from t where x = 1 and y is null')[0]\n"
                "assert [type(t).__name__ for t in s.tokens if not t.is_whitespace] == "
                "['Token', 'IdentifierList', 'Token', 'Identifier', 'Where']\n"
                "assert sqlparse.format('select a, b from t', reindent=True) == 'select a,\\n       b\\nfrom t'")


CHECKS = {
    "rename-imt": rename_imt,
    "rename-remove-quotes": rename_remove_quotes,
    "rename-validate-options": rename_validate_options,
    "rename-statement-splitter": rename_statement_splitter,
    "rename-get-real-name": rename_get_real_name,
    "rename-reindent-filter": rename_reindent_filter,
    "move-indent-helpers": move_indent_helpers,
    "move-token-matchers": move_token_matchers,
    "exception-invalid-option": exception_invalid_option,
    "exception-grouping-limit": exception_grouping_limit,
    "signature-strip-semicolon": signature_strip_semicolon,
    "replace-imt-calls": replace_imt_calls,
}
