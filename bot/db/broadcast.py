"""Subscriptions, announcements and audiences on SQL: used by the chat core and the CLI."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, delete, func, literal, select, update
from sqlalchemy import text as sql
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import ContestParticipant, OutboxRow, ScheduledItem, Subscription, User
from bot.db.questions import ANSWER_KIND, users_of
from bot.db.repo import dialect_insert
from handlers.broadcast_types import (
    AnnouncementButton,
    AnnouncementInfo,
    ItemView,
    buttons_payload,
)
from handlers.features.bulletin import SENT


def audience_query(audience: str, default_locale: str, *extra: Any,
                   users: Sequence[int] = ()) -> Select[Any]:
    """(user id, channel, external id, locale) of everyone `audience` names, active users only.

    all / channel:NAME: subscribers. contest / district:NAME: contest participants (not
    voided); they registered for the contest, so its announcements reach them unsubscribed.
    home:NAME: subscribers who live in quận/huyện NAME (/quan or their registration);
    home-except:A|B: subscribers who live in none of them, or chose no district (the city's
    digest on a day when A and B get their own). users: exactly `users` (the citizens an
    organizers' answer goes to, listed in its payload), subscribed or not: they asked.
    """
    kind, _sep, name = audience.partition(":")
    cols = (User.id, User.channel, User.external_id,
            func.coalesce(User.locale, literal(default_locale)), *extra)
    if kind == "users":
        q = select(*cols).where(User.id.in_(list(users)))
    elif kind in ("contest", "district"):
        q = (select(*cols).join(ContestParticipant, ContestParticipant.user_id == User.id)
             .where(ContestParticipant.voided.is_(False)))
        if kind == "district":
            q = q.where(ContestParticipant.district == name)
    else:
        q = select(*cols).join(Subscription, Subscription.user_id == User.id)
        if kind == "channel":
            q = q.where(User.channel == name)
        elif kind == "home":
            q = q.where(User.district == name)
        elif kind == "home-except":
            q = q.where(User.district.is_(None) | User.district.not_in(name.split("|")))
    return q.where(User.active.is_(True))


async def audience_size(s: AsyncSession, audience: str) -> int:
    sub = audience_query(audience, "vi").subquery()
    return int((await s.execute(select(func.count()).select_from(sub))).scalar_one())


async def create_announcement(s: AsyncSession, text: str, audience: str, due_at: datetime,
                              now: datetime, creator: tuple[str, str] | None,
                              buttons: Sequence[AnnouncementButton] = ()) -> int:
    """Store an announcement (its buttons in the payload); the running bot picks it up at its
    next poll."""
    item = ScheduledItem(
        key=f"announce:{uuid.uuid4().hex}", kind="announcement", due_at=due_at,
        audience=audience, text=text, payload=buttons_payload(buttons), status="scheduled",
        created_at=now, total=0,
        creator_channel=creator[0] if creator else None,
        creator_external_id=creator[1] if creator else None,
    )
    s.add(item)
    await s.flush()
    return item.id


# pg_advisory_xact_lock key of the twin check: "hoctap" + 7 (bot.db.leases takes + 6).
TWIN_LOCK = 0x686F637461700007


async def _one_creator_at_a_time(s: AsyncSession) -> None:
    """Hold, until the transaction ends, the lock that orders announcement creations: a twin
    check and the insert after it are then one step. Without it two copies of a form sent at
    once (a double click, a submit retried by the browser, two organizers) each found no twin
    and each was sent to every recipient."""
    if s.get_bind().dialect.name == "postgresql":
        await s.execute(sql("SELECT pg_advisory_xact_lock(:k)"), {"k": TWIN_LOCK})
    else:
        await write_lock_first(s)


async def write_lock_first(s: AsyncSession) -> None:
    """SQLite: take the database's write lock now, with a write statement that changes no
    row, so that what the transaction reads next stays true until it commits. (SQLite reads
    outside any lock until a transaction's first write: a status read as "scheduled" may have
    changed by the time it is written.) PostgreSQL locks the rows read FOR UPDATE instead."""
    if s.get_bind().dialect.name == "sqlite":
        await s.execute(update(ScheduledItem).where(literal(False)).values(status="scheduled"))


async def pending_twin(s: AsyncSession, text: str, audience: str) -> tuple[int, datetime] | None:
    """(id, due) of an announcement with the same words for the same audience that has not
    gone out yet: a second one is a mistake (the command run twice, a form sent twice), and
    every recipient would read it twice. Creations are ordered from here to the end of the
    transaction, which must be the one that creates the announcement."""
    await _one_creator_at_a_time(s)
    words = " ".join(text.split())
    rows = await s.execute(
        select(ScheduledItem.id, ScheduledItem.due_at, ScheduledItem.text)
        .where(ScheduledItem.kind == "announcement", ScheduledItem.audience == audience,
               ScheduledItem.status.in_(("scheduled", "sending")))
        .order_by(ScheduledItem.id))
    return next(((i, due) for i, due, t in rows if " ".join((t or "").split()) == words), None)


async def sent_item(s: AsyncSession, item_id: int, user_id: int) -> ItemView | None:
    """A broadcast that went out, to show another of its pages to `user_id`; None for any
    other, and for an organizers' answer to someone else's question (it quotes their words)."""
    item = await s.get(ScheduledItem, item_id)
    if item is None or item.status not in SENT:
        return None
    if item.kind == ANSWER_KIND and user_id not in users_of(item.payload):
        return None
    return ItemView(item.id, item.kind, item.text, dict(item.payload))


async def outbox_counts(s: AsyncSession, item_ids: list[int]) -> dict[int, Counter[str]]:
    """Rows per status of each item."""
    out: dict[int, Counter[str]] = {i: Counter() for i in item_ids}
    if not item_ids:
        return out
    rows = await s.execute(
        select(OutboxRow.item_id, OutboxRow.status, func.count())
        .where(OutboxRow.item_id.in_(item_ids))
        .group_by(OutboxRow.item_id, OutboxRow.status)
    )
    for item_id, status, n in rows:
        out[item_id][status] = n
    return out


async def list_announcements(s: AsyncSession, limit: int) -> list[AnnouncementInfo]:
    """Newest first: pending ones and the sent ones with their figures."""
    items = list((await s.execute(
        select(ScheduledItem).where(ScheduledItem.kind == "announcement")
        .order_by(ScheduledItem.id.desc()).limit(limit)
    )).scalars())
    counts = await outbox_counts(s, [i.id for i in items])
    return [
        AnnouncementInfo(id=i.id, text=i.text or "", audience=i.audience, due_at=i.due_at,
                         status=i.status, total=i.total,
                         **AnnouncementInfo.counts(counts[i.id]))
        for i in items
    ]


async def cancel_announcement(s: AsyncSession, item_id: int) -> str:
    """Cancel a pending announcement: 'cancelled', 'not_found' or its current status."""
    q = select(ScheduledItem).where(ScheduledItem.id == item_id,
                                    ScheduledItem.kind == "announcement")
    # The leader may be firing it right now: a cancel told "cancelled" while its outbox
    # filled left an item that was sent to everyone and never finished.
    if s.get_bind().dialect.name == "postgresql":
        q = q.with_for_update()
    await write_lock_first(s)
    item = (await s.execute(q)).scalar_one_or_none()
    if item is None:
        return "not_found"
    if item.status != "scheduled":
        return item.status
    item.status = "cancelled"
    return "cancelled"


@dataclass
class SqlBroadcastStore:
    """The core's BroadcastStore, bound to one update's session and user."""

    session: AsyncSession
    user_id: int
    channel: str
    external_id: str
    now: datetime

    async def is_subscribed(self) -> bool:
        return await self.session.get(Subscription, self.user_id) is not None

    async def subscribe(self) -> bool:
        result = await self.session.execute(
            dialect_insert(self.session)(Subscription)
            .values(user_id=self.user_id, created_at=self.now)
            .on_conflict_do_nothing()
            .returning(Subscription.user_id)
        )
        return result.first() is not None

    async def unsubscribe(self) -> bool:
        result = await self.session.execute(
            delete(Subscription).where(Subscription.user_id == self.user_id)
            .returning(Subscription.user_id)
        )
        return result.first() is not None

    async def audience_size(self, audience: str) -> int:
        return await audience_size(self.session, audience)

    async def create_announcement(self, text: str, audience: str, due_at: datetime,
                                  buttons: Sequence[AnnouncementButton] = ()) -> int:
        return await create_announcement(self.session, text, audience, due_at, self.now,
                                         (self.channel, self.external_id), buttons)

    async def pending_twin(self, text: str, audience: str) -> tuple[int, datetime] | None:
        return await pending_twin(self.session, text, audience)

    async def item(self, item_id: int) -> ItemView | None:
        return await sent_item(self.session, item_id, self.user_id)

    async def received(self, limit: int) -> list[tuple[ItemView, datetime]]:
        rows = await self.session.execute(
            select(ScheduledItem, OutboxRow.sent_at)
            .join(OutboxRow, OutboxRow.item_id == ScheduledItem.id)
            .where(OutboxRow.user_id == self.user_id, OutboxRow.status == "sent",
                   OutboxRow.sent_at.is_not(None))
            .order_by(OutboxRow.sent_at.desc(), OutboxRow.id.desc()).limit(limit))
        return [(ItemView(item.id, item.kind, item.text, dict(item.payload)), sent_at)
                for item, sent_at in rows if sent_at is not None]

    async def announcements(self, limit: int) -> list[AnnouncementInfo]:
        return await list_announcements(self.session, limit)

    async def cancel_announcement(self, item_id: int) -> str:
        return await cancel_announcement(self.session, item_id)
