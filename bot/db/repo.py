"""Repositories: plain functions taking the update's session."""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import String, bindparam, delete, exists, func, insert, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import journal
from bot.db.models import (
    Choice,
    CitizenQuestion,
    ContestParticipant,
    ConversationState,
    MessageLog,
    OutboxRow,
    ProcessedUpdate,
    Subscription,
    User,
)
from bot.db.questions import forget_wording
from handlers.privacy_types import PersonalData
from handlers.text import clean
from handlers.types import FlowState

ERASED = "erased"  # the platform id of a user who deleted their data, and of their outbox rows


@functools.cache
def _insert_of(dialect: str) -> Callable[..., Any]:
    # Imported on first use: the PostgreSQL dialect costs ~0.1 s of a SQLite chat's start.
    return importlib.import_module(f"sqlalchemy.dialects.{dialect}").insert


def dialect_insert(s: AsyncSession) -> Callable[..., Any]:
    """The dialect's INSERT, which knows ON CONFLICT."""
    return _insert_of(s.get_bind().dialect.name)


# The statements every update runs, built once: Core statements on the tables (no ORM unit of
# work), executed on the session's connection, so SQLAlchemy compiles each once per dialect
# (its compiled cache keys on a cache key memoized on the statement object).
_tables = User.metadata.tables
_users = _tables["users"].c
_state = _tables["conversation_state"].c
# A user's touch, run once for all the users of a batch (an executemany).
_SEEN_MANY = (
    update(_tables["users"])
    .where(_users.channel == bindparam("p_channel"),
           _users.external_id == bindparam("p_external_id"))
    # An empty or absent display name keeps the one stored.
    .values(last_seen=bindparam("p_now"), active=True,
            display_name=func.coalesce(func.nullif(bindparam("p_name", type_=String()), ""),
                                       _users.display_name))
)
# The same touch for one update, returning what the core needs of the user.
_SEEN = _SEEN_MANY.returning(_users.id, _users.locale,
                             exists().where(_state.user_id == _users.id), _users.district)
# A batch's users and their open flows in one query. FOR UPDATE OF users (PostgreSQL; SQLite
# has one writer anyway): the rows stay as read until the batch commits.
_FIND = (
    select(_users.id, _users.channel, _users.external_id, _users.locale, _users.district,
           _state.flow, _state.step, _state.data)
    .outerjoin(_tables["conversation_state"], _state.user_id == _users.id)
    .where(tuple_(_users.channel, _users.external_id).in_(bindparam("p_pairs", expanding=True)))
    .with_for_update(of=_tables["users"])
)
_LOG = insert(_tables["message_log"]).inline().values(  # inline: no new id fetched back
    user_id=bindparam("p_user_id"), channel=bindparam("p_channel"),
    feature=bindparam("p_feature"),
    created_at=bindparam("p_now"), organizer=bindparam("p_organizer"))


# Platform names can be longer than the column (Telegram: first + last name, 64 + 1 + 64):
# stored cut to what it holds, so a long name never makes the update fail.
NAME_MAX = int(getattr(_users.display_name.type, "length", None) or 128)


@functools.cache
def _claim(dialect: str) -> Any:
    return (_insert_of(dialect)(_tables["processed_updates"])
            .values(channel=bindparam("p_channel"), update_key=bindparam("p_key"),
                    processed_at=bindparam("p_now"))
            .on_conflict_do_nothing()
            .returning(_tables["processed_updates"].c.channel,
                       _tables["processed_updates"].c.update_key))


# ON CONFLICT DO NOTHING: two first messages of one user may arrive at once.
@functools.cache
def _create(dialect: str) -> Any:
    return (_insert_of(dialect)(_tables["users"])
            .values(channel=bindparam("p_channel"), external_id=bindparam("p_external_id"),
                    display_name=bindparam("p_name"), first_seen=bindparam("p_now"),
                    last_seen=bindparam("p_now"), active=True,
                    organizer=bindparam("p_organizer"))
            .on_conflict_do_nothing(index_elements=["channel", "external_id"])
            .returning(_users.id, _users.channel, _users.external_id))


