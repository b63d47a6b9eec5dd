"""What unauthenticated webhook bodies cost the bot: CPU and /healthz time during a flood.

Run: .venv/bin/python -m bench.webhook_abuse [--posts 100] [--concurrency 10]
The real `hoctap-bot run` (Telegram in webhook mode, SQLite) in its own process; the driver
runs the fake Bot API and POSTs `--posts` bodies of 1 MiB of JSON without the secret header to
the webhook path, then as many to an unknown path, `--concurrency` at a time, while timing
/healthz. Reports the bot process's CPU seconds for each flood.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import tempfile
import time
from pathlib import Path

import aiohttp

from bench.common import (
    BIN,
    Proc,
    cpu_seconds,
    free_port,
    machine,
    percentile,
    telegram_webhook_environ,
)
from tests.fakes.telegram import FakeTelegram

TOKEN = "123456:bench-token_abcdefghijklmnopqrstuvwxyz"
SECRET = "bench-secret_0123456789abcdefghijklmnopqrstuv"
HOOK = "/telegram/bench-5f3a9c2d"


async def flood(url: str, body: bytes, posts: int, concurrency: int) -> list[int]:
    statuses: list[int] = []
    gate = asyncio.Semaphore(concurrency)
    async with aiohttp.ClientSession() as http:

        async def one() -> None:
            async with gate:
                try:
                    async with http.post(url, data=body) as r:
                        statuses.append(r.status)
                except aiohttp.ClientError:
                    statuses.append(0)

        await asyncio.gather(*(one() for _ in range(posts)))
    return statuses


async def healthz_times(base: str, stop: asyncio.Event) -> list[float]:
    times: list[float] = []
    async with aiohttp.ClientSession() as http:
        while not stop.is_set():
            start = time.perf_counter()
            with contextlib.suppress(aiohttp.ClientError):
                async with http.get(f"{base}/healthz") as r:
                    await r.read()
            times.append(time.perf_counter() - start)
            await asyncio.sleep(0.05)
    return times


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=10)
    args = parser.parse_args()
    update = {"update_id": 1, "message": {"message_id": 1, "date": 1601510400, "text": "x" * 100,
                                          "chat": {"id": 1, "type": "private"}}}
    body = json.dumps([update] * 6000).encode()[: 1 << 20]
    body = body[: body.rfind(b"},") + 1] + b"]"
    print(machine())
    async with FakeTelegram(token=TOKEN) as fake:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = telegram_webhook_environ(fake.url, TOKEN, port, HOOK, SECRET)
        with tempfile.TemporaryDirectory() as tmp:
            bot = Proc([str(BIN), "run"], env, Path(tmp))
            await bot.start()
            try:
                await fake.wait_for("setWebhook", timeout=60)
                for name, path in (("webhook path, no secret", HOOK),
                                   ("unknown path", "/nowhere")):
                    stop = asyncio.Event()
                    probe = asyncio.create_task(healthz_times(base, stop))
                    cpu, wall = cpu_seconds(bot.pid), time.perf_counter()
                    statuses = await flood(base + path, body, args.posts, args.concurrency)
                    cpu, wall = cpu_seconds(bot.pid) - cpu, time.perf_counter() - wall
                    stop.set()
                    times = await probe
                    print(f"{name}: {args.posts} x {len(body) >> 10} KiB, statuses "
                          f"{sorted(set(statuses))}, bot CPU {cpu:.2f} s "
                          f"({cpu / args.posts * 1000:.1f} ms a post), wall {wall:.1f} s, "
                          f"/healthz p50 {percentile(times, 50) * 1000:.0f} ms "
                          f"p99 {percentile(times, 99) * 1000:.0f} ms")
            finally:
                await bot.stop()


if __name__ == "__main__":
    asyncio.run(main())
