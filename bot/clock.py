"""The bot's clock: real time, or a simulated start instant that runs on from there."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class SimClock:
    """Behave as if the clock read `start` when the bot started; without it, real time."""

    def __init__(self, start: datetime | None = None) -> None:
        self.offset = (start - datetime.now(UTC)) if start is not None else timedelta(0)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset
