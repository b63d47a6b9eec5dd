"""CPU and wall time of starting `hoctap-bot` commands (issues 18 and 19).

Run: .venv/bin/python -m bench.start_cpu [--runs 5] [--commands questions "schedule list" ...]
     [--trees DIR ...]

Each command runs `--runs` times as a new process in one directory whose database
(hoctap.sqlite3, the default) a first `db upgrade` made: the usual start, schema current. The
CPU column is user + system of the process (os.wait4), much less sensitive to the machine's
load than the wall time. `run` is `hoctap-bot run` polling the fake Telegram Bot API
(tests/fakes/telegram.py): its time runs from spawning until /healthz first answers 200, and
its CPU is what the process had used by then (from /proc); then it is stopped with SIGTERM.
Our modules are byte-compiled first, as in bench.cold_start. `--trees` compares source trees
(e.g. an old commit's `git archive` with compiled catalogs): each is put first on PYTHONPATH,
and their runs alternate, so a change of the machine's load falls on all of them alike.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import os
import signal
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import aiohttp

from bench.common import BIN, ROOT, cpu_seconds, free_port, hoctap_environ, load, machine
from bench.throughput import TOKEN
from tests.fakes.telegram import FakeTelegram

PACKAGES = ("bot", "content", "handlers", "scheduler")
COMMANDS = ("questions", "schedule list", "content check", "db upgrade", "announce list",
            "--help", "run")


def environ(tree: str, **env: str) -> dict[str, str]:
    if tree:
        env["PYTHONPATH"] = tree
    return hoctap_environ(**env)


def one(command: str, workdir: Path, tree: str = "") -> tuple[float, float]:
    """Wall and CPU seconds of one `hoctap-bot COMMAND` to its exit (which must be 0)."""
    start = time.perf_counter()
    proc = subprocess.Popen([str(BIN), *command.split()], cwd=workdir, env=environ(tree),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    assert proc.stderr is not None
    err = proc.stderr.read()
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{command}: exit {proc.returncode}\n{err.decode()}")
    return elapsed, usage.ru_utime + usage.ru_stime


async def run_start(workdir: Path, tree: str = "") -> tuple[float, float]:
    """Wall and CPU seconds of `hoctap-bot run` (polling the fake) until /healthz is 200."""
    async with FakeTelegram(token=TOKEN) as fake:
        port = free_port()
        env = environ(tree, HOCTAP_TELEGRAM_TOKEN=TOKEN,
                      HOCTAP_TELEGRAM_BASE_URL=f"{fake.url}/bot",
                      HOCTAP_BOT_NOW="2020-10-01T07:30", HOCTAP_WEB_PORT=str(port),
                      HOCTAP_LOG_LEVEL="WARNING")
        start = time.perf_counter()
        proc = await asyncio.create_subprocess_exec(
            str(BIN), "run", cwd=workdir, env=env, stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL)
        try:
            async with aiohttp.ClientSession() as http:
                while True:
                    try:
                        async with http.get(f"http://127.0.0.1:{port}/healthz") as resp:
                            if resp.status == 200:
                                break
                    except aiohttp.ClientConnectionError:
                        pass
                    if proc.returncode is not None:
                        raise RuntimeError(f"run exited {proc.returncode}")
                    await asyncio.sleep(0.01)
            elapsed = time.perf_counter() - start
            cpu = cpu_seconds(proc.pid)
        finally:
            if proc.returncode is None:
                proc.send_signal(signal.SIGTERM)
            await asyncio.wait_for(proc.wait(), 30)
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--commands", nargs="+", default=list(COMMANDS))
    parser.add_argument("--trees", nargs="+", default=[""], metavar="DIR",
                        help="source trees to compare (default: the installed one)")
    args = parser.parse_args()
    print(machine())
    for tree in args.trees:
        for package in PACKAGES:
            compileall.compile_dir(Path(tree or ROOT) / package, quiet=1)
    with tempfile.TemporaryDirectory(prefix="bench-start-") as tmp:
        workdir = Path(tmp)
        one("db upgrade", workdir)  # the database exists from here on
        for command in args.commands:
            runs: dict[str, list[tuple[float, float]]] = {tree: [] for tree in args.trees}
            for _ in range(args.runs):
                for tree in args.trees:
                    runs[tree].append(asyncio.run(run_start(workdir, tree)) if command == "run"
                                      else one(command, workdir, tree))
            for tree, results in runs.items():
                times, cpus = [t for t, _ in results], [c for _, c in results]
                print(f"{command:15s} {tree or 'installed':20s} "
                      f"wall median {statistics.median(times):.2f} s  "
                      f"CPU median {statistics.median(cpus):.2f} s  min {min(cpus):.2f} s  "
                      f"({args.runs} runs, load {load():.1f})")


if __name__ == "__main__":
    main()
