"""[web] reuse_port: two web servers (two `hoctap-bot run` processes) listen on one port."""

from __future__ import annotations

import aiohttp
from aiohttp import web

from bot.observability import Metrics
from bot.settings import WebSettings
from bot.webserver import ConnectionGuard, GuardedSite
from tests.conftest import free_port


async def _site(port: int, name: str, reuse_port: bool) -> tuple[web.AppRunner, GuardedSite]:
    async def who(_request: web.Request) -> web.Response:
        return web.Response(text=name)

    app = web.Application()
    app.router.add_get("/", who)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = GuardedSite(runner, "127.0.0.1", port, ConnectionGuard(WebSettings(), Metrics()),
                       reuse_port=reuse_port)
    return runner, site


async def test_two_servers_share_the_port_only_with_reuse_port() -> None:
    port = free_port()
    first, first_site = await _site(port, "a", reuse_port=True)
    second, second_site = await _site(port, "b", reuse_port=True)
    alone, alone_site = await _site(port, "c", reuse_port=False)
    try:
        await first_site.start()
        await second_site.start()  # would be EADDRINUSE without SO_REUSEPORT
        try:
            await alone_site.start()
        except OSError:
            pass
        else:
            raise AssertionError("a server without reuse_port took a port in use")
        seen = set()
        for _ in range(40):  # the kernel spreads new connections among the listeners
            async with aiohttp.ClientSession() as http, http.get(f"http://127.0.0.1:{port}/") as r:
                seen.add(await r.text())
        assert seen == {"a", "b"}
    finally:
        for runner in (first, second, alone):
            await runner.cleanup()
