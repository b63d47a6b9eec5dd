"""Update throughput and reply latency: bare PTB, bare aiogram 3 and hoctap-bot, same run.

Run: .venv/bin/python -m bench.throughput [--updates 5000] [--users 500] [--seconds 20]
     [--bots ptb ptb-aiohttp aiogram hoctap-sqlite hoctap-postgres] [--baseline DIR]

The driver process runs the fake Bot API (tests/fakes/telegram.py, a fresh instance per bot) and
the load; every bot runs in its own process and long-polls the fake, so the bot never shares
an event loop with the fake. hoctap-bot is the real `hoctap-bot run` with its full logic (user
row, update claim, router, message log in one transaction) on SQLite or on a fresh PostgreSQL
database. With --baseline DIR (another checkout with its own .venv, e.g. `git worktree add
--detach /tmp/main main && make -C /tmp/main setup`), that checkout's hoctap-bot is measured
too, as `before-sqlite` / `before-postgres`, in the same run. Per bot: a warm-up message from
every user, then a burst of `--updates` text updates (replies/s until the last reply), then
`--seconds` at each offered rate of `--rates` (p50/p99 from the update being queued to its
reply reaching the fake), then peak RSS (VmHWM).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys
import tempfile
import time
from collections import defaultdict, deque
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common import (
    BIN,
    ROOT,
    Proc,
    cpu_seconds,
    free_port,
    fresh_pg_database,
    hoctap_environ,
    load,
    machine,
    peak_rss_mb,
    percentile,
)
from tests.fakes.telegram import FakeTelegram

TOKEN = "123456:BENCH"
# Questions citizens type; each is answered by exactly one message.
TEXTS = ("lich hom nay", "so dien thoai lien he", "khoa hoc truc tuyen", "lịch hôm nay")
EXTRA_ENV: dict[str, str] = {}  # --env KEY=VALUE, for hoctap-bot only
ALL_BOTS = ("ptb", "ptb-aiohttp", "aiogram", "hoctap-sqlite", "hoctap-postgres",
            "before-sqlite", "before-postgres")
BASELINE: list[Path] = []  # --baseline DIR: the checkout whose hoctap-bot is `before-*`


def is_hoctap(kind: str) -> bool:
    return kind.startswith(("hoctap", "before"))


class Replies:
    """Count sendMessage calls as the fake answers them and match them to queued updates."""

    def __init__(self, fake: FakeTelegram) -> None:
        self.fake = fake
        self.count = 0
        self.target = 0
        self.reached = asyncio.Event()
        self.queued: defaultdict[int, deque[float]] = defaultdict(deque)
        self.latencies: list[float] = []
        # Wrap the fake's own sendMessage (a private method: this is a benchmark hook).
        original = fake._m_sendMessage

        def send_message(params: dict[str, Any]) -> Any:
            result = original(params)
            now = time.monotonic()
            self.count += 1
            pending = self.queued.get(params["chat_id"])
            if pending:
                self.latencies.append(now - pending.popleft())
            if self.count >= self.target:
                self.reached.set()
            return result

        fake.add_method("sendMessage", send_message)

    def user_sends(self, user: int, text: str) -> None:
        self.queued[user].append(time.monotonic())
        self.fake.user_sends_text(user, text)

    async def wait(self, total: int, timeout: float = 900.0) -> None:  # noqa: ASYNC109
        self.target = total
        if self.count < total:
            self.reached.clear()
            await asyncio.wait_for(self.reached.wait(), timeout)


@dataclass
class Result:
    bot: str
    burst: float = 0.0
    latency: dict[int, tuple[float, float]] = field(default_factory=dict)
    rss_mb: float = 0.0
    cpu_ms: float = 0.0  # the bot's CPU time per update in the burst: independent of load
    fake_ms: float = 0.0  # the driver's (fake Bot API and load) CPU time per update, same burst
    load: float = 0.0
    per_transaction: float = 0.0  # hoctap-bot: updates per database transaction in the burst


async def transactions(proc: Proc) -> tuple[float, float]:
    """hoctap-bot's /metrics: (updates, transactions) applied in batches so far."""
    import aiohttp

    url = f"http://127.0.0.1:{proc.env['HOCTAP_WEB_PORT']}/metrics"
    async with aiohttp.ClientSession() as http, http.get(url) as resp:
        text = await resp.text()
    values = dict(line.split(" ", 1) for line in text.splitlines()
                  if line.startswith("hoctap_updates_per_transaction_"))
    return (float(values.get("hoctap_updates_per_transaction_sum", 0)),
            float(values.get("hoctap_updates_per_transaction_count", 0)))


