"""What the organizers' report and the contest's results export need from storage and from the
renderer: the figures, and the files built from them (bot/report implements it: the handlers
never build a workbook)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from content import Edition
from handlers.broadcast_types import DeliveryFigures
from handlers.contest_types import DistrictFigures, Results
from handlers.types import Attachment


@dataclass(frozen=True)
class ChannelFigures:
    """One channel: users first seen in the period, users who wrote in it, their messages."""

    channel: str
    new_users: int
    active_users: int
    messages: int


@dataclass(frozen=True)
class DayFigures:
    """One local day (Asia/Ho_Chi_Minh) of the period."""

    day: date
    new_users: int
    active_users: int
    messages: int


@dataclass(frozen=True)
class TopEntry:
    """A ranked participant; full_name is None once they erased their data."""

    rank: int
    participant_id: int
    full_name: str | None
    district: str
    unit: str | None
    score: int
    total_ms: int
    finished_at: datetime


@dataclass(frozen=True)
class BroadcastFigures(DeliveryFigures):
    """One announcement or reminder of the period and how its delivery went."""

    kind: str  # announcement, digest, remind, eve
    label: str  # the announcement's text, or what the reminder was about
    duration_s: float | None  # from firing to the last delivery


@dataclass(frozen=True)
class ReportFigures:
    """Every figure of the report, for the period first..last (local dates, inclusive)."""

    first: date
    last: date
    new_users: int
    active_users: int
    messages: int
    channels: tuple[ChannelFigures, ...]
    days: tuple[DayFigures, ...]
    features: tuple[tuple[str, int], ...]  # (feature, messages), most used first
    participants: int  # registered in the period, not voided
    finished: int  # of those, with a finished attempt in the period
    average_score: float
    questions: int  # per attempt: the score scale
    districts: tuple[DistrictFigures, ...]
    scores: tuple[tuple[int, int], ...]  # (correct answers, participants), 0..questions
    top: tuple[TopEntry, ...]
    broadcasts: tuple[BroadcastFigures, ...]
    subscribers: int  # now, not in the period: subscriptions have no history


def fired(f: ReportFigures) -> int:
    """Announcements and reminders that went out (not those still scheduled or cancelled)."""
    return sum(1 for b in f.broadcasts if b.status in ("sending", "done"))


class ReportStore(Protocol):
    """The report's figures and the organizers' files; files are rendered off the event loop."""

    async def figures(self, edition: Edition, first: date, last: date) -> ReportFigures: ...

    async def files(self, figures: ReportFigures, edition: Edition,
                    feature_label: Callable[[str], str]) -> tuple[Attachment, ...]:
        """Workbook, charts and summary; `feature_label` names the logged features."""
        ...

    async def results_files(self, results: Results, edition: Edition,
                            now: datetime) -> tuple[Attachment, ...]:
        """The contest's results as CSV and XLSX (/ketquathi), named after `now`."""
        ...
