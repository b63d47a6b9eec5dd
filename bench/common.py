"""Shared helpers for the benchmarks: machine line, percentiles, peak RSS, processes, databases.

Benchmarks run on demand (never in CI); each prints the machine line so a figure can be copied
into BENCHMARKS.md with the load average it was measured under.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import os
import platform
import signal
import socket
import sys
import tempfile
import timeit
import uuid
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import asyncpg

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent / "hoctap-bot"
PG_DSN = os.environ.get("HOCTAP_BENCH_PG_DSN", "postgresql://127.0.0.1:5432/test")


def calibration_ms() -> float:
    """Best of 5 timings of sum(range(10**6)): how fast this CPU is right now (a laptop: ~15)."""
    return min(timeit.repeat("sum(range(10**6))", number=1, repeat=5)) * 1000


def machine() -> str:
    """Cores, Python version, date, load average and CPU calibration, for BENCHMARKS.md."""
    load = os.getloadavg()[0]
    return (f"{os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{datetime.date.today().isoformat()}, load {load:.1f}, "
            f"sum(range(10**6)) {calibration_ms():.0f} ms")


def load() -> float:
    return os.getloadavg()[0]


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (nearest rank) of `values`; NaN when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident set size (VmHWM) in MB, from /proc."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (all its threads) so far, from /proc."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def hoctap_environ(**env: str) -> dict[str, str]:
    """The current environment without HOCTAP_* variables, plus `env`."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("HOCTAP_")}
    environ.update(env)
    return environ


def telegram_webhook_environ(fake_url: str, token: str, port: int, hook: str, secret: str,
                             **env: str) -> dict[str, str]:
    """hoctap-bot in webhook mode on `port` (path `hook`), against the fake Bot API at
    `fake_url`, its clock at the opening morning, logging warnings only; plus `env`."""
    return hoctap_environ(
        HOCTAP_TELEGRAM_TOKEN=token, HOCTAP_TELEGRAM_BASE_URL=f"{fake_url}/bot",
        HOCTAP_TELEGRAM_MODE="webhook",
        HOCTAP_TELEGRAM_WEBHOOK_URL=f"http://127.0.0.1:{port}{hook}",
        HOCTAP_TELEGRAM_SECRET_TOKEN=secret, HOCTAP_WEB_PORT=str(port),
        HOCTAP_BOT_NOW="2020-10-01T07:30", HOCTAP_LOG_LEVEL="WARNING", **env)


class Proc:
    """A bot under test in its own process (so it never shares the driver's event loop)."""

    def __init__(self, argv: Sequence[str], env: dict[str, str], cwd: Path) -> None:
        self.argv = list(argv)
        self.env = env
        self.cwd = cwd
        self.proc: asyncio.subprocess.Process | None = None
        self.stderr = b""
        # A file, not a pipe: an undrained pipe fills up (64 KB of log lines) and blocks the bot.
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in stop)

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    async def start(self) -> None:
        self.proc = await asyncio.create_subprocess_exec(
            *self.argv, cwd=self.cwd, env=self.env,
            stdout=asyncio.subprocess.DEVNULL, stderr=self._log,
        )

    async def stop(self) -> int:
        """SIGTERM, then wait; returns the exit code."""
        assert self.proc is not None
        if self.proc.returncode is None:
            self.proc.send_signal(signal.SIGTERM)
        await asyncio.wait_for(self.proc.wait(), timeout=60)
        self._log.seek(0)
        self.stderr = self._log.read()
        self._log.close()
        return self.proc.returncode or 0


@contextlib.asynccontextmanager
async def fresh_pg_database(prefix: str = "hoctap_bench") -> AsyncIterator[str]:
    """A new PostgreSQL database (SQLAlchemy asyncpg URL), dropped afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"

    async def admin(sql: str) -> None:
        conn = await asyncpg.connect(PG_DSN)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    await admin(f'CREATE DATABASE "{name}"')
    base = PG_DSN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")
    try:
        yield f"{base}/{name}"
    finally:
        await admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
