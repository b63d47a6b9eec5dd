"""CPU seconds of each test of the suite, a figure the load of a shared machine hardly moves.

A pytest plugin (each xdist worker writes one JSON line per test: wall seconds, CPU seconds of
the worker and of the processes it started and waited for, forked ones included) and its report:

    make test ARGS="-p bench.suite_cpu"                 # writes /tmp/hoctap-test-cpu-gw*.jsonl
    .venv/bin/python -m bench.suite_cpu [PREFIX] [N]    # totals, modules, the N costliest tests

The CPU of a process a test starts is counted when it is waited for: a process that serves a
whole module (the shared polling bot, the browser's bot and Chromium) counts in the test that
ends last. The PostgreSQL server's CPU is not counted.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

PREFIX = os.environ.get("HOCTAP_TEST_CPU_OUT", "/tmp/hoctap-test-cpu")


def _cpu() -> tuple[float, float]:
    me = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    spawn = sys.modules.get("tests.spawn")  # processes forked by the tests' fork-server
    forked = getattr(spawn, "forked_cpu", 0.0)
    return me.ru_utime + me.ru_stime, children.ru_utime + children.ru_stime + forked


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    me, children = _cpu()
    start, wall = time.time(), time.monotonic()
    yield
    me_after, children_after = _cpu()
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    with open(f"{PREFIX}-{worker}.jsonl", "a", encoding="utf-8") as out:
        out.write(json.dumps({"id": item.nodeid, "worker": worker, "start": start,
                              "wall": time.monotonic() - wall, "self": me_after - me,
                              "children": children_after - children}) + "\n")


def report(prefix: str, n: int) -> None:
    rows: list[dict[str, Any]] = []
    for path in sorted(Path(prefix).parent.glob(Path(prefix).name + "-*.jsonl")):
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    print(f"{len(rows)} tests: wall {sum(r['wall'] for r in rows):.1f} s summed, CPU "
          f"{sum(r['self'] for r in rows):.1f} s in the workers + "
          f"{sum(r['children'] for r in rows):.1f} s in the processes they started")
    modules: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for r in rows:
        m = modules[r["id"].split("::")[0]]
        m[0] += r["wall"]
        m[1] += r["self"] + r["children"]
    print("\n  wall    CPU  module")
    for name, (wall, cpu) in sorted(modules.items(), key=lambda x: -x[1][1])[:n]:
        print(f"{wall:6.1f} {cpu:6.1f}  {name}")
    print("\n  wall    CPU  test")
    for r in sorted(rows, key=lambda r: -(r["self"] + r["children"]))[:n]:
        print(f"{r['wall']:6.1f} {r['self'] + r['children']:6.1f}  {r['id']}")


if __name__ == "__main__":
    report(sys.argv[1] if len(sys.argv) > 1 else PREFIX,
           int(sys.argv[2]) if len(sys.argv) > 2 else 30)
