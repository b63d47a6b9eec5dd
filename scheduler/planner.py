"""Plan the week's reminders from content; planning again changes nothing unless content did."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any

from content import Edition
from content.model import Event
from scheduler.settings import BroadcastSettings

# The kinds of item planned from content (an announcement is written by an organizer).
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
