"""Profile one update through Dispatcher.handle (user, claim, router, log) on SQLite.

Run: .venv/bin/python -m bench.dispatcher_profile [--updates 500] [--users 100] [--html out.html]
Sequential updates, no network: CPU ms per update and a pyinstrument profile of where it goes.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from pyinstrument import Profiler

from bench.common import machine
from bot.app import build_app
from bot.settings import load_settings
from handlers.types import Incoming

TEXTS = ("lich hom nay", "so dien thoai lien he", "khoa hoc truc tuyen", "lịch hôm nay")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=500)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--channel", default="telegram")
    parser.add_argument("--html", type=Path)
    parser.add_argument("--no-profile", action="store_true",
                        help="CPU per update without the profiler's own overhead")
    args = parser.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(None, environ={
            "HOCTAP_DATABASE_URL": f"sqlite+aiosqlite:///{tmp}/hoctap.sqlite3",
            "HOCTAP_BOT_NOW": "2020-10-01T07:30"})
        app = build_app(settings)
        await app.start()
        try:
            for u in range(args.users):  # warm-up: users exist
                await app.dispatcher.handle(Incoming(args.channel, str(u), TEXTS[0]), f"w{u}")
            profiler = Profiler(async_mode="disabled")
            cpu, wall = time.process_time(), time.perf_counter()
            if not args.no_profile:
                profiler.start()
            for i in range(args.updates):
                await app.dispatcher.handle(
                    Incoming(args.channel, str(i % args.users), TEXTS[i % len(TEXTS)]), f"u{i}")
            if not args.no_profile:
                profiler.stop()
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        finally:
            await app.close()
    print(f"{args.updates} updates: {cpu / args.updates * 1000:.2f} ms CPU, "
          f"{wall / args.updates * 1000:.2f} ms wall per update "
          f"(profiler {'off' if args.no_profile else 'on'})")
    if args.no_profile:
        return
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    if args.html:
        args.html.write_text(profiler.output_html())


if __name__ == "__main__":
    asyncio.run(main())
