"""Contest latency: N registered participants answer at once; time from answer to next question.

Run: .venv/bin/python -m bench.contest [--participants 500] [--rounds 2] [--db sqlite postgres]
     [--profile PREFIX]  (pyinstrument over the answers only: PREFIX-sqlite.txt, …)
In process, through `Dispatcher.handle` (what every channel calls): participants register one
after another (not timed), start their attempt, then all answer question k at the same instant,
for k = 1..rounds; each call is timed from the answer to the reply carrying the next question.
Target: p99 <= 50 ms. PostgreSQL uses a fresh database, dropped afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import re
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path

from bench.common import fresh_pg_database, load, machine, percentile
from bot.app import App, build_app
from bot.settings import load_settings
from handlers.types import Incoming, Reply

CPU_MS: list[float] = []  # this process's CPU per answer, one entry per measured database
ANSWER = re.compile(r"^/traloi (\d+) (\d+) ([ABCD])$")


def next_answer(replies: list[Reply]) -> str | None:
    """The first answer button of the last question in `replies` (None when finished)."""
    for reply in reversed(replies):
        if reply.buttons and ANSWER.match(reply.buttons[0].command):
            return reply.buttons[0].command
    return None


async def say(app: App, user: str, text: str, is_button: bool = False) -> list[Reply]:
    replies = await app.dispatcher.handle(Incoming("telegram", user, text, is_button=is_button))
    assert replies is not None
    return replies


@contextlib.asynccontextmanager
async def database(kind: str) -> AsyncIterator[str]:
    if kind == "postgres":
        async with fresh_pg_database() as url:
            yield url
    else:
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite+aiosqlite:///{tmp}/hoctap.sqlite3"


async def measure(kind: str, participants: int, rounds: int,
                  env: dict[str, str], profile: str | None = None,
                  spread: float = 0.0) -> list[float]:
    async with database(kind) as url:
        app = build_app(load_settings(None, environ={
            "HOCTAP_DATABASE_URL": url, "HOCTAP_BOT_NOW": "2020-10-01T07:30", **env}))
        await app.start()
        try:
            pending: dict[str, str] = {}
            for i in range(participants):
                user = str(700_000 + i)
                for text in ("/thi", f"người thi số {'abcdefghij'[i % 10]}", "quận lê chân",
                             "Bỏ qua"):
                    await say(app, user, text)
                command = next_answer(await say(app, user, "Đồng ý"))
                assert command is not None, "registration did not reach question 1"
                pending[user] = command
            times: list[float] = []

            draw = random.Random(7)

            async def answer(user: str, command: str) -> None:
                if spread:  # people answer during the question's time, not all at once
                    await asyncio.sleep(draw.uniform(0, spread))
                start = time.perf_counter()
                replies = await say(app, user, command, is_button=True)
                times.append(time.perf_counter() - start)
                following = next_answer(replies)
                if following is not None:
                    pending[user] = following

            profiler = None
            if profile:
                from pyinstrument import Profiler

                profiler = Profiler(async_mode="disabled")
                profiler.start()
            cpu = time.process_time()
            for _ in range(rounds):
                await asyncio.gather(*(answer(u, c) for u, c in list(pending.items())))
            CPU_MS.append((time.process_time() - cpu) / len(times) * 1000)
            if profiler is not None:
                profiler.stop()
                await asyncio.to_thread(Path(f"{profile}-{kind}.txt").write_text,
                                        profiler.output_text(show_all=False))
        finally:
            await app.close()
    return times


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--db", nargs="+", choices=["sqlite", "postgres"],
                        default=["sqlite", "postgres"])
    parser.add_argument("--env", nargs="*", default=[], metavar="KEY=VALUE",
                        help="extra settings, e.g. HOCTAP_DATABASE_POOL_SIZE=1")
    parser.add_argument("--spread", type=float, default=0.0, metavar="SECONDS",
                        help="answers of a round arrive at random instants over SECONDS "
                             "(default 0: all at the same instant)")
    parser.add_argument("--profile", metavar="PREFIX",
                        help="profile the answers only (pyinstrument): PREFIX-<db>.txt")
    args = parser.parse_args()
    env = dict(item.split("=", 1) for item in args.env)
    print(f"{machine()}; {args.participants} participants, {args.rounds} rounds"
          + (f", answers spread over {args.spread:g} s" if args.spread else ", all at once"))
    for kind in args.db:
        ms = [t * 1000 for t in await measure(kind, args.participants, args.rounds, env,
                                                     args.profile, args.spread)]
        print(f"{kind:9s} p50 {percentile(ms, 50):7.0f} ms  p99 {percentile(ms, 99):7.0f} ms  "
              f"max {max(ms):7.0f} ms  CPU {CPU_MS[-1]:.1f} ms/answer  "
              f"({len(ms)} answers, load {load():.1f})", flush=True)


if __name__ == "__main__":
    asyncio.run(main())
