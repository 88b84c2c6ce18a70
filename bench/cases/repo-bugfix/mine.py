#!/usr/bin/env python3
"""Finds candidate bug-fix cases in a fetched repository and validates their checks.

    mine.py MIRROR_GIT SOURCE_PREFIX TEST_PREFIX [--limit N] [--since YYYY-MM-DD] > candidates.jsonl

For every commit that changes one .py file under SOURCE_PREFIX (a file or a folder) and files under
TEST_PREFIX (and nothing else but docs), it finds the functions the fix changes (innermost defs
around the changed lines of the parent; at most two, the oracle is the one the diff names most),
then checks out the parent with the fix's test files (the fix commit's versions), runs the changed
test files with pytest, does the same at the fix commit, and keeps the tests that fail on the
parent and pass on the fix. A commit is a candidate when such tests exist, the parent collects
without errors, and the selected tests then fail on the parent and pass on the fix when run alone.
Writes one JSON object per candidate; the task text is written by hand afterwards (cases.json).
Reads the mirror with git archive only; never writes into it.
"""

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile


def git(gitdir, *args):
    return subprocess.run(["git", "--git-dir", gitdir, *args], capture_output=True, text=True, check=True).stdout


def export(gitdir, commit, dest, paths=()):
    archive = subprocess.run(["git", "--git-dir", gitdir, "archive", commit, *paths], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", dest], input=archive.stdout, check=True)


def changed_functions(gitdir, parent, fix, source):
    """Qualified names of the innermost defs of the parent's SOURCE that the fix changes."""
    text = git(gitdir, "show", f"{parent}:{source}")
    tree = ast.parse(text)
    spans = []

    def walk(node, prefix):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = prefix + child.name
                start = min([child.lineno] + [d.lineno for d in child.decorator_list])
                if not isinstance(child, ast.ClassDef):
                    spans.append((start, child.end_lineno, name))
                walk(child, name + ".")
            else:
                walk(child, prefix)

    walk(tree, "")
    diff = git(gitdir, "diff", "-U0", parent, fix, "--", source)
    names, lines = set(), []
    for m in re.finditer(r"^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@", diff, re.M):
        start, count = int(m.group(1)), int(m.group(2) or "1")
        touched = range(start, start + count) if count else [start]
        for line in touched:
            lines.append(line)
            inside = [s for s in spans if s[0] <= line <= s[1]]
            names.add(min(inside, key=lambda s: s[1] - s[0])[2] if inside else "<module>")
    return names, spans, len(lines)


def run_tests(root, targets, timeout=90):
    """Outcome per pytest node id, or None when collection itself failed."""
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider", "--tb=no",
                           "-o", "addopts=", *targets], cwd=root, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": "src:."})
    outcomes = {}
    for line in proc.stdout.splitlines():
        m = re.match(r"^(PASSED|FAILED|ERROR|XFAIL|XPASS|SKIPPED) (\S+)", line)
        if m and "::" in m.group(2):
            outcomes[m.group(2)] = m.group(1)
    if any(line.startswith("ERROR ") and "::" not in line.split()[1] for line in proc.stdout.splitlines()):
        return None, proc.returncode
    return outcomes, proc.returncode


def main():
    gitdir, source_prefix, prefix = sys.argv[1:4]
    limit = int(sys.argv[sys.argv.index("--limit") + 1]) if "--limit" in sys.argv else 30
    since = sys.argv[sys.argv.index("--since") + 1] if "--since" in sys.argv else "2015-01-01"
    log = git(gitdir, "log", "--no-merges", f"--since={since}", "--format=%H %P", "--", source_prefix)
    found = 0
    for row in log.splitlines():
        fix, *parents = row.split()
        if len(parents) != 1 or found >= limit:
            continue
        parent = parents[0]
        files = git(gitdir, "diff", "--name-only", parent, fix).split()
        tests = [f for f in files if f.startswith(prefix) and f.endswith(".py")]
        sources = [f for f in files if f.startswith(source_prefix) and f.endswith(".py") and not f.startswith(prefix)]
        others = [f for f in files if f not in sources and not f.startswith(prefix)
                  and not re.match(r"(docs?/|changelog\.d/|CHANGE|NEWS|README|AUTHORS|\.github/)", f)]
        if not tests or others or len(sources) != 1:
            continue
        source = sources[0]
        try:
            names, spans, nlines = changed_functions(gitdir, parent, fix, source)
        except (SyntaxError, subprocess.CalledProcessError, ValueError):
            continue
        if not 1 <= len(names) <= 2 or "<module>" in names or nlines > 40:
            continue
        function = max(names, key=lambda n: git(gitdir, "diff", "-U0", parent, fix, "--", source).count(n.split(".")[-1]))
        span = next(s for s in spans if s[2] == function)
        work = tempfile.mkdtemp(prefix="mine-")
        try:
            before, after = os.path.join(work, "before"), os.path.join(work, "after")
            os.makedirs(before)
            os.makedirs(after)
            export(gitdir, parent, before)
            present = [t for t in tests if git(gitdir, "ls-tree", fix, t).strip()]
            for t in tests:
                if not git(gitdir, "ls-tree", fix, t).strip() and os.path.exists(os.path.join(before, t)):
                    os.remove(os.path.join(before, t))
            if present:
                export(gitdir, fix, before, present)
            export(gitdir, fix, after)
            targets = [t for t in present if os.path.basename(t).startswith("test")]
            if not targets:
                continue
            out_before, _ = run_tests(before, targets)
            out_after, _ = run_tests(after, targets)
            if out_before is None or out_after is None:
                continue
            selected = sorted(n for n, o in out_after.items()
                              if o == "PASSED" and out_before.get(n) in ("FAILED", "ERROR"))
            if not selected or len(selected) > 20:
                continue
            _, rc_before = run_tests(before, selected)
            _, rc_after = run_tests(after, selected)
            if rc_before == 0 or rc_after != 0:
                continue
            subject = git(gitdir, "log", "-1", "--format=%s%n%n%b", fix).strip()
            found += 1
            print(json.dumps({"fix": fix, "parent": parent, "oracle": {"path": source, "function": function,
                              "start_line": span[0], "end_line": span[1]}, "test_files": present,
                              "tests": selected, "changed_lines": nlines, "changed_functions": sorted(names), "message": subject}), flush=True)
            print(f"mine: {fix[:10]} {function} {len(selected)} test(s)", file=sys.stderr, flush=True)
        except (subprocess.TimeoutExpired, subprocess.CalledProcessError) as error:
            print(f"mine: {fix[:10]} skipped ({error.__class__.__name__})", file=sys.stderr)
        finally:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
