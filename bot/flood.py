"""Flood control: one user sending too fast gets one polite warning, then a cool-down.

Kept in memory per process on purpose: the check runs before the database is touched, so a
flood costs neither a transaction nor a connection, and other users' replies are not slowed.
A restart forgets the counts, which only shortens a cool-down.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from bot.settings import FloodSettings

Verdict = Literal["ok", "warn", "drop"]
# The console is the operator's own terminal (and piped scripts): never throttled.
EXEMPT_CHANNELS = frozenset({"console"})


@dataclass
class _User:
    times: deque[float] = field(default_factory=deque)
    until: float = 0.0  # end of the cool-down (monotonic seconds)


class FloodGuard:
    """Sliding-window rate per (channel, user id)."""

    def __init__(self, settings: FloodSettings,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings
        self.clock = clock
        self._users: dict[tuple[str, str], _User] = {}
        self._last_sweep = clock()

    def check(self, channel: str, user_id: str) -> Verdict:
        """`ok` to answer, `warn` to send the one slow-down message, `drop` to ignore."""
        s = self.settings
        if s.max_messages == 0 or channel in EXEMPT_CHANNELS:
            return "ok"
        now = self.clock()
        self._sweep(now)
        user = self._users.setdefault((channel, user_id), _User())
        if now < user.until:
            return "drop"
        times = user.times
        while times and now - times[0] >= s.per_seconds:
            times.popleft()
        times.append(now)
        if len(times) > s.max_messages:
            user.until = now + s.cooldown_seconds
            times.clear()
            return "warn"
        return "ok"

    def _sweep(self, now: float) -> None:
        """Forget quiet users now and then, so the table stays as small as the active crowd."""
        horizon = max(self.settings.per_seconds, self.settings.cooldown_seconds)
        if now - self._last_sweep < horizon:
            return
        self._last_sweep = now
        stale = [k for k, u in self._users.items()
                 if now >= u.until and (not u.times or now - u.times[-1] >= horizon)]
        for key in stale:
            del self._users[key]
