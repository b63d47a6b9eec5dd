"""Broadcast rate: an announcement to N subscribers through the real outbox and deliverer.

Run: .venv/bin/python -m bench.broadcast [--subscribers 10000] [--rate 25 --limit 30]
     [--seconds 60]       (paid broadcasts: --rate 1000 --limit 1000)
SQLite is seeded with N subscribed Telegram users; `hoctap-bot announce --at now` writes the
announcement; the real `hoctap-bot run` (own process, simulated clock before the week so no
reminder interferes) fires it and sends at `[telegram] rate` = --rate to the fake
Bot API (driver process) enforcing --limit msg/s global and 1 msg/s per chat. Measured from
the first message for --seconds or until all N arrived: achieved / configured rate, 429s,
duplicates (a chat that got it twice) and the bot's peak RSS. Targets: >= 97 %, 0, 0, and
<= 150 MB at 100,000 subscribers.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench.common import (
    BIN,
    Proc,
    cpu_seconds,
    free_port,
    hoctap_environ,
    load,
    machine,
    peak_rss_mb,
)
from tests.fakes.telegram import FakeTelegram

TOKEN = "123456:BENCH"
NOW = "2020-09-20T10:00"  # before the week: no reminder is due


def seed(workdir: Path, env: dict[str, str], subscribers: int) -> None:
    """Schema through the real CLI, then N subscribed Telegram users in one transaction."""
    subprocess.run([str(BIN), "db", "upgrade"], cwd=workdir, env=env, check=True,
                   capture_output=True)
    with sqlite3.connect(workdir / "hoctap.sqlite3") as conn:
        conn.executemany(
            "INSERT INTO users (channel, external_id, first_seen, last_seen, active) "
            "VALUES ('telegram', ?, '2020-09-15 00:00:00', '2020-09-15 00:00:00', 1)",
            ((str(10_000_000 + i),) for i in range(subscribers)))
        conn.execute("INSERT INTO subscriptions (user_id, created_at) "
                     "SELECT id, '2020-09-15 00:00:00' FROM users")


def prepare(workdir: Path, env: dict[str, str], subscribers: int) -> None:
    """Seed the subscribers and write the announcement with the real CLI."""
    seed(workdir, env, subscribers)
    subprocess.run([str(BIN), "announce", "--text", "Thông báo thử: lễ khai mạc 8:00.",
                    "--at", "now", "--audience", "all"], cwd=workdir, env=env, check=True,
                   capture_output=True)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=25.0, help="configured [telegram] rate")
    parser.add_argument("--limit", type=int, default=30, help="the fake's global msg/s")
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    print(f"{machine()}; {args.subscribers} subscribers, rate {args.rate:g}/s, "
          f"fake limit {args.limit}/s global and 1/s per chat")
    per_chat: Counter[int] = Counter()
    times: list[float] = []
    async with FakeTelegram(token=TOKEN) as fake:
        fake.rate_limit(per_chat_per_second=1, global_per_second=args.limit)
        original = fake._m_sendMessage  # a private hook: count what the users received

        def send_message(params: dict[str, Any]) -> Any:
            result = original(params)
            per_chat[params["chat_id"]] += 1
            times.append(time.monotonic())
            return result

        fake.add_method("sendMessage", send_message)
        # The seeded subscribers started the bot before (the strict fake refuses, with 403, a
        # chat that never did, as Telegram does).
        fake.register_chats(10_000_000 + i for i in range(args.subscribers))
        with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
            workdir = Path(tmp)
            env = hoctap_environ(
                HOCTAP_TELEGRAM_TOKEN=TOKEN, HOCTAP_TELEGRAM_BASE_URL=f"{fake.url}/bot",
                HOCTAP_BOT_NOW=NOW, HOCTAP_WEB_PORT=str(free_port()),
                HOCTAP_TELEGRAM_RATE=str(args.rate),
            )
            await asyncio.to_thread(prepare, workdir, env, args.subscribers)
            proc = Proc([str(BIN), "run"], env, workdir)
            await proc.start()
            try:
                # Polling: the fake has no event for "n messages arrived".
                while not times:  # noqa: ASYNC110
                    await asyncio.sleep(0.05)
                cpu, driver = cpu_seconds(proc.pid), time.process_time()
                deadline = times[0] + args.seconds
                while len(times) < args.subscribers and time.monotonic() < deadline:  # noqa: ASYNC110
                    await asyncio.sleep(0.1)
                window = [t for t in times if t <= deadline]
                rss = peak_rss_mb(proc.pid)
                cpu = cpu_seconds(proc.pid) - cpu
                driver = time.process_time() - driver
            finally:
                await proc.stop()
    span = max(window[-1] - window[0], 1e-9)
    achieved = (len(window) - 1) / span
    duplicates = sum(1 for n in per_chat.values() if n > 1)
    print(f"sent {len(window)} in {window[-1] - window[0]:.1f} s: {achieved:.1f}/s = "
          f"{achieved / args.rate:.1%} of configured; 429s {fake.rate_limited_count}; "
          f"duplicates {duplicates}; peak RSS {rss:.0f} MB; CPU busy: bot "
          f"{cpu / span:.0%}, fake {driver / span:.0%} of one core (load {load():.1f})")


if __name__ == "__main__":
    asyncio.run(main())
