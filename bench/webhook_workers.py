"""Telegram webhook mode with N `hoctap-bot run` processes on one PostgreSQL, behind one port.

Run: .venv/bin/python -m bench.webhook_workers [--workers 1 2] [--updates 5000] [--users 500]
     [--concurrency 40]

Every process listens on the same port ([web] reuse_port: SO_REUSEPORT, the kernel spreads the
connections among them) and uses one fresh PostgreSQL database. The driver plays Telegram: it
posts each update to the webhook with the secret header, over `--concurrency` kept-alive
connections (Telegram's max_connections, 40 by default), a user's updates always on the same
connection and one after the other (a user's order, as Telegram keeps it); the fake Bot API
(tests/fakes/telegram.py) takes the answers. Per worker count: a warm-up message from every
user, then the burst of `--updates` (replies/s until the last reply), and the CPU of all the
bot processes per update (and of each process: how the kernel spread the connections).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

from bench.common import (
    BIN,
    Proc,
    cpu_seconds,
    free_port,
    fresh_pg_database,
    load,
    machine,
    telegram_webhook_environ,
)
from bench.throughput import TEXTS, TOKEN
from tests.fakes.telegram import FakeTelegram

HOOK = "/telegram/hook"
SECRET = "bench-webhook-secret-of-32-characters"


class Answers:
    """Count the fake's sendMessage calls."""

    def __init__(self, fake: FakeTelegram) -> None:
        self.count = 0
        self.target = 0
        self.reached = asyncio.Event()
        original = fake._m_sendMessage  # a private method: this is a benchmark hook

        def send_message(params: dict[str, Any]) -> Any:
            self.count += 1
            if self.count >= self.target:
                self.reached.set()
            return original(params)

        fake.add_method("sendMessage", send_message)

    async def wait(self, total: int) -> None:
        self.target = total
        if self.count < total:
            self.reached.clear()
            await asyncio.wait_for(self.reached.wait(), 900)


async def post_all(url: str, updates: list[dict[str, Any]], concurrency: int) -> list[int]:
    """POST every update; a user's updates on one connection, in order. Returns the statuses."""
    lanes: list[list[dict[str, Any]]] = [[] for _ in range(concurrency)]
    for update in updates:
        lanes[update["message"]["from"]["id"] % concurrency].append(update)
    statuses: list[int] = []
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}

    async def lane(items: list[dict[str, Any]]) -> None:
        # One session per lane: one kept-alive connection, which the kernel gave one process.
        connector = aiohttp.TCPConnector(limit=1)
        async with aiohttp.ClientSession(connector=connector) as http:
            for item in items:
                while True:
                    async with http.post(url, json=item, headers=headers) as resp:
                        await resp.read()
                    statuses.append(resp.status)
                    if resp.status != 503:  # not applied: Telegram sends it again
                        break
                    await asyncio.sleep(0.1)

    await asyncio.gather(*(lane(items) for items in lanes if items))
    return statuses


async def measure(workers: int, updates: int, users: int, concurrency: int) -> str:
    async with contextlib.AsyncExitStack() as stack:
        fake = await stack.enter_async_context(FakeTelegram(token=TOKEN))
        url = await stack.enter_async_context(fresh_pg_database())
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-")))
        answers = Answers(fake)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = telegram_webhook_environ(
            fake.url, TOKEN, port, HOOK, SECRET, HOCTAP_WEB_REUSE_PORT="true",
            HOCTAP_TELEGRAM_MAX_CONNECTIONS=str(concurrency), HOCTAP_DATABASE_URL=url)
        procs: list[Proc] = []
        try:
            for n in range(workers):  # one after the other: the first one migrates
                proc = Proc([str(BIN), "run"], env, tmp)
                await proc.start()
                procs.append(proc)
                await fake.wait_for("setWebhook", count=n + 1, timeout=60)
            warm = [fake.user_sends_text(1000 + u, TEXTS[u % len(TEXTS)], deliver=False)
                    for u in range(users)]
            await post_all(f"{base}{HOOK}", warm, concurrency)
            await answers.wait(users)
            burst = [fake.user_sends_text(1000 + i % users, TEXTS[i % len(TEXTS)],
                                          deliver=False) for i in range(updates)]
            cpu = [cpu_seconds(p.pid) for p in procs]
            start = time.perf_counter()
            statuses = await post_all(f"{base}{HOOK}", burst, concurrency)
            await answers.wait(users + updates)
            rate = updates / (time.perf_counter() - start)
            used = [cpu_seconds(p.pid) - c for p, c in zip(procs, cpu, strict=True)]
            retried = sum(1 for s in statuses if s == 503)
            return (f"{workers} worker(s): {rate:.0f} replies/s, CPU "
                    f"{sum(used) / updates * 1000:.2f} ms/update (per process: "
                    f"{', '.join(f'{u:.1f} s' for u in used)}), {retried} x 503 "
                    f"(load {load():.1f})")
        finally:
            for proc in procs:
                code = await proc.stop()
                if code not in (0, -15) or b"Traceback" in proc.stderr:
                    print(proc.stderr.decode()[-3000:])


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--updates", type=int, default=5000)
    parser.add_argument("--users", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=40)
    args = parser.parse_args()
    print(f"{machine()}; {args.updates} updates from {args.users} users, "
          f"{args.concurrency} connections")
    for workers in args.workers:
        for attempt in range(3):
            try:
                line = await measure(workers, args.updates, args.users, args.concurrency)
            except TimeoutError:  # the free port was taken meanwhile (a client's local port)
                if attempt == 2:
                    raise
                continue
            print(line, flush=True)
            break


if __name__ == "__main__":
    asyncio.run(main())
