"""Compare python-telegram-bot's HTTP layers (httpx vs our aiohttp one) on a bare echo bot.

Run: .venv/bin/python -m bench.telegram_request_layers [--updates 3000] [--users 300]
A local fake Bot API server (tests/fakes/telegram.py) stands in for Telegram; a bare PTB echo bot
(no database, no core) answers every text update; we measure replies per second from the moment
the updates are queued until the last reply arrived.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import time
from typing import Any

from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters
from telegram.request import BaseRequest, HTTPXRequest

from bot.channels.telegram.request import AiohttpRequest
from tests.fakes.telegram import FakeTelegram

TOKEN = "123456:BENCH"


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_message and update.effective_message.text:
        await update.effective_message.reply_text(update.effective_message.text)


async def measure(layer: str, updates: int, users: int) -> float:
    def request(read_timeout: float) -> BaseRequest:
        if layer == "httpx":
            return HTTPXRequest(connection_pool_size=64, read_timeout=read_timeout)
        return AiohttpRequest(connection_pool_size=64, read_timeout=read_timeout)

    async with FakeTelegram(token=TOKEN) as fake:
        app: Any = (
            ApplicationBuilder().token(TOKEN).base_url(f"{fake.url}/bot")
            .request(request(10.0)).get_updates_request(request(20.0))
            .concurrent_updates(64).build()
        )
        app.add_handler(MessageHandler(filters.TEXT, echo))
        async with app:
            await app.start()
            assert app.updater is not None
            await app.updater.start_polling(timeout=10, poll_interval=0.0)
            start = time.perf_counter()
            for i in range(updates):
                fake.user_sends_text(1000 + i % users, f"tin nhắn {i}")
            await fake.wait_for(lambda: len(fake.sent_messages()) >= updates, timeout=600)
            elapsed = time.perf_counter() - start
            await app.updater.stop()
            await app.stop()
    return updates / elapsed


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--updates", type=int, default=3000)
    parser.add_argument("--users", type=int, default=300)
    args = parser.parse_args()
    print(f"Python {platform.python_version()}, {args.updates} updates from {args.users} users")
    rates = {}
    for layer in ("httpx", "aiohttp"):
        rates[layer] = await measure(layer, args.updates, args.users)
        print(f"{layer:8s} {rates[layer]:8.0f} replies/s")
    print(f"aiohttp / httpx = {rates['aiohttp'] / rates['httpx']:.2f}")


if __name__ == "__main__":
    asyncio.run(main())
