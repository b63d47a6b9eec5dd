"""What the contest needs from storage, channel-neutral (bot/ implements it on SQL)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class Participant:
    id: int
    full_name: str
    district: str
    unit: str | None
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
class Standing:
    """One line of the leaderboard."""

    rank: int
    participant_id: int
    full_name: str
    district: str
    score: int
    total_ms: int
    finished_at: datetime


@dataclass(frozen=True)
class ResultRow:
    """One participant in the organizers' export; rank is None if unranked or voided."""

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


class ContestStore(Protocol):
    """The contest's data for the current user, inside the update's transaction."""

    async def participant(self) -> Participant | None: ...

    async def register(self, full_name: str, district: str, unit: str | None,
                       phone: str | None, now: datetime) -> Participant: ...

    async def attempts(self, participant_id: int) -> list[Attempt]: ...

    async def own_attempt(self, attempt_id: int) -> tuple[Participant, Attempt] | None:
        """The user's participant and their attempt `attempt_id`; None if it is not theirs."""
        ...

    async def start_attempt(self, participant_id: int, number: int, question_ids: list[str],
                            now: datetime) -> Attempt: ...

    async def answer(self, attempt: Attempt, position: int, question_id: str,
                     chosen: int | None, correct: bool, elapsed_ms: int,
                     now: datetime, finished: bool) -> Attempt | None:
        """Record the answer to `position` and move on; None if it was already answered."""
        ...

    async def answers(self, attempt_id: int) -> list[tuple[int, int | None, bool]]:
        """(position, chosen option or None on timeout, correct) of an attempt."""
        ...

    async def standings(self, limit: int) -> list[Standing]: ...

    async def results(self) -> list[ResultRow]:
        """Every participant, ranked ones first (for the organizers' export)."""
        ...

    async def void(self, participant_id: int, reason: str) -> bool: ...

    async def rank_of(self, participant_id: int) -> tuple[int, int] | None:
        """(rank, number ranked) of the participant's best finished attempt."""
        ...