@contextlib.asynccontextmanager
async def bot_process(kind: str, fake: FakeTelegram, workdir: Path) -> AsyncIterator[Proc]:
    """Start the bot under test and wait until it polls; stop it afterwards."""
    if is_hoctap(kind):
        async with contextlib.AsyncExitStack() as stack:
            url = f"sqlite+aiosqlite:///{workdir / 'hoctap.sqlite3'}"
            if kind.endswith("-postgres"):
                url = await stack.enter_async_context(fresh_pg_database())
            env = hoctap_environ(
                HOCTAP_TELEGRAM_TOKEN=TOKEN, HOCTAP_TELEGRAM_BASE_URL=f"{fake.url}/bot",
                HOCTAP_BOT_NOW="2020-10-01T07:30", HOCTAP_WEB_PORT=str(free_port()),
                HOCTAP_DATABASE_URL=url, **EXTRA_ENV,
            )
            program = BIN
            if kind.startswith("before"):
                if not BASELINE:
                    raise SystemExit(f"{kind}: give the other checkout with --baseline DIR")
                program = BASELINE[0] / ".venv" / "bin" / "hoctap-bot"
            proc = Proc([str(program), "run"], env, workdir)
            await proc.start()
            try:
                await fake.wait_for("setMyCommands", count=2, timeout=60)
                await fake.wait_for("getUpdates", timeout=30)
                yield proc
            finally:
                await _stop(proc)
        return
    proc = Proc([sys.executable, "-m", "bench.bots", kind, fake.url, TOKEN],
                hoctap_environ(PYTHONPATH=str(ROOT)), ROOT)
    await proc.start()
    try:
        await fake.wait_for("getUpdates", timeout=60)
        yield proc
    finally:
        await _stop(proc)


async def _stop(proc: Proc) -> None:
    code = await proc.stop()
    if code not in (0, -15) or b"Traceback" in proc.stderr:
        print(proc.stderr.decode()[-3000:], file=sys.stderr)


async def start_profile(out: Path | None, kind: str, pid: int) -> Proc | None:
    """py-spy on the bot during the burst (a collapsed-stack file per bot), when asked."""
    if out is None:
        return None
    out.mkdir(parents=True, exist_ok=True)  # noqa: ASYNC240 (once, before the burst)
    # --gil: only the thread holding the GIL is sampled, so the profile shows where the
    # Python CPU goes rather than the loop's waits.
    spy = Proc([str(Path(sys.executable).parent / "py-spy"), "record", "--pid", str(pid),
                "--format", "raw", "--output", str(out / f"{kind}.txt"), "--nonblocking",
                "--gil"],
               hoctap_environ(), ROOT)
    await spy.start()
    await asyncio.sleep(1.0)
    return spy


async def stop_profile(spy: Proc | None) -> None:
    if spy is not None:
        assert spy.proc is not None
        spy.proc.send_signal(signal.SIGINT)
        await spy.proc.communicate()


