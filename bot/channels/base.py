"""What every messaging channel adapter offers the runner."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:  # aiohttp costs ~0.2 s to import; the console never needs it
    from aiohttp import web

# What became of one broadcast message. sent: delivered. blocked: the user blocked the bot or
# stopped following (deactivated). rate_limited: the platform said wait `retry_after` seconds.
# retry: failed before the request left (connection refused): safe to send again. uncertain:
# the request may have arrived (timeout after sending): never repeated blindly. skipped: not
# sent on purpose (Zalo's interaction window). failed: refused for good.
DeliveryStatus = Literal[
    "sent", "blocked", "rate_limited", "retry", "uncertain", "skipped", "failed"
]


@dataclass(frozen=True)
class Delivery:
    """The outcome of sending one broadcast message to one user."""

    status: DeliveryStatus
    reason: str = ""
    retry_after: float = 0.0
    ref: str | None = None  # the platform's id of the message sent, for later edits


class Channel(Protocol):
    name: str

    def mount(self, web_app: web.Application) -> None:
        """Add the channel's routes (webhooks) before the web server starts."""

    async def start(self) -> None:
        """Connect to the platform and start receiving updates."""

    async def stop(self) -> None:
        """Stop receiving, finish what is in flight, close connections."""
