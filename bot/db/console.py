"""The organizers' web console on SQL: sign-in links, browser sessions, the audit log and the
figures its pages show.

Secrets (link tokens, session ids) are random (`secrets`, 256 bits) and kept as their SHA-256
only. Their clocks are real time: a link's 10 minutes and a session's 12 hours are about people,
not about the simulated week the bot may be running in.
"""

from __future__ import annotations

import hashlib
import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import and_, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.broadcast import outbox_counts
from bot.db.models import (
    AuditEntry,
    CitizenQuestion,
    LoginToken,
    MessageLog,
    OutboxRow,
    ScheduledItem,
    Subscription,
    User,
    WebSession,
)
from handlers.broadcast_types import AnnouncementButton, AnnouncementInfo, stored_buttons
from handlers.features.console import LINK_MINUTES

LINK_TTL = timedelta(minutes=LINK_MINUTES)
SESSION_TTL = timedelta(hours=12)
# Expired links and sessions are deleted when new ones are made, after this much longer (a
# refused old link can still be told apart from a mistyped one for a day).
KEEP_EXPIRED = timedelta(days=1)


def real_now() -> datetime:
    return datetime.now(UTC)


def digest(secret: str) -> str:
    """What the database keeps of a token or session id."""
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class Identity:
    """An organizer: a platform identity listed in [organizers]."""

    channel: str
    external_id: str


# ---- one-time sign-in links ---------------------------------------------------------------------


async def issue_token(s: AsyncSession, who: Identity, now: datetime) -> str:
    """A new single-use sign-in token for `who`, valid LINK_TTL from `now` (real time)."""
    await s.execute(delete(LoginToken).where(LoginToken.expires_at < now - KEEP_EXPIRED))
    token = secrets.token_urlsafe(32)
    s.add(LoginToken(token_hash=digest(token), channel=who.channel, external_id=who.external_id,
                     created_at=now, expires_at=now + LINK_TTL))
    await s.flush()
    return token


async def token_usable(s: AsyncSession, token: str, now: datetime) -> bool:
    """The token exists, is unused and unexpired (the page before signing in)."""
    row = await s.get(LoginToken, digest(token))
    return row is not None and row.used_at is None and row.expires_at > now


async def redeem_token(s: AsyncSession, token: str, now: datetime) -> Identity | None:
    """Spend the token: its organizer, or None if unknown, used or expired.

    One UPDATE marks it used only if it is still unused and unexpired, so two browsers racing
    with the same link cannot both get in.
    """
    row = (await s.execute(
        update(LoginToken)
        .where(LoginToken.token_hash == digest(token), LoginToken.used_at.is_(None),
               LoginToken.expires_at > now)
        .values(used_at=now)
        .returning(LoginToken.channel, LoginToken.external_id))).first()
    return Identity(row.channel, row.external_id) if row is not None else None


# ---- browser sessions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Session:
    """A signed-in organizer as a page sees them."""

    who: Identity
    csrf: str
    expires_at: datetime
    name: str | None  # their display name on the platform, if the bot has seen them
    locale: str | None


async def open_session(s: AsyncSession, who: Identity, now: datetime,
                       replacing: str | None = None) -> str:
    """A new session for `who`; returns its id (the cookie's value).

    The id is always new, never one the browser brought (no session fixation); a session the
    browser still held is ended.
    """
    await s.execute(delete(WebSession).where(WebSession.expires_at < now - KEEP_EXPIRED))
    if replacing:
        await close_session(s, replacing)
    session_id = secrets.token_urlsafe(32)
    s.add(WebSession(id_hash=digest(session_id), channel=who.channel,
                     external_id=who.external_id, csrf=secrets.token_urlsafe(32),
                     created_at=now, expires_at=now + SESSION_TTL))
    await s.flush()
    return session_id


async def find_session(s: AsyncSession, session_id: str, now: datetime) -> Session | None:
    """The live session with this id, with the organizer's name and language."""
    row = (await s.execute(
        select(WebSession, User.display_name, User.locale)
        .outerjoin(User, and_(User.channel == WebSession.channel,
                              User.external_id == WebSession.external_id))
        .where(WebSession.id_hash == digest(session_id), WebSession.expires_at > now))).first()
    if row is None:
        return None
    ws, name, locale = row
    return Session(Identity(ws.channel, ws.external_id), ws.csrf, ws.expires_at, name, locale)


