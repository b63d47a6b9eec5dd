"""What the contest needs from storage, channel-neutral (bot/ implements it on SQL), and the
contest's figures, computed in one place for the export, /thongke and the report."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from handlers.i18n import _


@dataclass(frozen=True)
class Participant:
    id: int
    full_name: str
    district: str
    unit: str | None
    voided: bool


@dataclass(frozen=True)
class Record:
    """What the contest holds for the user's platform identity, over every registration
    (those anonymised by /xoadulieu included): the one-attempt rule reads it."""

    attempts: int  # attempts started
    voided: bool


@dataclass(frozen=True)
class Attempt:
    id: int
    number: int
    question_ids: tuple[str, ...]
    current: int  # position of the question being asked; == len(question_ids) when done
    question_started_at: datetime
    started_at: datetime
    finished_at: datetime | None
    score: int
    total_ms: int


@dataclass(frozen=True)
class Answered:
    """One recorded answer of an attempt."""

    position: int
    chosen: int | None  # None: the time ran out with no answer
    correct: bool
    late: bool  # chosen after the time ran out, so counted as wrong


@dataclass(frozen=True)
class Standing:
    """One line of the leaderboard."""

    rank: int
    participant_id: int
    full_name: str
    district: str
    score: int
    total_ms: int
    finished_at: datetime


def ranking_key(score: int, total_ms: int, finished_at: datetime,
                attempt_id: int) -> tuple[int, int, datetime, int]:
    """The ranking rule: more correct answers, then less total answer time, then the earlier
    finish (bot/db/contest.py ranked_attempts says the same in SQL)."""
    return (-score, total_ms, finished_at, attempt_id)


@dataclass(frozen=True)
class Entry:
    """One registration with its best finished attempt: what the contest's figures count.

    `person` is the same for every registration of one platform identity (one person may
    register again after erasing their data); a registration anonymised before the identity
    was kept is a person of its own.
    """

    participant_id: int
    person: str
    full_name: str | None
    district: str
    unit: str | None
    phone: str | None
    registered_at: datetime
    voided: bool
    void_reason: str | None
    score: int | None = None  # of the best finished attempt; None when none finished
    total_ms: int | None = None
    finished_at: datetime | None = None
    attempt_id: int | None = None

    def sort_key(self) -> tuple[int, int, datetime, int]:
        assert self.score is not None and self.total_ms is not None
        assert self.finished_at is not None and self.attempt_id is not None
        return ranking_key(self.score, self.total_ms, self.finished_at, self.attempt_id)


@dataclass(frozen=True)
class DistrictFigures:
    district: str
    participants: int
    finished: int
    average_score: float  # of the best attempts of those who finished; 0 when none


@dataclass(frozen=True)
class ContestFigures:
    """Participants (people, voided ones left out), those who finished, their average score,
    the same per district or unit, the score histogram and the ranking (one entry a person)."""

    participants: int
    finished: int
    average_score: float
    districts: tuple[DistrictFigures, ...]
    histogram: tuple[tuple[int, int], ...]  # (correct answers, people), only scores that occur
    ranking: tuple[Entry, ...]


def average(total: float, n: int) -> float:
    return total / n if n else 0.0


def contest_figures(entries: Iterable[Entry]) -> ContestFigures:
    """The one computation of the contest's figures, from every registration in scope."""
    people: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        people[e.person].append(e)
    best: dict[str, Entry] = {}
    district: dict[str, str] = {}
    for person, registrations in people.items():
        if any(e.voided for e in registrations):
            continue  # voiding a person voids every registration of theirs
        # Counted in the district of their latest registration, with their best attempt.
        district[person] = max(registrations, key=lambda e: (e.registered_at,
                                                             e.participant_id)).district
        finished = [e for e in registrations if e.score is not None]
        if finished:
            best[person] = min(finished, key=Entry.sort_key)
    groups: dict[str, list[str]] = defaultdict(list)
    for person, name in district.items():
        groups[name].append(person)
    districts = []
    for name, members in groups.items():
        scores = [best[m].score or 0 for m in members if m in best]
        districts.append(DistrictFigures(name, len(members), len(scores),
                                         average(sum(scores), len(scores))))
    districts.sort(key=lambda d: (-d.participants, d.district))
    scores = [e.score or 0 for e in best.values()]
    return ContestFigures(
        participants=len(district), finished=len(best),
        average_score=average(sum(scores), len(scores)), districts=tuple(districts),
        histogram=tuple(sorted(Counter(scores).items())),
        ranking=tuple(sorted(best.values(), key=Entry.sort_key)))


