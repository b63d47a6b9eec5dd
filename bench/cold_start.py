"""`hoctap-bot chat` first reply from a cold start: process start until the first reply line.

Run: .venv/bin/python -m bench.cold_start [--runs 5]
Each run is a new process in a directory with no database (migrations run first: the very
first start) and then, separately, with the database already there (every later start).
Target: <= 1 s. hyperfine is not installed here, so the driver times the subprocess itself.
Our own modules are byte-compiled first (`compileall`), as Python does on any first start: this
machine sets PYTHONDONTWRITEBYTECODE, which would otherwise recompile ~60 modules (~0.1 s) on
every start. `--no-compile` measures without that.
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


def first_reply(workdir: Path) -> tuple[float, float]:
    """Seconds from spawning `hoctap-bot chat` to its first line on stdout, and the CPU
    seconds the process had used by then (much less sensitive to the machine's load)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [str(BIN), "chat", "--now", "2020-10-01T07:30", "--user", "bench"], cwd=workdir,
        env=hoctap_environ(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
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
    args = parser.parse_args()
    print(machine())
    if not args.no_compile:
        for package in PACKAGES:
            compileall.compile_dir(ROOT / package, quiet=1)
    fresh: list[tuple[float, float]] = []
    existing: list[tuple[float, float]] = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            fresh.append(first_reply(Path(tmp)))
            existing.append(first_reply(Path(tmp)))
    for name, runs in (("new database", fresh), ("existing database", existing)):
        times, cpus = [t for t, _ in runs], [c for _, c in runs]
        print(f"{name:18s} median {statistics.median(times):.2f} s  max {max(times):.2f} s  "
              f"CPU median {statistics.median(cpus):.2f} s  ({args.runs} runs, load {load():.1f})")


if __name__ == "__main__":
    main()
