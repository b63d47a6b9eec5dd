"""`hoctap-bot run`: the web server and every configured channel, until SIGINT/SIGTERM."""

from __future__ import annotations

import asyncio
import logging
import signal

from aiohttp import web

from bot.app import App, build_broadcaster
from bot.channels.base import Channel
from bot.observability import health_routes, limits_middleware
from scheduler.service import BroadcastService

log = logging.getLogger(__name__)


def build_channels(app: App) -> list[Channel]:
    """One adapter per configured channel."""
    channels: list[Channel] = []
    if app.settings.telegram.enabled:
        from bot.channels.telegram import TelegramChannel

        channels.append(TelegramChannel(app.settings.telegram, app.dispatcher,
                                        supervisor=app.supervisor))
    if app.settings.zalo.enabled:
        from bot.channels.zalo import ZaloChannel

        channels.append(ZaloChannel(app.settings.zalo, app.dispatcher, app.sessions, app.clock,
                                    supervisor=app.supervisor))
    return channels


def build_web_app(app: App) -> web.Application:
    # client_max_size: larger webhook bodies get 413 before we read them; the limits
    # middleware also refuses deep or malformed JSON (400) before any adapter parses it.
    return web.Application(client_max_size=app.settings.web.max_body,
                           middlewares=[limits_middleware(app.dispatcher.metrics)])


async def serve(app: App, channels: list[Channel], stop: asyncio.Event) -> None:
    """Run until `stop` is set, then shut everything down in reverse order."""
    await app.start()
    web_app = build_web_app(app)
    for channel in channels:
        channel.mount(web_app)
    started: list[Channel] = []
    health_routes(web_app, app.engine, app.sessions, app.dispatcher.metrics,
                  lambda: [c.name for c in started], tasks=app.supervisor.states)
    runner = web.AppRunner(web_app, access_log=None)
    await runner.setup()
    broadcaster: BroadcastService | None = None
    try:
        site = web.TCPSite(runner, app.settings.web.host, app.settings.web.port)
        await site.start()
        log.info("web server listening on %s:%s", app.settings.web.host, app.settings.web.port)
        for channel in channels:
            await channel.start()
            started.append(channel)
        if app.settings.broadcast.enabled:
            broadcaster = build_broadcaster(app, started)
            await broadcaster.start()
        log.info("hoctap-bot is running: %s", ", ".join(c.name for c in channels))
        await stop.wait()
        log.info("stopping")
    finally:
        if broadcaster is not None:
            await broadcaster.stop()
        for channel in reversed(started):
            try:
                await channel.stop()
            except Exception:
                log.exception("channel %s did not stop cleanly", channel.name)
        await runner.cleanup()
        await app.close()


async def run(app: App, channels: list[Channel]) -> None:
    """Serve until SIGINT or SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await serve(app, channels, stop)
