"""Shared pieces of the real-code benchmark runners (bench-repos, bench-multifile, bench-quixbugs).

Runs `assist task … --json` in a prepared git repository with its own XDG_STATE_HOME, times it,
and reads the numbers the runners report from the JSON: status, calls and tokens per tier, the
accepted tier, coordination share, localization places, duplicates. A field the report does not
have yet reads as missing (None), never as zero, so a table shows "-" rather than a made-up number.
"""

import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MIRROR = os.environ.get("BENCH_MIRROR", "/work/.mirror")
TIMEOUT = int(os.environ.get("BENCH_TIMEOUT", "900"))
RESULTS = os.environ.get("BENCH_OUT", os.path.join(ROOT, "bench", "results"))
GIT_ID = ["-c", "user.name=bench", "-c", "user.email=bench@localhost", "-c", "commit.gpgsign=false"]


def assist_bin():
    """ASSIST_BIN, else this checkout's release build."""
    explicit = os.environ.get("ASSIST_BIN")
    if explicit:
        return explicit
    path = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, capture_output=True,
                          text=True).stdout.strip()
    return os.path.join(path, "assist")


def mirror_repo(name):
    """The bare git directory of a fetched repository ("owner+name"), or None when it is missing."""
    path = os.path.join(MIRROR, name, "repo")
    return path if os.path.isdir(path) else None


def git(repo, *args, check=True):
    return subprocess.run(["git", "-C", repo, *GIT_ID, *args], capture_output=True, text=True, check=check).stdout


def clone_at(mirror, commit, dest):
    """A fresh working clone of MIRROR at COMMIT on a branch `bench` (no remote left behind)."""
    subprocess.run(["git", "clone", "-q", "--no-checkout", mirror, dest], check=True, capture_output=True)
    git(dest, "checkout", "-q", "-b", "bench", commit)
    git(dest, "remote", "remove", "origin")


def dirty(repo):
    """`git status --porcelain` lines (untracked included); empty when the tree is clean."""
    return [line for line in git(repo, "status", "--porcelain", check=False).splitlines() if line.strip()]


def beyond_caches(lines):
    """`dirty` lines other than Python's caches (__pycache__/, .pytest_cache/, *.pyc), which a test
    run leaves in a repository that does not ignore them; the raw list stays in each row."""
    caches = ("__pycache__", ".pytest_cache", ".pyc")
    return [line for line in lines or [] if not any(c in line for c in caches)]


def run_assist(repo, text, flags, state, binary=None, transcript=None, extra_env=None):
    """Runs `assist task TEXT --json FLAGS` in REPO with XDG_STATE_HOME=STATE; returns (report, seconds, rc, log)."""
    command = [binary or assist_bin(), "task", text, "--json", *flags]
    if transcript:
        command += ["--transcript", transcript]
    env = {**os.environ, "XDG_STATE_HOME": state, **(extra_env or {})}
    start = time.time()
    try:
        proc = subprocess.run(command, cwd=repo, capture_output=True, text=True, timeout=TIMEOUT, env=env)
        rc, out, err = proc.returncode, proc.stdout, proc.stderr
    except subprocess.TimeoutExpired as expired:
        rc, out = 124, (expired.stdout or b"").decode() if isinstance(expired.stdout, bytes) else (expired.stdout or "")
        err = f"timed out after {TIMEOUT}s"
    seconds = round(time.time() - start, 1)
    try:
        report = json.loads(out)
    except ValueError:
        report = {}
    return report, seconds, rc, (err or "").strip().splitlines()[-3:]