@functools.cache
def _pg_batch() -> tuple[Any, Any, Any]:
    """PostgreSQL's claim, find and log for a batch, on arrays (unnest): one text whatever the
    batch's size, so asyncpg prepares each once per connection (a multi-row VALUES would be a
    new statement, prepared again, for each size)."""
    from sqlalchemy import JSON, BigInteger, Boolean, DateTime, text
    from sqlalchemy.dialects.postgresql import ARRAY

    def arrays(**types: Any) -> list[Any]:
        return [bindparam(name, type_=ARRAY(t)) for name, t in types.items()]

    claim = text(
        "INSERT INTO processed_updates (channel, update_key, processed_at) "
        "SELECT * FROM unnest(:channels, :keys, :nows) "
        "ON CONFLICT DO NOTHING RETURNING channel, update_key",
    ).bindparams(*arrays(channels=String(), keys=String(), nows=DateTime()))
    find = text(
        "SELECT u.id, u.channel, u.external_id, u.locale, u.district, s.flow, s.step, s.data "
        "FROM users u LEFT JOIN conversation_state s ON s.user_id = u.id "
        "WHERE (u.channel, u.external_id) IN (SELECT * FROM unnest(:channels, :ids)) "
        "FOR UPDATE OF u",
    ).bindparams(*arrays(channels=String(), ids=String())).columns(data=JSON)
    log = text(
        "INSERT INTO message_log (user_id, channel, feature, created_at, organizer) "
        "SELECT * FROM unnest(:users, :channels, :features, :nows, :organizers)",
    ).bindparams(*arrays(users=BigInteger(), channels=String(), features=String(),
                         nows=DateTime(), organizers=Boolean()))
    return claim, find, log


