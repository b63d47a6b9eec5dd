"""The outbox on SQL: the rows of scheduler.outbox's states, claimed, marked, recorded, swept.

The rules (which outcome becomes which status, the states and their order) are the
scheduler's; these are its statements, each function taking the caller's session, and
`SqlOutbox`, the deliverer's `OutboxStore`, one transaction a call.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import aliased

from bot.db.broadcast import audience_query
from bot.db.models import OutboxRow, ScheduledItem, User
from bot.db.repo import dialect_insert
from scheduler.messages import ItemView
from scheduler.outbox import OPEN, Claimed, real_now


async def fill(s: AsyncSession, item_id: int, audience: str, default_locale: str,
               users: Sequence[int] = ()) -> int:
    """Write one pending row per recipient of the item (again: nothing new). Returns the total.

    `users`: the recipients of the audience "users" (an organizers' answer)."""
    q = audience_query(audience, default_locale, literal(item_id), literal("pending"),
                       literal(0), users=users)
    await s.execute(
        dialect_insert(s)(OutboxRow)
        .from_select(["user_id", "channel", "external_id", "locale", "item_id", "status",
                      "attempts"], q)
        .on_conflict_do_nothing(index_elements=["item_id", "user_id"])
    )
    total = await s.execute(select(func.count()).where(OutboxRow.item_id == item_id))
    return int(total.scalar_one())


async def skip_unsent_channels(s: AsyncSession, item_id: int, channels: set[str]) -> int:
    """Rows of the item for a channel no deliverer sends on become `skipped`; returns how many.

    The console has no sender, and a platform may be switched off after users subscribed on
    it: left pending, their rows would keep the item "sending" for ever.
    """
    result = await s.execute(
        update(OutboxRow)
        .where(OutboxRow.item_id == item_id, OutboxRow.status == "pending",
               OutboxRow.channel.not_in(sorted(channels)))
        .values(status="skipped", reason="no running channel sends to this platform")
        .returning(OutboxRow.id)
    )
    return len(result.all())


async def claim(s: AsyncSession, channel: str, worker: str, limit: int, interval: float
                ) -> list[Claimed]:
    """Reserve up to `limit` pending rows of `channel` for `worker` (`claimed`, not yet sent).

    Only a recipient's first open row is claimable: a later one waits while an earlier one is
    pending (set aside for the chat's interval, retried after a 429), claimed or sending, so a
    chat gets its messages in queue order whatever their `not_before` and whoever holds the
    earlier one. (Rows set aside came back at times computed apart, and a batch claimed ahead
    took a chat's later row while its earlier one waited with its batch: under load an
    announcement fired with the digest reached a chat before it.)

    FOR UPDATE SKIP LOCKED lets several processes claim from one table without ever taking the
    same row (PostgreSQL); SQLite ignores it and runs one process. A row another process is
    claiming is still open in this one's snapshot: its recipient's later rows are skipped too.

    Nor is a row claimable within `interval` seconds (the chat's) of its recipient's last
    answer (`answered_at`): a deliverer spaces its own sends in memory, and without this the
    process next to it could send the chat's next message as soon as the first was recorded.
    Skipped rows are left as they are; the deliverer's next poll finds them due, as it finds a
    `not_before` passed.
    """
    now = real_now()
    earlier = aliased(OutboxRow)
    ahead = select(earlier.id).where(earlier.user_id == OutboxRow.user_id,
                                     earlier.status.in_(OPEN), earlier.id < OutboxRow.id)
    conditions = [OutboxRow.channel == channel, OutboxRow.status == "pending",
                  (OutboxRow.not_before.is_(None)) | (OutboxRow.not_before <= now),
                  ~ahead.exists()]
    if interval > 0:
        answered = aliased(OutboxRow)
        conditions.append(~select(answered.id).where(
            answered.user_id == OutboxRow.user_id,
            answered.answered_at > now - timedelta(seconds=interval)).exists())
    q = (
        select(OutboxRow.id, OutboxRow.item_id, OutboxRow.external_id, OutboxRow.locale,
               OutboxRow.attempts)
        .where(*conditions)
        .order_by(OutboxRow.id)
        .limit(limit)
        .with_for_update(skip_locked=True, of=OutboxRow)
    )
    rows = [Claimed(r.id, r.item_id, r.external_id, r.locale, r.attempts + 1)
            for r in await s.execute(q)]
    if rows:
        await s.execute(
            update(OutboxRow).where(OutboxRow.id.in_([r.id for r in rows]))
            .values(status="claimed", claimed_by=worker, claimed_at=now,
                    attempts=OutboxRow.attempts + 1)
        )
    return rows


async def mark_sending(s: AsyncSession, ids: list[int], worker: str) -> set[int]:
    """The requests of these rows are about to leave: mark them `sending`.

    Only rows still claimed by `worker` are marked (and returned): a row that a sweep gave back
    to the queue meanwhile (its claim looked stale) may be someone else's now, and is not sent.
    """
    if not ids:
        return set()
    result = await s.execute(
        update(OutboxRow)
        .where(OutboxRow.id.in_(ids), OutboxRow.status == "claimed",
               OutboxRow.claimed_by == worker)
        .values(status="sending", claimed_at=real_now())
        .returning(OutboxRow.id)
    )
    return {row_id for (row_id,) in result}


async def record(s: AsyncSession, values: list[dict[str, Any]]) -> None:
    """Store outcomes (bulk UPDATE by primary key); a user who blocked the bot is deactivated
    in the same transaction."""
    if values:
        keys = ("status", "reason", "sent_at", "not_before", "answered_at")
        rows = [{"id": v["id"], **{k: v.get(k) for k in keys}} for v in values]
        await s.execute(update(OutboxRow), rows)
        blocked = [v["id"] for v in values if v.get("blocked")]
        if blocked:
            await s.execute(
                update(User).where(User.id.in_(
                    select(OutboxRow.user_id).where(OutboxRow.id.in_(blocked))))
                .values(active=False))


async def release(s: AsyncSession, ids: list[int], not_before: datetime) -> None:
    """Put claimed rows back untouched (their chat must wait a little)."""
    if ids:
        await s.execute(
            update(OutboxRow).where(OutboxRow.id.in_(ids), OutboxRow.status == "claimed")
            .values(status="pending", not_before=not_before,
                    attempts=OutboxRow.attempts - 1)
        )


async def release_unsent(s: AsyncSession, channel: str, worker: str) -> int:
    """`worker` has no request of `channel` in flight: its rows still `claimed` or `sending`
    were never handed to the platform, and go back to the queue. Returns how many."""
    result = await s.execute(
        update(OutboxRow)
        .where(OutboxRow.channel == channel, OutboxRow.claimed_by == worker,
               OutboxRow.status.in_(("claimed", "sending")))
        .values(status="pending", attempts=OutboxRow.attempts - 1)
        .returning(OutboxRow.id)
    )
    return len(result.all())


async def sweep(s: AsyncSession, older_than: datetime | None, except_worker: str
                ) -> tuple[int, int]:
    """Settle the rows of processes that died: (back to pending, marked uncertain).

    Rows only `claimed` were never sent: back to the queue. Rows `sending` may have arrived:
    `uncertain`, never resent. `older_than` None takes every row (SQLite: one process); on
    PostgreSQL a claim older than that is taken for a dead process's (a live one that was that
    slow finds its rows gone when it marks them sending, and skips them). Rows of
    `except_worker` (this process) are its deliverers' to settle.
    """
    def stale(status: str) -> Any:
        q = update(OutboxRow).where(OutboxRow.status == status,
                                    OutboxRow.claimed_by.is_distinct_from(except_worker))
        return q if older_than is None else q.where(OutboxRow.claimed_at < older_than)

    back = await s.execute(
        stale("claimed").values(status="pending", attempts=OutboxRow.attempts - 1)
        .returning(OutboxRow.id))
    unsure = await s.execute(
        stale("sending")
        .values(status="uncertain", reason="interrupted while sending; may have arrived")
        .returning(OutboxRow.id)
    )
    return len(back.all()), len(unsure.all())


class SqlOutbox:
    """The deliverers' OutboxStore: each call one transaction."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.sessions = sessions

    async def claim(self, channel: str, worker: str, limit: int, interval: float
                    ) -> list[Claimed]:
        async with self.sessions() as s, s.begin():
            return await claim(s, channel, worker, limit, interval)

    async def mark_sending(self, ids: list[int], worker: str) -> set[int]:
        async with self.sessions() as s, s.begin():
            return await mark_sending(s, ids, worker)

    async def record(self, values: list[dict[str, Any]], later: list[int],
                     not_before: datetime) -> None:
        async with self.sessions() as s, s.begin():
            await record(s, values)
            await release(s, later, not_before)

    async def release(self, ids: list[int], not_before: datetime) -> None:
        async with self.sessions() as s, s.begin():
            await release(s, ids, not_before)

    async def release_unsent(self, channel: str, worker: str) -> int:
        async with self.sessions() as s, s.begin():
            return await release_unsent(s, channel, worker)

    async def items(self, ids: set[int]) -> list[ItemView]:
        async with self.sessions() as s:
            return [ItemView(item.id, item.kind, item.text, dict(item.payload))
                    for item in (await s.execute(
                        select(ScheduledItem).where(ScheduledItem.id.in_(ids))
                    )).scalars()]
