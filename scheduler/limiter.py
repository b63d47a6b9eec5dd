"""Rate limiters: a global pace per channel and a minimum interval per chat."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable


class RateLimiter:
    """Hand out sends at `rate` per second, evenly spaced, never more than `rate` in a second.

    The pace follows a schedule, one slot every 1/rate seconds. A caller that comes late (a
    busy machine wakes sleepers late; the deliverer records a batch and claims the next) goes
    at once, and the next callers too until the schedule is met again, so late wake-ups do
    not lower the rate. Two bounds keep this safe: a delay is made up only if under
    `catch_up` intervals (a burst of at most catch_up + 1 sends, 240 ms of delay at 25/s;
    after a longer pause, such as an idle deliverer, nothing is owed), and never more than
    `rate` slots (at least one) are given in any window of one second, the platform's unit.
    A sleeper that wakes late leaves a little after its slot; the margin under the platform's
    limit (we run at 25 a second, Telegram allows about 30) absorbs that, as it absorbs
    network jitter.

    A 429 pauses everything for `retry_after` and lowers the rate by a fifth; the rate then
    creeps back to the configured one after `recover` seconds without a 429.
    """

    WINDOW = 1.0

    def __init__(self, rate: float, recover: float = 10.0, catch_up: int = 6,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self.total = rate  # the channel's rate, shared by the processes that send on it
        self.configured = rate
        self.rate = rate
        self.recover = recover
        self.catch_up = catch_up
        self._clock = clock
        self._sleep = sleep
        self._next = -float("inf")
        self._paused_until = -float("inf")
        self._slots: deque[float] = deque(maxlen=self._per_window(rate))  # the latest ones
        self._last_penalty = -recover
        self._lock = asyncio.Lock()

    def _per_window(self, rate: float) -> int:
        return max(1, int(rate * self.WINDOW))

    def _set_rate(self, rate: float) -> None:
        self.rate = rate
        self._slots = deque(self._slots, maxlen=self._per_window(rate))

    async def acquire(self) -> None:
        """Wait for this send's slot."""
        async with self._lock:
            now = self._clock()
            if self.rate < self.configured and now - self._last_penalty >= self.recover:
                self._set_rate(min(self.configured, self.rate * 1.1))
                self._last_penalty = now - self.recover / 2
            interval = 1.0 / self.rate
            if self._next < now - self.catch_up * interval:
                self._next = now  # a long pause (idle): nothing is owed
            slot = max(now, self._next, self._paused_until)
            if len(self._slots) == self._slots.maxlen:
                slot = max(slot, self._slots[0] + self.WINDOW)
            self._slots.append(slot)
            self._next += interval
        if slot > now:
            await self._sleep(slot - now)

    def share(self, processes: int) -> None:
        """`processes` send on this channel together: this one takes its part of the rate.

        The platform's limit is per bot, not per process. A process that joins or leaves
        changes every part at the next poll; a rate lowered by a recent 429 stays lowered.
        """
        part = self.total / max(1, processes)
        if part == self.configured:
            return
        self.configured = part
        recently_penalized = self._clock() - self._last_penalty < self.recover
        if self.rate > part or not recently_penalized:
            self._set_rate(part)

    def penalize(self, retry_after: float) -> None:
        """The platform said 429: wait as told and slow down."""
        now = self._clock()
        self._paused_until = max(self._paused_until, now + retry_after)
        self._next = max(self._next, self._paused_until)
        self._set_rate(max(self.configured / 20, self.rate * 0.8))
        self._last_penalty = now


class ChatSpacing:
    """At most one message per `interval` seconds to one chat: marked when a send starts and
    again when its answer comes (the deliverer does both), so the platform, which counts from
    the moment a message reached it, sees them that far apart however long a request took."""

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
