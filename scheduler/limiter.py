"""Rate limiters: a global pace per channel and a minimum interval per chat."""

from __future__ import annotations

import asyncio
import heapq
import time
from collections.abc import Awaitable, Callable


class Slot:
    """A send's place in its limiter's window (see RateLimiter.acquire)."""

    __slots__ = ("awaiting",)

    def __init__(self, awaiting: bool) -> None:
        self.awaiting = awaiting


class RateLimiter:
    """Hand out sends at `rate` per second, evenly spaced, never more than `rate` in a second.

    The pace follows a schedule, one slot every 1/rate seconds. A caller that comes late (a
    busy machine wakes sleepers late; the deliverer records a batch and claims the next) goes
    at once, and the next callers too until the schedule is met again, so late wake-ups do
    not lower the rate. Two bounds keep this safe: a delay is made up only if under
    `catch_up` intervals (a burst of at most catch_up + 1 sends, 240 ms of delay at 25/s;
    after a longer pause, such as an idle deliverer, nothing is owed), and never more than
    `rate` sends (at least one) are counted in any window of one second, the platform's unit.

    The platform counts a message when it reaches it, anywhere between our request leaving
    and its answer coming back. A send acquired with `until_answered` therefore counts in the
    window from its slot until `answered` is called, and a second after that: requests held up
    on the way (a stalled connection, a busy machine) and arriving together with the next ones
    stay within `rate` as the platform counts them, however late they arrive. Counted from
    their slots only, twelve requests held 1.3 s and the sends after them reached the fake
    Telegram 31 in one second (429 under load in the reminders test). The price is the round
    trip: each send occupies the window 1 s plus its round trip, so with answers in r seconds
    at most rate / (1 + r) go out a second (21/s at 25/s with r = 0.2 s). A send acquired
    without it counts from its slot; a sleeper that wakes late leaves a little after its slot,
    and the margin under the platform's limit (we run at 25 a second, Telegram allows about
    30) absorbs that, as it absorbs network jitter.

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
        # The window: when each recent send left (or its answer came), a min-heap, and how many
        # sends still wait for their answer (they count until it comes).
        self._counted: list[float] = []
        self._awaiting = 0
        self._answer = asyncio.Event()
        self._last_penalty = -recover
        self._lock = asyncio.Lock()

    def _per_window(self, rate: float) -> int:
        return max(1, int(rate * self.WINDOW))

    def _set_rate(self, rate: float) -> None:
        self.rate = rate

    def _window_allows(self, now: float, slot: float) -> float | None:
        """The earliest time from `slot` at which one more send keeps the window within the
        rate, or None while too many sends wait for their answer."""
        counted = self._counted
        while counted and counted[0] <= now - self.WINDOW:
            heapq.heappop(counted)
        over = len(counted) + self._awaiting + 1 - self._per_window(self.rate)
        if over <= 0:
            return slot
        if over > len(counted):
            return None
        # The `over` oldest must have left the window (the usual case is one: min()).
        oldest = counted[0] if over == 1 else heapq.nsmallest(over, counted)[-1]
        return max(slot, oldest + self.WINDOW)

    async def acquire(self, until_answered: bool = False) -> Slot:
        """Wait for this send's slot. With `until_answered`, the caller must call `answered`
        with the slot returned when the request's answer (or its failure) came."""
        async with self._lock:
            while True:
                now = self._clock()
                if self.rate < self.configured and now - self._last_penalty >= self.recover:
                    self._set_rate(min(self.configured, self.rate * 1.1))
                    self._last_penalty = now - self.recover / 2
                interval = 1.0 / self.rate
                if self._next < now - self.catch_up * interval:
                    self._next = now  # a long pause (idle): nothing is owed
                allowed = self._window_allows(now, max(now, self._next, self._paused_until))
                if allowed is not None:
                    break
                self._answer.clear()
                await self._answer.wait()
            slot = allowed
            entry = Slot(until_answered)
            if until_answered:
                self._awaiting += 1
            else:
                heapq.heappush(self._counted, slot)
            self._next += interval
        try:
            if slot > now:
                await self._sleep(slot - now)
        except BaseException:
            self.answered(entry)  # cancelled: never sent, counted as if it left now
            raise
        return entry

    def answered(self, slot: Slot) -> None:
        """The answer to `slot`'s request came, or it failed: whenever the platform received
        it, that was by now; it counts in the window for a second more."""
        if slot.awaiting:
            slot.awaiting = False
            self._awaiting -= 1
            heapq.heappush(self._counted, self._clock())
            self._answer.set()

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
