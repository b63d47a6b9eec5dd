"""Adapt a channel whose `send` reports its own result type to the broadcaster's Sender."""

from __future__ import annotations

from typing import Protocol

from bot.channels.base import Delivery
from handlers.types import Reply


class _Result(Protocol):
    status: str
    reason: str


class _SendsReplies(Protocol):
    name: str

    async def send(self, user_id: str, replies: list[Reply]) -> _Result: ...


class ReplySender:
    """Zalo: its send() says sent / skipped (interaction window, unfollowed) / failed.

    A timeout there means the request may have arrived: uncertain, never repeated.
    """

    def __init__(self, channel: _SendsReplies) -> None:
        self.channel = channel
        self.name = channel.name

    async def deliver(self, external_id: str, text: str, title: str | None = None) -> Delivery:
        result = await self.channel.send(external_id, [Reply(text, title=title)])
        if result.status == "sent":
            return Delivery("sent")
        if result.status == "skipped":
            if result.reason == "not_following":
                return Delivery("blocked", reason=result.reason)
            return Delivery("skipped", reason=result.reason)
        if result.reason.startswith("timeout"):
            return Delivery("uncertain", reason=result.reason)
        return Delivery("failed", reason=result.reason)

    async def edit(self, external_id: str, ref: str, text: str) -> Delivery:
        # Zalo cannot edit a sent message: progress is reported only at the start and the end.
        return Delivery("failed", reason="editing is not supported")
