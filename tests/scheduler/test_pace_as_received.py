"""The broadcast pace as the platform counts it: when each message reached it, not when its
request left. The real Deliverer sends from an in-memory outbox to a channel whose first
requests are held up on the way."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from content import Edition
from handlers.channel import Delivery
from handlers.types import Button
from scheduler.deliverer import Deliverer
from scheduler.messages import ItemView
from scheduler.outbox import Claimed
from tests.scheduler.test_audiences import Inbox


@dataclass
class HeldUp(Inbox):
    """A channel whose first `held` requests reach the platform only at `release` (a stalled
    connection or a busy machine on the way), the later ones at once; it notes when each
    message arrived, as the platform would count it."""

    held: int = 0
    release: float = 0.0
    arrived: list[float] = field(default_factory=list)

    async def send_text(self, external_id: str, text: str, *, title: str | None = None,
                        buttons: tuple[Button, ...] = ()) -> Delivery:
        if len(self.received) < self.held:
            self.received[external_id] = []  # taken in order: the first `held` chats wait
            await asyncio.sleep(max(0.0, self.release - time.monotonic()))
        self.arrived.append(time.monotonic())
        return await super().send_text(external_id, text, title=title, buttons=buttons)


class MemoryOutbox:
    """An outbox in memory: the rows of one announcement to `chats`, in order."""

    def __init__(self, chats: range) -> None:
        self.pending = [Claimed(i, 1, str(chat), "vi", 1) for i, chat in enumerate(chats)]
        self.recorded: dict[int, str] = {}
        self.all_recorded = asyncio.Event()
        self.rows = len(self.pending)

    async def claim(self, channel: str, worker: str, limit: int, interval: float
                    ) -> list[Claimed]:
        rows, self.pending = self.pending[:limit], self.pending[limit:]
        return rows

    async def mark_sending(self, ids: list[int], worker: str) -> set[int]:
        return set(ids)

    async def record(self, values: list[dict[str, Any]], later: list[int],
                     not_before: datetime) -> None:
        assert not later  # one message a chat: nobody waits for their interval
        self.recorded.update((v["id"], v["status"]) for v in values)
        if len(self.recorded) == self.rows:
            self.all_recorded.set()

    async def release(self, ids: list[int], not_before: datetime) -> None:
        raise AssertionError("nothing is put back in this test")

    async def release_unsent(self, channel: str, worker: str) -> int:
        return 0

    async def items(self, ids: set[int]) -> list[ItemView]:
        return [ItemView(1, "announcement", "Lễ tổng kết lúc 16:00 ngày 07/10.", {})]


def most_in_one_second(times: list[float]) -> int:
    return max(sum(1 for u in times if t <= u < t + 1.0) for t in times)


async def test_requests_held_up_on_the_way_do_not_make_a_burst_at_the_platform(
        edition: Edition) -> None:
    """Twelve requests (a batch in flight) held 1.2 s, then reaching Telegram together: the
    sends after them count with them. Counted from when each request left, the limiter saw the
    held ones as more than a second old and sent 25 more in the next second: 37 arrivals in
    one second, where Telegram allows 30 (429 under load in the reminders test)."""
    rate = 25.0
    chats = range(1001, 1061)
    network = HeldUp("telegram", held=12, release=time.monotonic() + 1.2)
    store = MemoryOutbox(chats)
    deliverer = Deliverer(network, rate, 1.0, store, edition,
                          lambda: datetime.now(UTC), "worker", idle_seconds=0.05)
    assert deliverer.batch == 12  # the requests in flight at once: all held

    async def run() -> None:
        await deliverer.run()

    task = asyncio.create_task(run())
    try:
        async with asyncio.timeout(20):
            await store.all_recorded.wait()
    finally:
        deliverer.finish()
        await task
    assert len(network.arrived) == len(chats)
    assert set(store.recorded.values()) == {"sent"}
    assert most_in_one_second(network.arrived) <= rate
