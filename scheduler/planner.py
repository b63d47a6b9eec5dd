"""Plan the week's reminders from content; planning again changes nothing unless content did.

A schedule marked `sample = true` is never announced by itself: `plan` returns nothing for it
unless the demonstration setting ([bot] demo_sample_schedule) asks for it, and then every message
says it is a sample (scheduler/messages.py).

The city's events go to every subscriber; a quận/huyện's events only to the subscribers who
live there (users.district: /quan or their contest registration). On a day with such events the
morning digest is one item per district that has its own events (audience "home:NAME": the
city's events and that district's) and one for everyone else ("home-except:A|B").
"""

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
    audience: str = "all"


def opening_event(edition: Edition) -> Event | None:
    """The city's opening ceremony: the city event of the opening day whose activity is the
    opening (a quận/huyện's own opening is reminded to its citizens like any event)."""
    day = edition.events_on(edition.opening)
    for event in day:
        if edition.opening_activity in (event.activity, event.id):
            return event
    return None


def refuses(edition: Edition, demo: bool) -> bool:
    """True when nothing may be announced from the schedule: it is a sample, and no demo."""
    return edition.schedule_is_sample and not demo


def plan_reason(edition: Edition, demo: bool) -> str:
    """Why a planned item that left the plan was cancelled (shown by `schedule list`)."""
    if refuses(edition, demo):
        return "the schedule is a sample (schedule.toml sample = true)"
    return "no longer in the content"


def plan(edition: Edition, settings: BroadcastSettings, demo: bool = False) -> list[Planned]:
    """Every reminder of the week, in order of time; none from a sample schedule unless `demo`."""
    if refuses(edition, demo):
        return []
    out: list[Planned] = []
    for day in edition.days():
        events = edition.events_on(day, every_district=True)
        if not events:
            continue
        due = datetime.combine(day, time(settings.morning_hour), tzinfo=edition.tz)
        own = sorted({e.district for e in events if e.district}, key=edition.districts.index)
        if any(e.district is None for e in events):
            audience = "home-except:" + "|".join(own) if own else "all"
            out.append(Planned(f"digest:{day.isoformat()}", "digest", due,
                               {"day": day.isoformat()}, audience))
        for name in own:
            unit = next(u for u in edition.units if u.is_district and u.name.vi == name)
            out.append(Planned(f"digest:{day.isoformat()}:{unit.id}", "digest", due,
                               {"day": day.isoformat(), "district": name}, f"home:{name}"))
    for event in edition.events:
        if event.remind:
            due = event.start - timedelta(minutes=settings.remind_before)
            audience = f"home:{event.district}" if event.district else "all"
            out.append(Planned(f"remind:{event.id}", "remind", due, {"event": event.id},
                               audience))
    opening = opening_event(edition)
    if opening is not None:
        eve = opening.start.date() - timedelta(days=1)
        due = datetime.combine(eve, time(settings.evening_hour), tzinfo=edition.tz)
        out.append(Planned(f"eve:{opening.id}", "eve", due, {"event": opening.id}))
    out.sort(key=lambda p: (p.due_at, p.key))
    return out
