"""What the scheduler asks of the floor above it, declared here so that it imports nothing there.

The bot implements these: bot.db.schedule, bot.db.outbox and bot.db.leases on SQL (built
together by `bot.db.schedule.sql_storage`), the channel adapters as senders; bot.app wires them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from scheduler.outbox import OutboxStore
from scheduler.planner import Planned


class Leader(Protocol):
    """Who fires scheduled items: one process at a time."""

    async def ensure(self) -> bool:
        """Hold the lead, taking it if free; False while another process holds it."""
        ...

    async def release(self) -> None: ...


class Presence(Protocol):
    """How many processes send broadcasts on this database, this one included."""

    async def count(self) -> int | None:
        """Processes present (at least this one); None when the database cannot tell."""
        ...

    async def close(self) -> None: ...


@dataclass(frozen=True)
class Fired:
    """What firing an item did: its outbox rows written, or the item missed."""

    key: str
    missed: bool
    note: str | None  # why it was missed
    total: int  # recipients
    skipped: int  # recipients on a channel no deliverer sends on
    creator: tuple[str | None, str | None]  # (channel, external id) of the organizer


@dataclass(frozen=True)
class Sending:
    """An item being delivered, with its outbox rows counted by status."""

    id: int
    total: int
    fired_at: datetime | None
    creator: tuple[str | None, str | None]
    progress_ref: str | None  # the organizer's progress message
    counts: Counter[str]


class ScheduleStore(Protocol):
    """The scheduled items and their outbox, as the firing process sees them; each call is one
    transaction, committed on return."""

    async def take_over(self, planned: list[Planned], now: datetime,
                        stale_before: datetime | None, worker: str,
                        reason: str = "no longer in the content") -> tuple[int, int, int]:
        """Just became the leader: make the items match the plan, and `sweep`. Returns
        (changes to the plan, rows back to pending, rows marked uncertain)."""
        ...

    async def sweep(self, stale_before: datetime | None, worker: str) -> tuple[int, int]:
        """Settle the rows of processes that died: (back to pending, marked uncertain).

        Rows only claimed were never sent: back to the queue. Rows `sending` may have arrived:
        `uncertain`, never resent. `stale_before` None takes every row but `worker`'s (one
        process on the database); else only the claims older than that.
        """
        ...

    async def scheduled(self) -> list[tuple[int, datetime, str]]:
        """(id, due at, kind) of every item waiting to fire."""
        ...

    async def fire(self, item_id: int, now: datetime, grace: timedelta, locale: str,
                   channels: set[str]) -> Fired | None:
        """Fire the item if it is still waiting and due, once even with several processes:
        missed when more than `grace` late, else one outbox row per recipient (`locale` where
        theirs is unknown; those on a channel not in `channels` skipped). None: not fired."""
        ...

    async def locale_of(self, channel: str, external_id: str) -> str | None: ...

    async def set_progress_ref(self, item_id: int, ref: str) -> None: ...

    async def sending(self) -> list[Sending]:
        """The items being delivered."""
        ...

    async def finish(self, item_id: int, now: datetime) -> bool:
        """Mark a sending item done; False if it was not sending any more."""
        ...


@dataclass(frozen=True)
class Storage:
    """Everything the broadcaster keeps outside the process."""

    schedule: ScheduleStore
    outbox: OutboxStore
    leader: Leader
    presence: Presence | None  # None: the database cannot count processes (SQLite)
    # Several processes may send on this database (PostgreSQL); else it serves one (SQLite).
    shared: bool
    worker: str  # this process's id, on the rows it claims
