"""Rate limiters: a global pace per channel and a minimum interval per chat."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable


class RateLimiter:
    """Hand out sends at `rate` per second, evenly spaced (no bursts the platform would punish).

    A caller that comes back up to `credit` intervals late (the deliverer recording a batch and
    claiming the next) still gets the slot it would have had, so that time is not lost; unused
    time beyond that is forgotten. Over any window of T seconds at most rate × T + credit + 1
    sends are handed out: 27 in a second at 25/s, under Telegram's 30.

    A 429 pauses everything for `retry_after` and lowers the rate by a fifth; the rate then
    creeps back to the configured one after `recover` seconds without a 429.
    """

    def __init__(self, rate: float, recover: float = 10.0, credit: float = 1.0,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self.configured = rate
        self.rate = rate
        self.recover = recover
        self.credit = credit
        self._clock = clock
        self._sleep = sleep
        self._next = -float("inf")
        self._last_penalty = -recover
        self._lock = asyncio.Lock()

    async def acquire(self) -> None:
        """Wait for this send's slot."""
        async with self._lock:
            now = self._clock()
            if self.rate < self.configured and now - self._last_penalty >= self.recover:
                self.rate = min(self.configured, self.rate * 1.1)
                self._last_penalty = now - self.recover / 2
            interval = 1.0 / self.rate
            slot = max(now - self.credit * interval, self._next)
            self._next = slot + interval
        if slot > now:
            await self._sleep(slot - now)

    def penalize(self, retry_after: float) -> None:
        """The platform said 429: wait as told and slow down."""
        now = self._clock()
        self._next = max(self._next, now + retry_after)
        self.rate = max(self.configured / 20, self.rate * 0.8)
        self._last_penalty = now


class ChatSpacing:
    """At most one message per `interval` seconds to one chat."""

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.interval = interval
        self._clock = clock
        self._last: dict[str, float] = {}

    def wait_for(self, chat: str) -> float:
        """Seconds until `chat` may receive again (0 when it may now)."""
        last = self._last.get(chat)
        if last is None:
            return 0.0
        return max(0.0, last + self.interval - self._clock())

    def mark(self, chat: str) -> None:
        now = self._clock()
        self._last[chat] = now
        if len(self._last) > 50_000:
            # Forget chats whose interval passed long ago, so memory stays bounded.
            self._last = {c: t for c, t in self._last.items() if now - t < self.interval}
