"""The report's figures, computed from the database for a period of local days."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.broadcast import outbox_counts
from bot.db.contest import entries as contest_entries
from bot.db.models import MessageLog, ScheduledItem, Subscription, User
from content import Edition
from handlers.contest_types import ContestFigures, contest_figures
from handlers.report_types import (
    BroadcastFigures,
    ChannelFigures,
    DayFigures,
    ReportFigures,
    TopEntry,
)

TOP = 20


def bounds(first: date, last: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The instants [start of `first`, start of the day after `last`) in `tz`."""
    return (datetime.combine(first, time(0), tzinfo=tz),
            datetime.combine(last + timedelta(days=1), time(0), tzinfo=tz))


def _label(item: ScheduledItem, edition: Edition) -> str:
    """What a reminder was about; an announcement is its own text."""
    if item.kind == "announcement":
        return item.text or ""
    if item.kind == "answer":
        return f"{item.kind}: {item.text or ''}"
    if item.kind == "digest":
        return f"{item.kind}: {item.payload.get('day', '')}"
    event_id = item.payload.get("event", "")
    event = next((e for e in edition.events if e.id == event_id), None)
    return f"{item.kind}: {event.title.vi if event else event_id}"


async def _usage(s: AsyncSession, start: datetime, end: datetime, tz: ZoneInfo,
                 days: list[date]) -> tuple[list[ChannelFigures], list[DayFigures],
                                            list[tuple[str, int]], int, int, int]:
    # Bucketed here rather than in SQL: local days need the time zone, which SQLite lacks;
    # a week of messages for one city is a few hundred thousand rows at most.
    # Citizens only: organizers' messages (and organizers first seen as such) were marked when
    # written, so a later change of [organizers] leaves these figures as they were.
    users = (await s.execute(select(User.channel, User.first_seen).where(
        User.first_seen >= start, User.first_seen < end, User.organizer.is_(False)))).all()
    logs = (await s.execute(select(MessageLog.user_id, MessageLog.channel, MessageLog.feature,
                                   MessageLog.created_at).where(
        MessageLog.created_at >= start, MessageLog.created_at < end,
        MessageLog.organizer.is_(False)))).all()
    new_by_channel = Counter(channel for channel, _ in users)
    new_by_day = Counter(seen.astimezone(tz).date() for _, seen in users)
    msgs_by_channel = Counter(channel for _, channel, _, _ in logs)
    msgs_by_day = Counter(at.astimezone(tz).date() for _, _, _, at in logs)
    active_by_channel: dict[str, set[int]] = defaultdict(set)
    active_by_day: dict[date, set[int]] = defaultdict(set)
    for user_id, channel, _, at in logs:
        if user_id is not None:
            active_by_channel[channel].add(user_id)
            active_by_day[at.astimezone(tz).date()].add(user_id)
    channels = [
        ChannelFigures(c, new_by_channel[c], len(active_by_channel[c]), msgs_by_channel[c])
        for c in sorted(set(new_by_channel) | set(msgs_by_channel),
                        key=lambda c: (-new_by_channel[c], -msgs_by_channel[c], c))
    ]
    per_day = [DayFigures(d, new_by_day[d], len(active_by_day[d]), msgs_by_day[d])
               for d in days]
    features = sorted(Counter(f for _, _, f, _ in logs).items(), key=lambda t: (-t[1], t[0]))
    active = len({u for u, _, _, _ in logs if u is not None})
    return channels, per_day, features, len(users), active, len(logs)


async def _contest(s: AsyncSession, start: datetime, end: datetime, questions: int
                   ) -> tuple[ContestFigures, list[tuple[int, int]], list[TopEntry]]:
    # The figures of /ketquathi too (handlers.contest_types.contest_figures), for the period:
    # people registered in it, not voided, with their best attempt finished in it.
    figures = contest_figures(await contest_entries(s, start, end))
    top = []
    for i, e in enumerate(figures.ranking[:TOP]):
        assert e.score is not None and e.total_ms is not None and e.finished_at is not None
        top.append(TopEntry(i + 1, e.participant_id, e.full_name, e.district, e.unit, e.score,
                            e.total_ms, e.finished_at))
    histogram = dict(figures.histogram)
    scale = max([questions, *histogram]) if histogram else questions
    distribution = [(k, histogram.get(k, 0)) for k in range(scale + 1)]
    return figures, distribution, top


async def _broadcasts(s: AsyncSession, start: datetime, end: datetime,
                      edition: Edition) -> tuple[list[BroadcastFigures], int]:
    when = func.coalesce(ScheduledItem.fired_at, ScheduledItem.due_at)
    items = (await s.execute(select(ScheduledItem).where(when >= start, when < end)
                             .order_by(when, ScheduledItem.id))).scalars().all()
    counts = await outbox_counts(s, [i.id for i in items])
    out = []
    for i in items:
        c = counts[i.id]
        duration = ((i.finished_at - i.fired_at).total_seconds()
                    if i.finished_at and i.fired_at else None)
        out.append(BroadcastFigures(
            id=i.id, kind=i.kind, label=_label(i, edition), audience=i.audience,
            due_at=i.due_at, status=i.status, total=i.total or sum(c.values()),
            duration_s=duration, **BroadcastFigures.counts(c)))
    subscribers = await s.scalar(select(func.count()).select_from(Subscription))
    return out, int(subscribers or 0)


async def collect(s: AsyncSession, edition: Edition, first: date, last: date) -> ReportFigures:
    """Every figure of the report for the local days first..last."""
    tz = edition.tz
    start, end = bounds(first, last, tz)
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    channels, per_day, features, new_users, active, messages = await _usage(
        s, start, end, tz, days)
    questions = edition.contest.questions_per_attempt
    contest, scores, top = await _contest(s, start, end, questions)
    broadcasts, subscribers = await _broadcasts(s, start, end, edition)
    return ReportFigures(
        first=first, last=last, new_users=new_users, active_users=active, messages=messages,
        channels=tuple(channels), days=tuple(per_day), features=tuple(features),
        participants=contest.participants, finished=contest.finished,
        average_score=contest.average_score, questions=questions,
        districts=contest.districts, scores=tuple(scores), top=tuple(top),
        broadcasts=tuple(broadcasts), subscribers=subscribers)
