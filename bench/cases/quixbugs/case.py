#!/usr/bin/env python3
"""Builds a QuixBugs case as a small git repository from the mirror, and validates the checks.

    case.py build NAME DEST [--correct]   a git repo at DEST: python_programs/NAME.py (buggy, or the
                                          mirror's correct version with --correct), its test file,
                                          its JSON test data, node.py, load_testdata.py, conftest.py;
                                          one commit
    case.py check DEST NAME               runs the case's check in DEST (exit status is the verdict)
    case.py validate [NAME...]            every case: the check fails on the buggy program and
                                          passes on the correct one (no model needed)

The mirror is $BENCH_MIRROR/jkoppel+QuixBugs/repo (default /work/.mirror). The check is the
program's own pytest file without --runslow (QuixBugs' slow cases stay skipped, as its conftest
does), under a wall-clock limit so an infinite loop in a buggy program fails instead of hanging
(60 s; a case may set `check_seconds`: the correct levenshtein needs about a minute on a loaded
2-core machine).
Nothing from the mirror is written anywhere but DEST.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CHECK_SECONDS = 60


def mirror():
    return os.path.join(os.environ.get("BENCH_MIRROR", "/work/.mirror"), "jkoppel+QuixBugs", "repo")


def cases():
    with open(os.path.join(HERE, "cases.json")) as handle:
        return json.load(handle)["cases"]


def show(path):
    return subprocess.run(["git", "--git-dir", mirror(), "show", f"HEAD:{path}"], capture_output=True,
                          check=True).stdout


def exists(path):
    return subprocess.run(["git", "--git-dir", mirror(), "cat-file", "-e", f"HEAD:{path}"],
                          capture_output=True).returncode == 0


def build(name, dest, correct=False):
    os.makedirs(os.path.join(dest, "python_programs"), exist_ok=True)
    os.makedirs(os.path.join(dest, "python_testcases"), exist_ok=True)
    program = f"correct_python_programs/{name}.py" if correct else f"python_programs/{name}.py"
    files = {f"python_programs/{name}.py": show(program),
             "python_programs/__init__.py": b"",
             f"python_testcases/test_{name}.py": show(f"python_testcases/test_{name}.py"),
             "python_testcases/node.py": show("python_testcases/node.py"),
             "python_testcases/load_testdata.py": show("python_testcases/load_testdata.py"),
             "conftest.py": show("conftest.py"),
             ".gitignore": b"__pycache__/\n.pytest_cache/\n"}
    if exists(f"json_testcases/{name}.json"):
        files[f"json_testcases/{name}.json"] = show(f"json_testcases/{name}.json")
    for path, data in files.items():
        os.makedirs(os.path.dirname(os.path.join(dest, path)) or dest, exist_ok=True)
        with open(os.path.join(dest, path), "wb") as handle:
            handle.write(data)
    git = ["git", "-C", dest, "-c", "user.name=bench", "-c", "user.email=bench@localhost"]
    subprocess.run(git + ["init", "-q"], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-qm", f"QuixBugs {name}"], check=True)


def check(dest, name):
    """True when the program's tests pass within the time limit (a case's `check_seconds`, else 60 s)."""
    seconds = next((c.get("check_seconds", CHECK_SECONDS) for c in cases() if c["name"] == name), CHECK_SECONDS)
    try:
        proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
                               f"python_testcases/test_{name}.py"], cwd=dest, capture_output=True,
                              timeout=seconds, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
        return proc.returncode == 0
    except subprocess.TimeoutExpired:
        return False


def validate(names):
    bad = 0
    for case in cases():
        if names and case["name"] not in names:
            continue
        verdicts = []
        for correct in (False, True):
            work = tempfile.mkdtemp(prefix="quix-")
            try:
                build(case["name"], work, correct)
                verdicts.append(check(work, case["name"]))
            finally:
                shutil.rmtree(work, ignore_errors=True)
        ok = verdicts == [False, True]
        bad += not ok
        print(f"{case['name']:32} buggy={'pass' if verdicts[0] else 'fail'} "
              f"correct={'pass' if verdicts[1] else 'fail'} {'ok' if ok else 'BAD'}", flush=True)
    return bad


def main():
    if not exists("conftest.py") if os.path.isdir(mirror()) else True:
        print(f"quixbugs: no mirror at {mirror()}", file=sys.stderr)
        return 2
    verb = sys.argv[1] if len(sys.argv) > 1 else ""
    if verb == "build":
        build(sys.argv[2], sys.argv[3], "--correct" in sys.argv)
        return 0
    if verb == "check":
        return 0 if check(sys.argv[2], sys.argv[3]) else 1
    if verb == "validate":
        return 1 if validate(sys.argv[2:]) else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
