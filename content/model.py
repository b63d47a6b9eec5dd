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


# Kinds of organizing unit (section 4 of the letter): the city's steering committee, a sở, ban,
# ngành or đoàn thể of the city, or one of the quận (urban districts) and huyện (rural districts).
UNIT_KINDS = ("thanh-pho", "so-nganh", "quan", "huyen")
DISTRICT_KINDS = ("quan", "huyen")


@dataclass(frozen=True)
class Unit:
    """Who organizes an event: the city, a sở/ngành, or a quận/huyện (then `name` is the
    district's own name, "Lê Chân", as citizens choose it with /quan and at registration)."""

    id: str
    kind: str  # one of UNIT_KINDS
    name: Text

    @property
    def is_district(self) -> bool:
        return self.kind in DISTRICT_KINDS


@dataclass(frozen=True)
class Contact:
    id: str
    name: Text
    phones: tuple[str, ...] = ()
    email: str | None = None
    address: str | None = None
    note: Text | None = None
    # False: a person's own number or mailbox that the letter gives to the organizing units;
    # shown only with the organizers' information (/tochuc), never in the citizens' /lienhe.
    public: bool = True


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
    short: Text | None = None  # one or two sentences, for a question about this one thing


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
    unit: str = ""  # id of the organizing Unit
    # The quận/huyện whose citizens it is for (its name, "Lê Chân"); None: the whole city.
    district: str | None = None
    keywords: tuple[str, ...] = ()  # what citizens type for it, besides its title


@dataclass(frozen=True)
class ResourceCategory:
    id: str
    title: Text
    description: Text
    keywords: tuple[str, ...] = ()  # what citizens type for it, besides its title


@dataclass(frozen=True)
class Resource:
    id: str
    category: str
    title: Text
    url: str
    provider: str
    description: Text
    language: str = "vi"  # "vi", "en" (shown with "(tiếng Anh)") or "multi" (Vietnamese too)
    local: bool = False  # a Hải Phòng resource: listed first


@dataclass(frozen=True)
class Programme:
    id: str
    title: Text
    summary: Text
    how_to_join: Text
    short: Text | None = None
    url: str | None = None  # only a link the letter or a public source gives
    keywords: tuple[str, ...] = ()  # what citizens type for it, besides its title


@dataclass(frozen=True)
class FaqEntry:
    id: str
    question: Text
    answer: Text
    keywords: tuple[str, ...]
    short: Text | None = None


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
    # What the winners get, as the organizers decided it; empty: the bot promises no prize.
    prizes: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Question:
    id: str
    topic: str
    difficulty: str
    text: str
    options: tuple[str, str, str, str]
    answer: int  # index into options, 0..3
    explanation: str
    # Questions of one group overlap (one gives the other away): one attempt draws at most one.
    exclusive: str | None = None


@dataclass(frozen=True)
class Abbreviation:
    """What people type (teencode, a short form, an English word) and what it means."""

    typed: tuple[str, ...]  # lowercase, as typed: "ko", "k", "so dt"
    means: str  # Vietnamese with diacritics: "không", "số điện thoại"
    # forms another entry types too ("tl": trả lời, tài liệu): the meaning whose words pair
    # with the neighbouring words is read
    shared: tuple[str, ...] = ()


@dataclass(frozen=True)
class Intent:
    """The words that ask for one thing the bot answers (a feature, or small talk)."""

    id: str
    phrases: tuple[str, ...]  # count wherever they appear in a message
    alone: tuple[str, ...] = ()  # count only when the message says nothing else
    # count only typed with their marks: without them their letters spell a question of the
    # Week ("thi dau" is "thi ở đâu" as well as "thi đấu", "dien luc" "điện lúc")
    marked: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    """How citizens write: abbreviations, filler words, English words, intents (lexicon.toml)."""

    filler: tuple[str, ...] = ()
    english: tuple[str, ...] = ()
    # Other cities and provinces: a library, school or event of theirs is not the Week's
    other_places: tuple[str, ...] = ()
    # The signs of a scam or a danger met online ("lừa đảo", "xưng là", "mã otp", "tin giả"):
    # a story that holds one, set in a subject not the Week's (a bank, a medicine, the power
    # company), asks how to be safe online, not about that subject
    scam_signs: tuple[str, ...] = ()
    abbreviations: tuple[Abbreviation, ...] = ()
    intents: tuple[Intent, ...] = ()


# The answers an example may name besides an entry's ("faq:<id>", "event:<id>",
# "programme:<id>", "courses:<category>", "smalltalk:<kind>"): what is only told. Never an
# action (subscribing, unsubscribing, starting the quiz, deleting data): a message read from
# its likeness to examples must not change anything.
EXAMPLE_ANSWERS = ("activities", "bodies", "bulletin", "contacts", "contest", "courses",
                   "dont_know", "help", "leaderboard", "library", "next", "schedule", "theme")
SMALL_TALK = ("greeting", "thanks", "ok", "goodbye", "sorry")
# The kinds of answer an example names with an id ("faq:chi-phi").
EXAMPLE_KINDS = ("faq", "event", "programme", "courses", "smalltalk")


def example_may_name(answer: str) -> bool:
    """Whether an example may be written under `answer` as to its shape (the id named is
    checked by the loader)."""
    kind, _, arg = answer.partition(":")
    return kind in EXAMPLE_KINDS if arg else answer in EXAMPLE_ANSWERS


def same_message(text: str) -> str:
    """`text` as examples are compared: one message under two answers is refused."""
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class Example:
    """Messages as citizens wrote them, and the answer each must get (examples.toml)."""

    answer: str  # "faq:chi-phi", "event:khai-mac", "contacts", "dont_know", ...
    texts: tuple[str, ...]


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
    units: tuple[Unit, ...] = field(default=())
    # The personal data protection law the privacy notices cite (content, not code).
    privacy_law: Text | None = None
    lexicon: Lexicon = field(default=Lexicon())
    examples: tuple[Example, ...] = field(default=())
    # (examples.toml's [together]) an answer and the answers whose messages it answers too,
    # learnt from the tuned corpus: the examples' model's probabilities of them are summed
    together: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())

    def days(self) -> list[date]:
        """Every day of the week, in order."""
        n = (self.end - self.start).days
        return [date.fromordinal(self.start.toordinal() + i) for i in range(n + 1)]

    def events_on(self, day: date, district: str | None = None,
                  every_district: bool = False) -> list[Event]:
        """The day's events for a citizen of `district`: the city's and that district's (all
        of them with `every_district`, as the organizers see them)."""
        return [e for e in self.events if e.start.date() == day
                and (every_district or e.district is None or e.district == district)]

    @property
    def districts(self) -> tuple[str, ...]:
        """The names of the quận and huyện, in the order of edition.toml."""
        return tuple(u.name.vi for u in self.units if u.is_district)

    def unit(self, unit_id: str) -> Unit | None:
        return next((u for u in self.units if u.id == unit_id), None)

    def next_events(self, now: datetime) -> list[Event]:
        """Events not yet finished at `now`, in order of start."""
        return [e for e in self.events if e.end > now]

    def resources_in(self, category: str) -> list[Resource]:
        return [r for r in self.resources if r.category == category]