def unit_label(district: str, unit: str | None) -> str:
    """Where a participant is from: the district, or 'Khác: the unit they typed'."""
    return f"{district}: {unit}" if unit else district


def participant_name(full_name: str | None) -> str:
    """A participant's name in the organizers' files and chat; erased ones say so."""
    return full_name or _("(đã xóa dữ liệu)")


@dataclass(frozen=True)
class ResultRow:
    """One registration in the organizers' export; rank is None if unranked or voided."""

    rank: int | None
    participant_id: int
    full_name: str
    district: str
    unit: str | None
    phone: str | None
    score: int | None
    total_ms: int | None
    finished_at: datetime | None
    registered_at: datetime
    voided: bool
    void_reason: str | None
    # Another registration of the same person, the one ranked or counted (else None).
    same_as: int | None = None


@dataclass(frozen=True)
class Results:
    """The organizers' export: every registration, and the figures."""

    rows: tuple[ResultRow, ...]
    figures: ContestFigures


def result_rows(entries: Sequence[Entry], figures: ContestFigures) -> tuple[ResultRow, ...]:
    """The export's lines: ranked people first, then every other registration."""
    ranked = {e.participant_id: i + 1 for i, e in enumerate(figures.ranking)}
    counted = {e.person: e.participant_id for e in figures.ranking}
    latest: dict[str, Entry] = {}
    for e in entries:
        if e.person not in latest or (e.registered_at, e.participant_id) > (
                latest[e.person].registered_at, latest[e.person].participant_id):
            latest[e.person] = e
    order = {pid: i for i, pid in enumerate(ranked)}
    rows = []
    for e in sorted(entries, key=lambda e: (order.get(e.participant_id, len(order)),
                                            e.participant_id)):
        head = counted.get(e.person, latest[e.person].participant_id)
        rows.append(ResultRow(
            ranked.get(e.participant_id), e.participant_id, e.full_name or "", e.district,
            e.unit, e.phone, e.score, e.total_ms, e.finished_at, e.registered_at, e.voided,
            e.void_reason, None if head == e.participant_id else head))
    return tuple(rows)


class AttemptMoved(Exception):
    """The attempt is no longer as `ContestStore.known_attempt` gave it (moved by another
    process, a rolled-back transaction, an erasure): read it, nothing was changed."""


class ContestStore(Protocol):
    """The contest's data for the current user, inside the update's transaction."""

    async def participant(self) -> Participant | None: ...

    async def record(self) -> Record:
        """The user's attempts and voiding over every registration of their identity."""
        ...

    async def register(self, full_name: str, district: str, unit: str | None,
                       phone: str | None, now: datetime) -> Participant: ...

    async def attempts(self, participant_id: int) -> list[Attempt]: ...

    async def own_attempt(self, attempt_id: int) -> tuple[Participant, Attempt] | None:
        """The user's participant and their attempt `attempt_id`; None if it is not theirs."""
        ...

    def known_attempt(self, attempt_id: int) -> tuple[Participant, Attempt] | None:
        """The user's open attempt `attempt_id` (and its participant) as this process last
        read or moved it, without reading the database; None when not known. Trust it only
        through `answer(..., known=True)`, which checks it still is so."""
        ...

    async def start_attempt(self, participant_id: int, number: int, question_ids: list[str],
                            now: datetime) -> Attempt: ...

    async def answer(self, attempt: Attempt, position: int, question_id: str,
                     chosen: int | None, correct: bool, elapsed_ms: int,
                     now: datetime, finished: bool, late: bool = False,
                     known: bool = False) -> Attempt | None:
        """Record the answer to `position` and move on; None if it was already answered.

        `known`: `attempt` came from known_attempt. The answer is then recorded only if the
        attempt is still the user's, open, at `position`, with that question's start;
        otherwise AttemptMoved is raised and nothing is changed."""
        ...

    async def answers(self, attempt_id: int) -> list[Answered]:
        """The answers of an attempt, by position."""
        ...

    async def standings(self, limit: int) -> list[Standing]:
        """The leaderboard's first `limit` lines: one a person, voided people left out."""
        ...

    async def results(self) -> Results:
        """Every registration, ranked people first, with the figures (organizers' export)."""
        ...

    async def void(self, participant_id: int, reason: str) -> bool:
        """Void the participant and every other registration of the same person."""
        ...

    async def rank_of(self, participant_id: int) -> tuple[int, int] | None:
        """(rank, number ranked) of the participant's person."""
        ...