def _naive_utc(moment: datetime) -> datetime:
    """What UtcDateTime stores (the array statements bypass its conversion)."""
    return moment.astimezone(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class SeenUser:
    """The update's user as touch_user found it."""

    id: int
    channel: str
    external_id: str
    locale: str | None
    has_state: bool  # a conversation_state row exists: get_state is worth a query
    district: str | None = None  # the quận/huyện they chose (/quan, contest registration)


async def claim_update(s: AsyncSession, channel: str, key: str, now: datetime) -> bool:
    """Record that update `key` of `channel` is being applied; False if it already was."""
    conn = await s.connection()
    result = await conn.execute(_claim(conn.dialect.name),
                                {"p_channel": channel, "p_key": key, "p_now": now})
    return result.first() is not None


def _name(display_name: str | None) -> str | None:
    """A platform's display name as stored: cleaned like a message (no lone surrogate, which
    the database refuses, no control or bidi character), at most NAME_MAX characters."""
    return clean(display_name)[:NAME_MAX] if display_name else display_name


async def touch_user(
    s: AsyncSession, channel: str, external_id: str, display_name: str | None, now: datetime,
    organizer: bool = False,
) -> tuple[SeenUser, bool]:
    """Get or create the user (channel, external_id) and mark them seen; True if new.

    `organizer` is recorded only when the user is created (an organizer when first seen).
    """
    conn = await s.connection()
    name = _name(display_name)
    params = {"p_channel": channel, "p_external_id": external_id, "p_name": name,
              "p_now": now, "p_organizer": organizer}
    while True:
        row = (await conn.execute(_SEEN, params)).first()
        if row is not None:
            return SeenUser(row[0], channel, external_id, row[1], bool(row[2]), row[3]), False
        created = (await conn.execute(_create(conn.dialect.name), params)).first()
        if created is not None:
            return SeenUser(created[0], channel, external_id, None, False), True
        # Lost the race to a concurrent first message: the row exists now, mark it seen.


async def claim_updates(s: AsyncSession, keys: list[tuple[str, str, datetime]]
                        ) -> set[tuple[str, str]]:
    """Claim many (channel, key, now) at once, in one statement; return those newly claimed.

    The keys must be distinct.
    """
    if not keys:
        return set()
    conn = await s.connection()
    if conn.dialect.name == "postgresql":
        result = await conn.execute(_pg_batch()[0], {
            "channels": [k[0] for k in keys], "keys": [k[1] for k in keys],
            "nows": [_naive_utc(k[2]) for k in keys]})
    else:
        result = await conn.execute(_claim(conn.dialect.name), [
            {"p_channel": channel, "p_key": key, "p_now": now} for channel, key, now in keys])
    return {(row[0], row[1]) for row in result}


@dataclass(frozen=True)
class Arrival:
    """A user writing in a batch: who, the name the platform gave, when, an organizer?"""

    channel: str
    external_id: str
    display_name: str | None
    now: datetime
    organizer: bool = False


@dataclass(frozen=True)
class Seen:
    """What touch_users found or made for one user of a batch."""

    user: SeenUser
    is_new: bool
    state: FlowState | None


async def touch_users(s: AsyncSession, arrivals: list[Arrival]
                      ) -> dict[tuple[str, str], Seen]:
    """touch_user for many distinct users at once: one query, one executemany, and one
    insert for those never seen; keyed by (channel, external_id)."""
    if not arrivals:
        return {}
    if len(arrivals) == 1:  # one statement (UPDATE … RETURNING) rather than two
        a = arrivals[0]
        user, is_new = await touch_user(s, a.channel, a.external_id, a.display_name, a.now,
                                        a.organizer)
        state = await get_state(s, user.id) if user.has_state else None
        return {(a.channel, a.external_id): Seen(user, is_new, state)}
    conn = await s.connection()
    found: dict[tuple[str, str], Seen] = {}
    wanted = {(a.channel, a.external_id): a for a in arrivals}
    params = [{"p_channel": a.channel, "p_external_id": a.external_id,
               "p_name": _name(a.display_name),
               "p_now": a.now, "p_organizer": a.organizer} for a in arrivals]
    while True:
        missing = [pair for pair in wanted if pair not in found]
        if conn.dialect.name == "postgresql":
            rows = (await conn.execute(_pg_batch()[1], {
                "channels": [m[0] for m in missing], "ids": [m[1] for m in missing]})).all()
        else:
            rows = (await conn.execute(_FIND, {"p_pairs": missing})).all()
        for row in rows:
            state = FlowState(row[5], row[6], dict(row[7])) if row[5] is not None else None
            found[(row[1], row[2])] = Seen(SeenUser(row[0], row[1], row[2], row[3],
                                                    state is not None, row[4]), False, state)
        if rows:
            seen = {(row[1], row[2]) for row in rows}
            await conn.execute(_SEEN_MANY, [p for p in params
                                            if (p["p_channel"], p["p_external_id"]) in seen])
        new = [p for p in params if (p["p_channel"], p["p_external_id"]) not in found]
        if not new:
            return found
        created = await conn.execute(_create(conn.dialect.name), new)
        for row in created:
            found[(row[1], row[2])] = Seen(SeenUser(row[0], row[1], row[2], None, False), True,
                                           None)
        if len(found) == len(wanted):
            return found
        # Lost a race to a concurrent first message: those rows exist now, read them again.


async def log_messages(s: AsyncSession, rows: list[tuple[int, str, str, datetime, bool]]
                       ) -> None:
    """log_message for many (user_id, channel, feature, now, organizer) at once."""
    if not rows:
        return
    conn = await s.connection()
    if conn.dialect.name == "postgresql":
        await conn.execute(_pg_batch()[2], {
            "users": [r[0] for r in rows], "channels": [r[1] for r in rows],
            "features": [r[2] for r in rows], "nows": [_naive_utc(r[3]) for r in rows],
            "organizers": [r[4] for r in rows]})
        return
    await conn.execute(_LOG, [{"p_user_id": u, "p_channel": c, "p_feature": f, "p_now": n,
                               "p_organizer": o} for u, c, f, n, o in rows])


async def log_message(s: AsyncSession, user_id: int | None, channel: str, feature: str,
                      now: datetime, organizer: bool = False) -> None:
    """Count one handled message; `organizer`: an organizer's, left out of the report."""
    conn = await s.connection()
    await conn.execute(_LOG, {"p_user_id": user_id, "p_channel": channel, "p_feature": feature,
                              "p_now": now, "p_organizer": organizer})


async def get_state(s: AsyncSession, user_id: int) -> FlowState | None:
    row = await s.get(ConversationState, user_id)
    return FlowState(row.flow, row.step, dict(row.data)) if row is not None else None


async def set_state(s: AsyncSession, user_id: int, flow: str, step: str,
                    data: dict[str, Any], now: datetime) -> None:
    row = await s.get(ConversationState, user_id)
    if row is None:
        s.add(ConversationState(user_id=user_id, flow=flow, step=step, data=data,
                                updated_at=now))
    else:
        row.flow, row.step, row.data, row.updated_at = flow, step, data, now


async def clear_state(s: AsyncSession, user_id: int) -> None:
    await s.execute(delete(ConversationState).where(ConversationState.user_id == user_id))


async def set_locale(s: AsyncSession, user_id: int, locale: str) -> None:
    await s.execute(update(User).where(User.id == user_id).values(locale=locale))


async def set_district(s: AsyncSession, user_id: int, district: str | None) -> None:
    await s.execute(update(User).where(User.id == user_id).values(district=district))


async def mark_inactive(s: AsyncSession, channel: str, external_id: str) -> None:
    await s.execute(
        update(User)
        .where(User.channel == channel, User.external_id == external_id)
        .values(active=False)
    )


async def mark_active(s: AsyncSession, channel: str, external_id: str) -> None:
    await s.execute(
        update(User)
        .where(User.channel == channel, User.external_id == external_id)
        .values(active=True)
    )


async def followed_after(s: AsyncSession, channel: str, external_id: str,
                         sent_ms: int) -> bool:
    """Whether a follow event of the user sent after `sent_ms` was applied: its key is
    "follow:ID:MILLISECONDS" (bot.channels.zalo.webhook.narrow), kept as long as an event
    is accepted at all (its age limit)."""
    prefix = f"follow:{external_id}:"
    keys = await s.scalars(select(ProcessedUpdate.update_key).where(
        ProcessedUpdate.channel == channel,
        ProcessedUpdate.update_key.startswith(prefix, autoescape=True)))
    return any(int(stamp) > sent_ms for key in keys
               if (stamp := key[len(prefix):]).isdigit())


async def personal_data(s: AsyncSession, user_id: int) -> PersonalData:
    """What the bot holds about the user, to tell them before they delete it."""
    contest = await s.scalar(select(func.count()).select_from(ContestParticipant)
                             .where(ContestParticipant.user_id == user_id))
    subscribed = await s.get(Subscription, user_id) is not None
    messages = await s.scalar(select(func.count()).select_from(MessageLog)
                              .where(MessageLog.user_id == user_id))
    questions = await s.scalar(select(func.count()).select_from(CitizenQuestion)
                               .where(CitizenQuestion.user_id == user_id))
    return PersonalData(bool(contest), subscribed, int(messages or 0), int(questions or 0))


async def erase_user(s: AsyncSession, user_id: int) -> PersonalData:
    """Delete the user's personal data (the law edition.toml [privacy] names); return what was
    there.

    The contest result stays anonymised (district and scores, no name, phone, unit or user) so
    the statistics stay right. The user row stays too, anonymised, so the count of users per
    channel and day does not change; its platform id becomes "erased:<id>", so the same account
    writing again is a new user. Outbox rows keep their delivery status for the report but lose
    the platform id, and those not yet sent are skipped. The questions kept for the organizers
    go (their words may name the user).
    """
    user = await s.get_one(User, user_id)
    held = await personal_data(s, user.id)
    await s.execute(
        update(ContestParticipant).where(ContestParticipant.user_id == user.id)
        .values(full_name=None, phone=None, unit=None, user_id=None))
    await s.execute(delete(Subscription).where(Subscription.user_id == user.id))
    await s.execute(delete(MessageLog).where(MessageLog.user_id == user.id))
    await s.execute(delete(CitizenQuestion).where(CitizenQuestion.user_id == user.id))
    await forget_wording(s, user.id)
    await s.execute(delete(ConversationState).where(ConversationState.user_id == user.id))
    await s.execute(delete(Choice).where(Choice.channel == user.channel,
                                         Choice.external_id == user.external_id))
    await s.execute(
        update(OutboxRow).where(OutboxRow.user_id == user.id, OutboxRow.status == "pending")
        .values(status="skipped", reason="erased"))
    await s.execute(update(OutboxRow).where(OutboxRow.user_id == user.id)
                    .values(external_id=ERASED))
    user.external_id = f"{ERASED}:{user.id}"
    user.display_name = None
    user.locale = None
    user.district = None
    user.active = False
    await s.flush()
    return held


async def prune_updates(s: AsyncSession, before: datetime) -> int:
    """Forget the keys of updates applied before `before`; returns how many went."""
    # A batch still journaled is applied again at the next start: the claims of its updates
    # must outlive it, or an update applied before a crash would be applied twice.
    journaled = await journal.oldest(s)
    if journaled is not None:
        before = min(before, journaled)
    table = _tables["processed_updates"]
    result = await s.execute(delete(table).where(table.c.processed_at < before))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
