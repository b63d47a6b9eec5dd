"""Typed, immutable view of one edition of the week."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Text:
    """A Vietnamese text with an optional English version."""

    vi: str
    en: str | None = None

    def get(self, locale: str) -> str:
        if locale.startswith("en") and self.en:
            return self.en
        return self.vi


@dataclass(frozen=True)
class Body:
    id: str
    name: Text
    duties: Text


@dataclass(frozen=True)
class Contact:
    id: str
    name: Text
    phones: tuple[str, ...] = ()
    email: str | None = None
    address: str | None = None
    note: Text | None = None


@dataclass(frozen=True)
class Report:
    deadline: date
    what: Text
    recipients: tuple[Text, ...]
    email: str
    address: str


@dataclass(frozen=True)
class Section:
    """A group of activities, as the edition's letter numbers them (section 4a, 4b...)."""

    id: str
    title: Text


@dataclass(frozen=True)
class Activity:
    id: str
    section: str
    title: Text
    summary: Text


@dataclass(frozen=True)
class Event:
    id: str
    title: Text
    start: datetime  # aware, in the edition's time zone
    end: datetime
    audience: Text
    description: Text
    remind: bool
    place: Text | None = None
    online_url: str | None = None
    activity: str | None = None


@dataclass(frozen=True)
class ResourceCategory:
    id: str
    title: Text
    description: Text


@dataclass(frozen=True)
class Resource:
    id: str
    category: str
    title: Text
    url: str
    provider: str
    description: Text


@dataclass(frozen=True)
class Programme:
    id: str
    title: Text
    summary: Text
    how_to_join: Text


@dataclass(frozen=True)
class FaqEntry:
    id: str
    question: Text
    answer: Text
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class ContestInfo:
    name: Text
    opens: datetime
    closes: datetime
    questions_per_attempt: int
    seconds_per_question: int
    attempts: int
    reveal: str  # "each" or "end"
    who: Text
    how_to_join: Text
    rules: tuple[Text, ...]
    districts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    id: str
    topic: str
    difficulty: str
    text: str
    options: tuple[str, str, str, str]
    answer: int  # index into options, 0..3
    explanation: str


@dataclass(frozen=True)
class Edition:
    id: str
    name: Text
    theme: Text
    start: date
    end: date
    opening: date
    opening_activity: str  # the activity of the opening ceremony (its eve gets a reminder)
    tz: ZoneInfo
    city: str
    source: Text
    summary: Text
    purpose: Text
    requirements: Text
    bodies: tuple[Body, ...]
    report: Report
    contacts: tuple[Contact, ...]
    sections: tuple[Section, ...]  # in the order the activities are shown
    activities: tuple[Activity, ...]
    schedule_is_sample: bool
    schedule_note: Text
    events: tuple[Event, ...]  # sorted by start
    resources_note: Text
    categories: tuple[ResourceCategory, ...]
    resources: tuple[Resource, ...]
    programmes: tuple[Programme, ...]
    reading_category: str | None  # the resources (resources.toml) shown with the programmes
    faq: tuple[FaqEntry, ...]
    contest: ContestInfo
    questions: tuple[Question, ...] = field(default=())
    topics: tuple[str, ...] = field(default=())  # of the quiz bank: questions are drawn evenly

    def days(self) -> list[date]:
        """Every day of the week, in order."""
        n = (self.end - self.start).days
        return [date.fromordinal(self.start.toordinal() + i) for i in range(n + 1)]

    def events_on(self, day: date) -> list[Event]:
        return [e for e in self.events if e.start.date() == day]

    def next_events(self, now: datetime) -> list[Event]:
        """Events not yet finished at `now`, in order of start."""
        return [e for e in self.events if e.end > now]

    def resources_in(self, category: str) -> list[Resource]:
        return [r for r in self.resources if r.category == category]
