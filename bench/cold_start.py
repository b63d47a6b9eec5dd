"""`hoctap-bot chat` first reply from a cold start: process start until the first reply line.

Run: .venv/bin/python -m bench.cold_start [--runs 5] [--trees DIR ...]
Each run is a new process in a directory with no database (migrations run first: the very
first start) and then, separately, with the database already there (every later start).
Target: <= 1 s. hyperfine is not installed here, so the driver times the subprocess itself.
Our own modules are byte-compiled first (`compileall`), as Python does on any first start: this
machine sets PYTHONDONTWRITEBYTECODE, which would otherwise recompile ~60 modules (~0.1 s) on
every start. `--no-compile` measures without that. `--trees` compares source trees (e.g. an
old commit's `git archive` with compiled catalogs): each is put first on PYTHONPATH, and their
runs alternate, so a change of the machine's load falls on all of them alike.
"""

from __future__ import annotations

import argparse
import compileall
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from bench.common import BIN, ROOT, cpu_seconds, hoctap_environ, load, machine

PACKAGES = ("bot", "content", "handlers", "scheduler")


def first_reply(workdir: Path, tree: str = "") -> tuple[float, float]:
    """Seconds from spawning `hoctap-bot chat` to its first line on stdout, and the CPU
    seconds the process had used by then (much less sensitive to the machine's load)."""
    env = {"PYTHONPATH": tree} if tree else {}
    start = time.perf_counter()
    proc = subprocess.Popen(
        [str(BIN), "chat", "--now", "2020-10-01T07:30", "--user", "bench"], cwd=workdir,
        env=hoctap_environ(**env), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(b"lich hom nay\n")
    proc.stdin.close()
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    cpu = cpu_seconds(proc.pid)
    proc.stdout.read()
    proc.wait(timeout=30)
    if not line.strip():
        raise RuntimeError("no reply")
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-compile", action="store_true",
                        help="do not byte-compile our modules first")
    parser.add_argument("--trees", nargs="+", default=[""], metavar="DIR",
                        help="source trees to compare (default: the installed one)")
    args = parser.parse_args()
    print(machine())
    if not args.no_compile:
        for tree in args.trees:
            for package in PACKAGES:
                compileall.compile_dir(Path(tree or ROOT) / package, quiet=1)
    fresh: dict[str, list[tuple[float, float]]] = {tree: [] for tree in args.trees}
    existing: dict[str, list[tuple[float, float]]] = {tree: [] for tree in args.trees}
    for _ in range(args.runs):
        for tree in args.trees:
            with tempfile.TemporaryDirectory() as tmp:
                fresh[tree].append(first_reply(Path(tmp), tree))
                existing[tree].append(first_reply(Path(tmp), tree))
    for tree in args.trees:
        for name, runs in (("new database", fresh[tree]), ("existing database", existing[tree])):
            times, cpus = [t for t, _ in runs], [c for _, c in runs]
            label = f"{tree}: {name}" if tree else name
            print(f"{label:18s} median {statistics.median(times):.2f} s  "
                  f"max {max(times):.2f} s  CPU median {statistics.median(cpus):.2f} s  "
                  f"({args.runs} runs, load {load():.1f})")


if __name__ == "__main__":
    main()
