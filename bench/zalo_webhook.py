"""Zalo webhook: time until the bot answers 200 to signed events at a steady offered rate.

Run: .venv/bin/python -m bench.zalo_webhook [--rate 200] [--seconds 10] [--users 500]
     [--db sqlite|postgres] [--env HOCTAP_ZALO_WORKERS=4 …]
The real `hoctap-bot run` (Zalo channel only, SQLite) in its own process; the driver runs the
fake Zalo OA API (tests/fakes/zalo.py, which also signs the events) and POSTs `user_send_text`
events at `--rate` per second over one keep-alive session, timing each until its answer.
Zalo gives up after 2 s; the target is p99 <= 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import tempfile
import time
from collections import Counter
from pathlib import Path

import aiohttp

from bench.common import (
    BIN,
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
from tests.fakes.zalo import APP_ID, APP_SECRET, OA_SECRET_KEY, FakeZalo

HOOK = "/zalo/bench-d41d8cd98f00b204e9800998ecf8427e"
TEXTS = ("lich hom nay", "so dien thoai lien he", "khoa hoc truc tuyen")


async def wait_listening(url: str, timeout: float = 60.0) -> None:  # noqa: ASYNC109
    """Until the web server answers anything but a refused connection or 503 (starting)."""
    deadline = time.monotonic() + timeout
    async with aiohttp.ClientSession() as session:
        while time.monotonic() < deadline:
            try:
                async with session.post(url, data=b"{}") as r:
                    if r.status != 503:
                        return
            except aiohttp.ClientConnectionError:
                pass
            await asyncio.sleep(0.2)
    raise TimeoutError(f"{url} did not come up")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--users", type=int, default=500)
    parser.add_argument("--env", nargs="*", default=[], metavar="KEY=VALUE",
                        help="extra settings for the bot, e.g. HOCTAP_ZALO_WORKERS=8")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite",
                        help="postgres: a fresh database, dropped afterwards")
    args = parser.parse_args()
    extra = dict(item.split("=", 1) for item in args.env)
    print(f"{machine()}; {args.rate} events/s for {args.seconds:.0f} s from {args.users} users")
    async with FakeZalo() as zalo:
        access, refresh = zalo.issue_pair()
        port = free_port()
        async with contextlib.AsyncExitStack() as stack:
            tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-"))
            if args.db == "postgres":
                extra.setdefault("HOCTAP_DATABASE_URL",
                                 await stack.enter_async_context(fresh_pg_database()))
            env = hoctap_environ(
                HOCTAP_ZALO_APP_ID=APP_ID, HOCTAP_ZALO_APP_SECRET=APP_SECRET,
                HOCTAP_ZALO_OA_SECRET_KEY=OA_SECRET_KEY, HOCTAP_ZALO_ACCESS_TOKEN=access,
                HOCTAP_ZALO_REFRESH_TOKEN=refresh, HOCTAP_ZALO_API_BASE=zalo.url,
                HOCTAP_ZALO_OAUTH_BASE=zalo.url, HOCTAP_ZALO_WEBHOOK_PATH=HOOK,
                HOCTAP_WEB_PORT=str(port), HOCTAP_BOT_NOW="2020-10-01T07:30", **extra,
            )
            proc = Proc([str(BIN), "run"], env, Path(tmp))
            await proc.start()
            url = f"http://127.0.0.1:{port}{HOOK}"
            try:
                await wait_listening(url)
                cpu = cpu_seconds(proc.pid)
                started = time.monotonic()
                times, statuses = await offer(zalo, url, args.rate, args.seconds, args.users)
                count = len(times)
                await wait_replies(zalo, count)
                processed = time.monotonic() - started
                cpu = (cpu_seconds(proc.pid) - cpu) / count * 1000
                rss = peak_rss_mb(proc.pid)
            finally:
                await proc.stop()
    ms = [t * 1000 for t in times]
    print(f"answers: {dict(statuses)}; replies sent to the fake: {len(zalo.messages)}; "
          f"all processed {processed:.1f} s after the first event")
    print(f"p50 {percentile(ms, 50):.1f} ms  p99 {percentile(ms, 99):.1f} ms  "
          f"max {max(ms):.1f} ms  over 2 s: {sum(t > 2000 for t in ms)}  "
          f"peak RSS {rss:.0f} MB  bot CPU {cpu:.2f} ms/event  (load {load():.1f})")


async def offer(zalo: FakeZalo, url: str, rate: int, seconds: float,
                users: int) -> tuple[list[float], Counter[int]]:
    """POST signed events at `rate`/s; returns the answer times and statuses."""
    count = int(rate * seconds)
    times: list[float] = []
    statuses: Counter[int] = Counter()
    connector = aiohttp.TCPConnector(limit=200)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def post(i: int) -> None:
            user = str(8_000_000_000_000_000_000 + i % users)
            event = zalo.event("user_send_text", user, text=TEXTS[i % len(TEXTS)])
            raw = json.dumps(event, ensure_ascii=False).encode()
            zalo.delivering(raw)  # the user wrote: Zalo lets the OA answer for 7 days
            headers = {"Content-Type": "application/json",
                       "X-ZEvent-Signature": zalo.sign(raw, event["timestamp"])}
            start = time.perf_counter()
            async with session.post(url, data=raw, headers=headers) as r:
                await r.read()
                statuses[r.status] += 1
            times.append(time.perf_counter() - start)

        tasks: list[asyncio.Task[None]] = []
        t0 = time.monotonic()
        for i in range(count):
            delay = t0 + i / rate - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(post(i)))
        await asyncio.gather(*tasks)
    return times, statuses


async def wait_replies(zalo: FakeZalo, count: int, seconds: float = 600.0) -> None:
    """Until the bot's background processing sent one reply per event (the fake has no event)."""
    deadline = time.monotonic() + seconds
    while len(zalo.messages) < count and time.monotonic() < deadline:  # noqa: ASYNC110
        await asyncio.sleep(0.1)


if __name__ == "__main__":
    asyncio.run(main())
