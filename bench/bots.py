"""Bare echo bots for the throughput benchmark, each run as its own process.

Run: .venv/bin/python -m bench.bots ptb|ptb-aiohttp|aiogram URL TOKEN [--concurrency 32]
URL is the Bot API server (``http://127.0.0.1:PORT``); the bot long-polls it and answers every
text message with the same text, until SIGTERM.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
from typing import Any


def run_ptb(url: str, token: str, concurrency: int, layer: str) -> None:
    """python-telegram-bot 22.8 with its default httpx layer (or our aiohttp one)."""
    from telegram import Update
    from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters
    from telegram.request import BaseRequest, HTTPXRequest

    from bot.channels.telegram.request import AiohttpRequest

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_message and update.effective_message.text:
            await update.effective_message.reply_text(update.effective_message.text)

    def request(read_timeout: float) -> BaseRequest:
        if layer == "aiohttp":
            return AiohttpRequest(connection_pool_size=64, read_timeout=read_timeout)
        return HTTPXRequest(connection_pool_size=64, read_timeout=read_timeout)

    app: Any = (
        ApplicationBuilder().token(token).base_url(f"{url}/bot")
        .request(request(10.0)).get_updates_request(request(20.0))
        .concurrent_updates(concurrency).build()
    )
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.run_polling(timeout=10, poll_interval=0.0, stop_signals=(signal.SIGINT, signal.SIGTERM))


async def run_aiogram(url: str, token: str) -> None:
    """aiogram 3 with its own aiohttp session; updates are handled as tasks (its default)."""
    from aiogram import Bot, Dispatcher, F
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.types import Message

    bot = Bot(token, session=AiohttpSession(api=TelegramAPIServer.from_base(url)))
    dp = Dispatcher()

    @dp.message(F.text)
    async def echo(message: Message) -> None:
        await message.answer(message.text or "")

    await dp.start_polling(bot, polling_timeout=10, handle_signals=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["ptb", "ptb-aiohttp", "aiogram"])
    parser.add_argument("url")
    parser.add_argument("token")
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    if args.kind == "aiogram":
        asyncio.run(run_aiogram(args.url, args.token))
    else:
        run_ptb(args.url, args.token, args.concurrency,
                "aiohttp" if args.kind == "ptb-aiohttp" else "httpx")


if __name__ == "__main__":
    main()