async def measure(kind: str, updates: int, users: int, rates: list[int],
                  seconds: float, profile: Path | None = None) -> Result:
    result = Result(kind)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        async with FakeTelegram(token=TOKEN) as fake, bot_process(kind, fake, Path(tmp)) as proc:
            replies = Replies(fake)
            expected = 0
            for user in range(users):  # warm-up: every user known to the bot
                replies.user_sends(1000 + user, TEXTS[user % len(TEXTS)])
            expected += users
            await replies.wait(expected)
            replies.latencies.clear()

            spy = await start_profile(profile, kind, proc.pid)
            batched = await transactions(proc) if is_hoctap(kind) else (0.0, 0.0)
            cpu = cpu_seconds(proc.pid)
            fake_cpu = time.process_time()
            start = time.perf_counter()
            for i in range(updates):
                replies.user_sends(1000 + i % users, TEXTS[i % len(TEXTS)])
            expected += updates
            await replies.wait(expected)
            result.burst = updates / (time.perf_counter() - start)
            result.cpu_ms = (cpu_seconds(proc.pid) - cpu) / updates * 1000
            result.fake_ms = (time.process_time() - fake_cpu) / updates * 1000
            if is_hoctap(kind):
                done, count = await transactions(proc)
                if count > batched[1]:
                    result.per_transaction = (done - batched[0]) / (count - batched[1])
            await stop_profile(spy)
            result.load = load()
            replies.latencies.clear()

            for rate in rates:
                count = int(rate * seconds)
                t0 = time.monotonic()
                for i in range(count):
                    delay = t0 + i / rate - time.monotonic()
                    if delay > 0:
                        await asyncio.sleep(delay)
                    replies.user_sends(1000 + i % users, TEXTS[i % len(TEXTS)])
                expected += count
                await replies.wait(expected)
                lat = replies.latencies
                result.latency[rate] = (percentile(lat, 50) * 1000, percentile(lat, 99) * 1000)
                replies.latencies = []
            await asyncio.sleep(0.5)
            if replies.count != expected:
                print(f"warning: {kind} sent {replies.count} replies for {expected} updates",
                      file=sys.stderr)
            result.rss_mb = peak_rss_mb(proc.pid)
    return result


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=2000)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--rates", type=int, nargs="+", default=[100, 300])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--bots", nargs="+", choices=ALL_BOTS, default=list(ALL_BOTS[:5]))
    parser.add_argument("--baseline", type=Path, metavar="DIR",
                        help="another checkout (with .venv): its hoctap-bot runs as before-*")
    parser.add_argument("--profile", type=Path, help="py-spy each bot's burst into this dir")
    parser.add_argument("--env", nargs="*", default=[], metavar="KEY=VALUE",
                        help="extra settings for hoctap-bot, e.g. HOCTAP_DATABASE_POOL_SIZE=1")
    args = parser.parse_args()
    EXTRA_ENV.update(item.split("=", 1) for item in args.env)
    if args.baseline is not None:
        BASELINE.append(args.baseline.resolve())
    print(f"{machine()}; {args.updates} updates from {args.users} users")
    results: list[Result] = []
    for kind in args.bots:
        r = await measure(kind, args.updates, args.users, args.rates, args.seconds,
                          args.profile)
        results.append(r)
        lat = "  ".join(f"@{k}/s p50 {v[0]:.0f} ms p99 {v[1]:.0f} ms"
                        for k, v in r.latency.items())
        batch = f"  {r.per_transaction:.1f} updates/transaction" if r.per_transaction else ""
        print(f"{kind:16s} {r.burst:6.0f} replies/s  {lat}  RSS {r.rss_mb:.0f} MB"
              f"  CPU {r.cpu_ms:.2f} ms/update (fake {r.fake_ms:.2f}){batch}"
              f"  (load {r.load:.1f})", flush=True)
    print_table(results, args.rates)


def print_table(results: list[Result], rates: list[int]) -> None:
    """A Markdown table with each figure and its ratio to the bare bots of this run."""
    bare = {r.bot: r for r in results if not is_hoctap(r.bot)}
    head = ["bot", "replies/s"] + [f"p50/p99 @{k}/s (ms)" for k in rates]
    head += ["peak RSS (MB)", "CPU ms/update"]
    print("\n| " + " | ".join(head) + " |\n|" + " --- |" * len(head))
    for r in results:
        cells = [f"`{r.bot}`", f"{r.burst:.0f}"]
        cells += [f"{r.latency[k][0]:.0f} / {r.latency[k][1]:.0f}" for k in rates]
        cells += [f"{r.rss_mb:.0f}", f"{r.cpu_ms:.2f}"]
        print("| " + " | ".join(cells) + " |")
    for r in results:
        if not is_hoctap(r.bot):
            continue
        for name, b in bare.items():
            parts = [f"throughput {r.burst / b.burst:.2f}x"]
            parts += [f"p99@{k} {r.latency[k][1] / b.latency[k][1]:.2f}x" for k in rates]
            parts.append(f"RSS {r.rss_mb / b.rss_mb:.2f}x")
            parts.append(f"CPU/update {r.cpu_ms / b.cpu_ms:.2f}x")
            print(f"{r.bot} / {name}: " + ", ".join(parts))


if __name__ == "__main__":
    asyncio.run(main())
