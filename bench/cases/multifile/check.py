#!/usr/bin/env python3
"""Mechanical checks for the multi-file cases: `check.py CASE_ID REPO_DIR` exits 0 when the change
in REPO_DIR (a checkout of the case's repository) is complete and correct, 1 with the first reason
otherwise, 2 on bad arguments.

Each check is three kinds of evidence, all from the tree and none from a model:
  - names: the old name appears nowhere in the package or its tests (word match, in .py files),
    and the new one is defined where the task says and imported where it is used;
  - a probe: a small script, run with the package on the path, asserts the new behaviour;
  - the package's own test suite passes (pytest, 600 s limit), but for its two wall-clock tests
    (`*_under_1s`), which measure the machine's load rather than the change.
"""

import ast
import os
import re
import subprocess
import sys

SCOPES = ("sqlparse", "tests")


def python_files(repo):
    for scope in SCOPES:
        for folder, _, names in os.walk(os.path.join(repo, scope)):
            for name in names:
                if name.endswith(".py"):
                    yield os.path.join(folder, name)


def read(repo, path):
    full = os.path.join(repo, path)
    return open(full, encoding="utf-8").read() if os.path.exists(full) else None


class Failed(Exception):
    pass


def absent(repo, word):
    """The word is nowhere in the package's or the tests' .py files."""
    pattern = re.compile(rf"\b{re.escape(word)}\b")
    for path in python_files(repo):
        text = open(path, encoding="utf-8").read()
        if pattern.search(text):
            raise Failed(f"'{word}' is still in {os.path.relpath(path, repo)}")


def defines(repo, path, name):
    """PATH defines NAME at its top level (def or class)."""
    text = read(repo, path)
    if text is None:
        raise Failed(f"{path} does not exist")
    tree = ast.parse(text)
    names = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))}
    if name not in names:
        raise Failed(f"{path} does not define {name}")


def lacks_definition(repo, path, name):
    text = read(repo, path) or ""
    tree = ast.parse(text)
    if any(isinstance(n, (ast.FunctionDef, ast.ClassDef)) and n.name == name for n in tree.body):
        raise Failed(f"{path} still defines {name}")


def imports(repo, path, module, name):
    """PATH has `from MODULE import ... NAME ...`."""
    tree = ast.parse(read(repo, path) or "")
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == module and any(a.name == name for a in node.names):
            return
    raise Failed(f"{path} does not import {name} from {module}")


def contains(repo, path, text, count=1):
    found = (read(repo, path) or "").count(text)
    if found < count:
        raise Failed(f"{path} mentions '{text}' {found} time(s), expected at least {count}")


def lacks(repo, path, text):
    if text in (read(repo, path) or ""):
        raise Failed(f"{path} still has '{text}'")


def probe(repo, code):
    proc = subprocess.run([sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": repo, "PYTHONDONTWRITEBYTECODE": "1"})
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        raise Failed(f"probe failed: {last}")


def tests(repo):
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "-k", "not under_1s", "tests"], cwd=repo,
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONPATH": repo, "PYTHONDONTWRITEBYTECODE": "1"})
    if proc.returncode != 0:
        last = [line for line in proc.stdout.splitlines() if line.strip()][-1:] or ["no output"]
        raise Failed(f"the package's tests fail: {last[0]}")


def run(case, repo):
    from check import Failed as CheckFailed  # the class checks.py raises (this file imported as a module)
    from checks import CHECKS  # the per-case steps: one function per case id

    if case not in CHECKS:
        print(f"check: unknown case '{case}' (known: {', '.join(sorted(CHECKS))})", file=sys.stderr)
        return 2
    try:
        CHECKS[case](repo)
        tests(repo)
    except (Failed, CheckFailed) as failure:
        print(f"{case}: FAIL {failure}")
        return 1
    except (SyntaxError, subprocess.TimeoutExpired) as error:
        print(f"{case}: FAIL {error.__class__.__name__}: {error}")
        return 1
    print(f"{case}: pass")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3 or not os.path.isdir(sys.argv[2]):
        print("usage: check.py CASE_ID REPO_DIR", file=sys.stderr)
        sys.exit(2)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    sys.exit(run(sys.argv[1], os.path.abspath(sys.argv[2])))