def assist_home_at(commit, dest):
    """An export of this project at COMMIT (share/, prompts/, agents/ …), for ASSIST_HOME of an
    older binary that looks for its share/ folder next to itself."""
    os.makedirs(dest, exist_ok=True)
    archive = subprocess.run(["git", "-C", ROOT, "archive", commit], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", dest], input=archive.stdout, check=True)
    return dest


def attempts(report):
    return [a for s in report.get("subtasks", []) for a in s.get("attempts", [])]


def summarize(report):
    """The numbers every runner reports, from one `assist task --json` report."""
    tried = attempts(report)
    calls, tokens = {}, {}
    for a in tried:
        tier = a.get("tier") or "none"
        calls[tier] = calls.get(tier, 0) + 1
        tokens[tier] = tokens.get(tier, 0) + a.get("inputTokens", 0) + a.get("outputTokens", 0) + a.get(
            "cachedTokens", 0)
    accepted = [a.get("tier") for a in tried if a.get("stage") == "accepted"]
    overhead = report.get("overhead") or {}
    work, coordination = overhead.get("workTokens"), overhead.get("coordinationTokens")
    share = None
    if work is not None and coordination is not None and work + coordination > 0:
        share = round(coordination / (work + coordination), 3)
    subtasks = report.get("subtasks", [])
    no_model = [s.get("id") for s in subtasks if s.get("status") == "accepted" and not s.get("attempts")]
    ladders = sorted({t for s in subtasks for t in s.get("ladder", [])})
    tiers_tried = sorted({a.get("tier") for a in tried if a.get("tier")})
    duplicates = duplicate_count(report, tried)
    run = report.get("run") or {}
    return {
        "status": run.get("status", "error" if not report else None),
        "runID": run.get("id"),
        "tokens": run.get("tokens", sum(tokens.values()) if report else None),
        "calls": len(tried),
        "callsPerTier": calls,
        "tokensPerTier": tokens,
        # A sub-task fixed with no model (the repair round, a tool) has no attempt; its tier says so.
        "acceptedTier": accepted[-1] if accepted else next(
            (s.get("tier") for s in subtasks if s.get("status") == "accepted" and s.get("tier")), None),
        "coordinationShare": share,
        "subtasks": len(subtasks),
        "subtasksWithoutModel": len(no_model),
        "ladderTiers": ladders,
        "tiersTried": tiers_tried,
        "duplicates": duplicates,
        "acceptedBy": (report.get("cascade") or {}).get("acceptedBy"),
        "places": places(report),
        "commits": report.get("commits", []),
        "details": [f"{s.get('id')}: {s.get('status')}: {str(s.get('detail', ''))[:300]}" for s in subtasks],
        "notices": [str(n)[:300] for n in report.get("notices", [])],
    }


def duplicate_count(report, tried):
    """Duplicate candidates when the report carries them (`cascade.tiers[].duplicates`, a
    `duplicates` count, or attempts marked `duplicate`); None when it has no such field at all."""
    tiers = (report.get("cascade") or {}).get("tiers")
    if isinstance(tiers, list):
        return sum(line.get("duplicates", 0) for line in tiers)
    for holder in (report, report.get("run") or {}, report.get("cascade") or {}):
        if isinstance(holder.get("duplicates"), int):
            return holder["duplicates"]
    marked = [a for a in tried if "duplicate" in a or a.get("stage") == "duplicate"]
    if any("duplicate" in a for a in tried) or marked:
        return sum(1 for a in tried if a.get("duplicate") or a.get("stage") == "duplicate")
    return None


def places(report):
    """The localization places, best first: top-level `places`, else the plan's, else the first
    sub-task's; None when the report has none (counted as a miss)."""
    for holder in (report, report.get("plan") or {}, *(report.get("subtasks") or [])[:1]):
        if isinstance(holder.get("places"), list):
            return holder["places"]
    return None


def median(values):
    values = [v for v in values if v is not None]
    return round(statistics.median(values), 1) if values else None


def table(rows, header):
    """A plain aligned text table."""
    cells = [header] + [[("-" if c is None else str(c)) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells) + "\n"


def say(message):
    print(message, file=sys.stderr, flush=True)


def at_result(repo, summary):
    """Puts REPO's work tree at the commit `--apply` landed (when it landed one elsewhere), so the
    check reads the result; returns the landed commit or None. Call after `dirty` was recorded."""
    landed = [c.split()[-1] for c in summary.get("commits") or [] if c.split()]
    if not landed:
        return None
    head = git(repo, "rev-parse", "HEAD", check=False).strip()
    if not head.startswith(landed[-1]) and not landed[-1].startswith(head[:len(landed[-1])] or "-"):
        git(repo, "checkout", "-q", "-f", landed[-1], check=False)
    return landed[-1]


def healthy_tiers():
    """The local tiers whose llama.cpp server answers /health now (ports as scripts/setup starts them)."""
    import urllib.request

    found = []
    for tier, port in (("local-small", 18480), ("local-medium", 18481)):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as response:
                if response.status == 200:
                    found.append(tier)
        except OSError:
            pass
    return found


def result_diff(repo, base, limit=4000):
    """What the run changed against BASE (committed or not), for reading a row later; truncated."""
    text = git(repo, "diff", base, "--", ".", check=False)
    return text if len(text) <= limit else text[:limit] + "\n… (truncated)\n"