async def close_session(s: AsyncSession, session_id: str) -> None:
    await s.execute(delete(WebSession).where(WebSession.id_hash == digest(session_id)))


# ---- the audit log ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Audited:
    at: datetime
    who: Identity
    name: str | None
    action: str
    detail: str


async def audit(s: AsyncSession, who: Identity, action: str, detail: str, at: datetime) -> None:
    """Record one organizer action (in the caller's transaction: it happened if this did)."""
    s.add(AuditEntry(at=at, channel=who.channel, external_id=who.external_id, action=action,
                     detail=detail[:500]))
    await s.flush()


async def audit_entries(s: AsyncSession, limit: int) -> list[Audited]:
    """The latest actions, newest first."""
    rows = await s.execute(
        select(AuditEntry, User.display_name)
        .outerjoin(User, and_(User.channel == AuditEntry.channel,
                              User.external_id == AuditEntry.external_id))
        .order_by(AuditEntry.id.desc()).limit(limit))
    return [Audited(a.at, Identity(a.channel, a.external_id), name, a.action, a.detail)
            for a, name in rows]


# ---- figures ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Overview:
    """The week now: citizens by channel, today's messages, subscribers, the outbox."""

    users: dict[str, int]
    messages_today: int
    subscribers: int
    outbox: dict[str, int]
    pending_announcements: int
    open_questions: int = 0  # citizens' questions not yet answered nor dismissed (the inbox)


async def overview(s: AsyncSession, day_start: datetime, day_end: datetime) -> Overview:
    users = dict((await s.execute(
        select(User.channel, func.count()).where(User.organizer.is_(False))
        .group_by(User.channel).order_by(User.channel))).all())
    messages = await s.scalar(select(func.count()).select_from(MessageLog).where(
        MessageLog.created_at >= day_start, MessageLog.created_at < day_end,
        MessageLog.organizer.is_(False)))
    subscribers = await s.scalar(select(func.count()).select_from(Subscription))
    outbox = dict((await s.execute(
        select(OutboxRow.status, func.count()).group_by(OutboxRow.status))).all())
    pending = await s.scalar(select(func.count()).select_from(ScheduledItem).where(
        ScheduledItem.kind == "announcement", ScheduledItem.status == "scheduled"))
    questions = await s.scalar(select(func.count()).select_from(CitizenQuestion).where(
        CitizenQuestion.answered_at.is_(None)))
    return Overview({k: int(v) for k, v in users.items()}, int(messages or 0),
                    int(subscribers or 0), {k: int(v) for k, v in outbox.items()},
                    int(pending or 0), int(questions or 0))


@dataclass(frozen=True)
class AnnouncementState:
    """One announcement with every outbox state counted, for its page and its progress bar."""

    info: AnnouncementInfo
    counts: Counter[str]
    created_at: datetime
    fired_at: datetime | None
    finished_at: datetime | None
    buttons: tuple[AnnouncementButton, ...] = ()

    @property
    def done(self) -> int:
        return sum(self.counts[k] for k in ("sent", "skipped", "failed", "uncertain"))


async def announcement(s: AsyncSession, item_id: int) -> AnnouncementState | None:
    item = await s.get(ScheduledItem, item_id)
    if item is None or item.kind != "announcement":
        return None
    counts = (await outbox_counts(s, [item.id]))[item.id]
    info = AnnouncementInfo(id=item.id, text=item.text or "", audience=item.audience,
                            due_at=item.due_at, status=item.status, total=item.total,
                            **AnnouncementInfo.counts(counts))
    return AnnouncementState(info, counts, item.created_at, item.fired_at, item.finished_at,
                             stored_buttons(item.payload))


async def delivery_reasons(s: AsyncSession, item_id: int) -> list[tuple[str, str, int]]:
    """(status, reason, messages) of an item's rows that were not simply sent."""
    rows = await s.execute(
        select(OutboxRow.status, func.coalesce(OutboxRow.reason, ""), func.count())
        .where(OutboxRow.item_id == item_id, OutboxRow.status != "sent")
        .group_by(OutboxRow.status, OutboxRow.reason)
        .order_by(func.count().desc()))
    return [(status, reason, int(n)) for status, reason, n in rows]
