"""Plan the week's reminders from content; planning again changes nothing unless content did."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import ScheduledItem
from bot.settings import BroadcastSettings
from content import Edition
from content.model import Event

CONTENT_KINDS = ("digest", "remind", "eve")


@dataclass(frozen=True)
class Planned:
    """One reminder the content asks for; `key` comes from content ids, so it is stable."""

    key: str
    kind: str
    due_at: datetime
    payload: dict[str, Any] = field(default_factory=dict)


def opening_event(edition: Edition) -> Event | None:
    """The opening ceremony: the event of the opening day whose activity is the opening."""
    day = edition.events_on(edition.opening)
    for event in day:
        if edition.opening_activity in (event.activity, event.id):
            return event
    return None


def plan(edition: Edition, settings: BroadcastSettings) -> list[Planned]:
    """Every reminder of the week, in order of time."""
    out: list[Planned] = []
    for day in edition.days():
        if edition.events_on(day):
            due = datetime.combine(day, time(settings.morning_hour), tzinfo=edition.tz)
            out.append(Planned(f"digest:{day.isoformat()}", "digest", due,
                               {"day": day.isoformat()}))
    for event in edition.events:
        if event.remind:
            due = event.start - timedelta(minutes=settings.remind_before)
            out.append(Planned(f"remind:{event.id}", "remind", due, {"event": event.id}))
    opening = opening_event(edition)
    if opening is not None:
        eve = opening.start.date() - timedelta(days=1)
        due = datetime.combine(eve, time(settings.evening_hour), tzinfo=edition.tz)
        out.append(Planned(f"eve:{opening.id}", "eve", due, {"event": opening.id}))
    out.sort(key=lambda p: (p.due_at, p.key))
    return out


async def sync_plan(s: AsyncSession, planned: list[Planned], now: datetime) -> int:
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
            s.add(ScheduledItem(key=p.key, kind=p.kind, due_at=p.due_at, audience="all",
                                payload=p.payload, status="scheduled", created_at=now,
                                total=0))
            changes += 1
        elif row.status in ("scheduled", "cancelled") and (
            row.due_at != p.due_at or row.payload != p.payload or row.status == "cancelled"
        ):
            row.due_at, row.payload, row.status, row.note = p.due_at, p.payload, "scheduled", None
            changes += 1
    for key, row in rows.items():
        if key not in wanted and row.status == "scheduled":
            row.status, row.note = "cancelled", "no longer in the content"
            changes += 1
    return changes
