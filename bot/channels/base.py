"""What the runner drives in a platform channel besides sending: its routes and lifecycle."""

from __future__ import annotations

from abc import abstractmethod
from typing import TYPE_CHECKING

from handlers.channel import OutputChannel

if TYPE_CHECKING:  # aiohttp costs ~0.2 s to import; the console never needs it
    from aiohttp import web


class Channel(OutputChannel):
    """A channel `hoctap-bot run` serves: the output contract plus mount, start and stop."""

    @abstractmethod
    def mount(self, web_app: web.Application) -> None:
        """Add the channel's routes (webhooks) before the web server starts."""

    @abstractmethod
    async def start(self) -> None:
        """Connect to the platform and start receiving updates."""

    @abstractmethod
    async def stop(self) -> None:
        """Stop receiving, finish what is in flight, close connections."""
