"""The scheduled items on SQL: planning them from content, firing them, following their sending.

`SqlSchedule` is the scheduler's ScheduleStore, one transaction a call; `sql_storage` builds
everything the broadcaster keeps in the database.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.db.broadcast import outbox_counts, write_lock_first
from bot.db.leases import PgLeader, PgPresence, SqliteLeader, worker_id
from bot.db.models import ScheduledItem, User
from bot.db.outbox import SqlOutbox, fill, skip_unsent_channels, sweep
from bot.db.questions import users_of
from scheduler.planner import CONTENT_KINDS, Planned
from scheduler.ports import Fired, Sending, Storage


def sql_storage(engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession],
                poll_seconds: float) -> Storage:
    """The broadcaster's storage on this database; PostgreSQL serves several processes."""
    worker = worker_id()
    shared = engine.dialect.name == "postgresql"
    return Storage(
        schedule=SqlSchedule(sessions),
        outbox=SqlOutbox(sessions),
        leader=(PgLeader(engine, worker) if shared
                else SqliteLeader(sessions, worker, ttl=max(10.0, 5 * poll_seconds))),
        presence=PgPresence(engine, worker) if shared else None,
        shared=shared,
        worker=worker,
    )


async def sync_plan(s: AsyncSession, planned: list[Planned], now: datetime,
                    reason: str = "no longer in the content") -> int:
    """Make the table match the plan; only items not yet fired change. Returns changes made.

    An item whose content disappeared is cancelled; one whose time moved is moved. Items that
    fired (sending, done, missed) are history and stay as they are.
    """
    rows = {
        r.key: r for r in (await s.execute(
            select(ScheduledItem).where(ScheduledItem.kind.in_(CONTENT_KINDS))
        )).scalars()
    }
    changes = 0
    wanted = {p.key for p in planned}
    for p in planned:
        row = rows.get(p.key)
        if row is None:
            s.add(ScheduledItem(key=p.key, kind=p.kind, due_at=p.due_at, audience=p.audience,
                                payload=p.payload, status="scheduled", created_at=now,
                                total=0))
            changes += 1
        elif row.status in ("scheduled", "cancelled") and (
            row.due_at != p.due_at or row.payload != p.payload or row.status == "cancelled"
            or row.audience != p.audience
        ):
            row.due_at, row.payload, row.status, row.note = p.due_at, p.payload, "scheduled", None
            row.audience = p.audience
            changes += 1
    for key, row in rows.items():
        if key not in wanted and row.status == "scheduled":
            row.status, row.note = "cancelled", reason
            changes += 1
    return changes


class SqlSchedule:
    """The broadcaster's ScheduleStore: each call one transaction."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.sessions = sessions

    async def take_over(self, planned: list[Planned], now: datetime,
                        stale_before: datetime | None, worker: str,
                        reason: str = "no longer in the content") -> tuple[int, int, int]:
        async with self.sessions() as s, s.begin():
            changes = await sync_plan(s, planned, now, reason)
            back, stale = await sweep(s, stale_before, worker)
        return changes, back, stale

    async def sweep(self, stale_before: datetime | None, worker: str) -> tuple[int, int]:
        async with self.sessions() as s, s.begin():
            return await sweep(s, stale_before, worker)

    async def scheduled(self) -> list[tuple[int, datetime, str]]:
        async with self.sessions() as s:
            return [(item_id, due_at, kind) for item_id, due_at, kind in await s.execute(
                select(ScheduledItem.id, ScheduledItem.due_at, ScheduledItem.kind)
                .where(ScheduledItem.status == "scheduled")
            )]

    async def fire(self, item_id: int, now: datetime, grace: timedelta, locale: str,
                   channels: set[str]) -> Fired | None:
        async with self.sessions() as s, s.begin():
            q = select(ScheduledItem).where(ScheduledItem.id == item_id)
            if s.get_bind().dialect.name == "postgresql":
                q = q.with_for_update()  # another process may be firing it right now
            await write_lock_first(s)  # or cancelling it
            item = (await s.execute(q)).scalar_one_or_none()
            if item is None or item.status != "scheduled" or item.due_at > now:
                return None
            skipped = 0
            if now - item.due_at > grace:
                item.status, item.finished_at = "missed", now
                item.note = f"{now - item.due_at} late, beyond the grace of {grace}"
            else:
                item.total = await fill(s, item.id, item.audience, locale,
                                        users_of(item.payload))
                skipped = await skip_unsent_channels(s, item.id, channels)
                item.status = "sending" if item.total else "done"
                item.fired_at = now
                if not item.total:
                    item.finished_at = now
            return Fired(item.key, item.status == "missed", item.note, item.total, skipped,
                         (item.creator_channel, item.creator_external_id))

    async def locale_of(self, channel: str, external_id: str) -> str | None:
        async with self.sessions() as s:
            return (await s.execute(
                select(User.locale).where(User.channel == channel,
                                          User.external_id == external_id)
            )).scalar_one_or_none()

    async def set_progress_ref(self, item_id: int, ref: str) -> None:
        async with self.sessions() as s, s.begin():
            item = await s.get(ScheduledItem, item_id)
            if item is not None:
                item.progress_ref = ref

    async def sending(self) -> list[Sending]:
        async with self.sessions() as s:
            items = list((await s.execute(
                select(ScheduledItem).where(ScheduledItem.status == "sending")
            )).scalars())
            counts = await outbox_counts(s, [i.id for i in items])
            return [Sending(i.id, i.total, i.fired_at,
                            (i.creator_channel, i.creator_external_id), i.progress_ref,
                            counts[i.id]) for i in items]

    async def finish(self, item_id: int, now: datetime) -> bool:
        async with self.sessions() as s, s.begin():
            row = await s.get(ScheduledItem, item_id)
            if row is None or row.status != "sending":
                return False
            row.status, row.finished_at = "done", now
            return True
