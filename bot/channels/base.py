"""What every messaging channel adapter offers the runner."""

from __future__ import annotations

from typing import Protocol

from aiohttp import web


class Channel(Protocol):
    name: str

    def mount(self, web_app: web.Application) -> None:
        """Add the channel's routes (webhooks) before the web server starts."""

    async def start(self) -> None:
        """Connect to the platform and start receiving updates."""

    async def stop(self) -> None:
        """Stop receiving, finish what is in flight, close connections."""
