"""The contest's storage on SQL: registration, attempts, answers and the ranking."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import Row, Select, Table, and_, bindparam, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import ContestAnswer, ContestAttempt, ContestParticipant
from handlers.contest_types import Attempt, Participant, ResultRow, Standing

# The answer path runs for every participant at once during the contest, so its statements are
# Core statements on the tables, built once (SQLAlchemy then reuses their cache key and compiled
# form) and executed on the session's connection: no ORM identity map, no per-call building.
_PARTICIPANTS = cast(Table, ContestParticipant.__table__)
_ATTEMPTS = cast(Table, ContestAttempt.__table__)
_ANSWERS = cast(Table, ContestAnswer.__table__)
_P, _A = _PARTICIPANTS.c, _ATTEMPTS.c
_PARTICIPANT_COLUMNS = (_P.id, _P.full_name, _P.district, _P.unit, _P.voided)
_ATTEMPT_COLUMNS = (_A.id, _A.number, _A.question_ids, _A.current, _A.question_started_at,
                    _A.started_at, _A.finished_at, _A.score, _A.total_ms)

_SELECT_PARTICIPANT = select(*_PARTICIPANT_COLUMNS).where(_P.user_id == bindparam("user_id"))
_SELECT_ATTEMPTS = (select(*_ATTEMPT_COLUMNS).where(_A.participant_id == bindparam("pid"))
                    .order_by(_A.number))
# The user's own attempt `attempt_id` with its participant, in one round trip: an attempt of
# somebody else simply is not found.
_SELECT_OWN_ATTEMPT = (
    select(*_PARTICIPANT_COLUMNS, *_ATTEMPT_COLUMNS)
    .join_from(_ATTEMPTS, _PARTICIPANTS, _A.participant_id == _P.id)
    .where(_P.user_id == bindparam("user_id"), _A.id == bindparam("attempt_id"))
)
# Conditional on the position: of two concurrent presses only one moves the attempt (on
# PostgreSQL the second waits for the row lock, then finds `current` moved and updates nothing).
_MOVE = (
    update(_ATTEMPTS)
    .where(_A.id == bindparam("attempt_id"), _A.current == bindparam("position"))
    .values(current=bindparam("next"), question_started_at=bindparam("now"),
            score=_A.score + bindparam("point"), total_ms=_A.total_ms + bindparam("elapsed"),
            finished_at=bindparam("finished_at"))
    .returning(_A.current, _A.question_started_at, _A.finished_at, _A.score, _A.total_ms)
)
_RECORD = insert(_ANSWERS)
_START = insert(_ATTEMPTS).returning(_A.id)


def _named(columns: tuple[Any, ...], values: Sequence[Any]) -> SimpleNamespace:
    """A slice of a joined row, with its columns' names again (for _participant, _attempt)."""
    return SimpleNamespace(**{c.name: v for c, v in zip(columns, values, strict=True)})


def _participant(row: ContestParticipant | Row[*tuple[Any, ...]] | SimpleNamespace
                 ) -> Participant:
    return Participant(row.id, row.full_name or "", row.district, row.unit, row.voided)


def _attempt(row: ContestAttempt | Row[*tuple[Any, ...]] | SimpleNamespace) -> Attempt:
    return Attempt(
        id=row.id, number=row.number, question_ids=tuple(row.question_ids), current=row.current,
        question_started_at=row.question_started_at, started_at=row.started_at,
        finished_at=row.finished_at, score=row.score, total_ms=row.total_ms,
    )


def ranked_attempts() -> Select[ContestAttempt, ContestParticipant]:
    """Each valid participant's best finished attempt, in ranking order.

    Order: more correct answers; then less total answer time; then the earlier finish.
    """
    best = (
        select(
            ContestAttempt.id.label("attempt_id"),
            func.row_number().over(
                partition_by=ContestAttempt.participant_id,
                order_by=(ContestAttempt.score.desc(), ContestAttempt.total_ms,
                          ContestAttempt.finished_at),
            ).label("n"),
        )
        .where(ContestAttempt.finished_at.is_not(None))
        .subquery()
    )
    return (
        select(ContestAttempt, ContestParticipant)
        .join(best, and_(best.c.attempt_id == ContestAttempt.id, best.c.n == 1))
        .join(ContestParticipant, ContestParticipant.id == ContestAttempt.participant_id)
        .where(ContestParticipant.voided.is_(False))
        .order_by(ContestAttempt.score.desc(), ContestAttempt.total_ms,
                  ContestAttempt.finished_at, ContestAttempt.id)
    )


class SqlContestStore:
    """ContestStore for one user inside one update's session."""

    def __init__(self, session: AsyncSession, user_id: int) -> None:
        self.s = session
        self.user_id = user_id

    async def participant(self) -> Participant | None:
        conn = await self.s.connection()
        row = (await conn.execute(_SELECT_PARTICIPANT, {"user_id": self.user_id})).first()
        return _participant(row) if row else None

    async def own_attempt(self, attempt_id: int) -> tuple[Participant, Attempt] | None:
        conn = await self.s.connection()
        row = (await conn.execute(_SELECT_OWN_ATTEMPT,
                                  {"user_id": self.user_id, "attempt_id": attempt_id})).first()
        if row is None:
            return None
        # The participant's columns come first, the attempt's after (both have `id`).
        split = len(_PARTICIPANT_COLUMNS)
        return (_participant(_named(_PARTICIPANT_COLUMNS, row[:split])),
                _attempt(_named(_ATTEMPT_COLUMNS, row[split:])))

    async def register(self, full_name: str, district: str, unit: str | None,
                       phone: str | None, now: datetime) -> Participant:
        row = ContestParticipant(user_id=self.user_id, full_name=full_name, district=district,
                                 unit=unit, phone=phone, consented_at=now, registered_at=now,
                                 voided=False)
        self.s.add(row)
        await self.s.flush()
        return _participant(row)

    async def attempts(self, participant_id: int) -> list[Attempt]:
        conn = await self.s.connection()
        rows = await conn.execute(_SELECT_ATTEMPTS, {"pid": participant_id})
        return [_attempt(r) for r in rows]

    async def start_attempt(self, participant_id: int, number: int, question_ids: list[str],
                            now: datetime) -> Attempt:
        conn = await self.s.connection()
        attempt_id = (await conn.execute(_START, {
            "participant_id": participant_id, "number": number, "question_ids": question_ids,
            "current": 0, "question_started_at": now, "started_at": now, "score": 0,
            "total_ms": 0,
        })).scalar_one()
        return Attempt(id=attempt_id, number=number, question_ids=tuple(question_ids),
                       current=0, question_started_at=now, started_at=now, finished_at=None,
                       score=0, total_ms=0)

    async def answer(self, attempt: Attempt, position: int, question_id: str,
                     chosen: int | None, correct: bool, elapsed_ms: int,
                     now: datetime, finished: bool) -> Attempt | None:
        conn = await self.s.connection()
        moved = (await conn.execute(_MOVE, {
            "attempt_id": attempt.id, "position": position, "next": position + 1, "now": now,
            "point": 1 if correct else 0, "elapsed": elapsed_ms,
            "finished_at": now if finished else None,
        })).first()
        if moved is None:
            return None
        # The attempt moved from `position`, once: its answer row cannot exist yet.
        await conn.execute(_RECORD, {
            "attempt_id": attempt.id, "position": position, "question_id": question_id,
            "chosen": chosen, "correct": correct, "elapsed_ms": elapsed_ms, "answered_at": now,
        })
        return replace(attempt, current=moved.current,
                       question_started_at=moved.question_started_at,
                       finished_at=moved.finished_at, score=moved.score,
                       total_ms=moved.total_ms)

    async def answers(self, attempt_id: int) -> list[tuple[int, int | None, bool]]:
        rows = await self.s.execute(
            select(ContestAnswer.position, ContestAnswer.chosen, ContestAnswer.correct)
            .where(ContestAnswer.attempt_id == attempt_id).order_by(ContestAnswer.position))
        return [(p, c, ok) for p, c, ok in rows]

    async def results(self) -> list[ResultRow]:
        ranked = (await self.s.execute(ranked_attempts())).all()
        out: list[ResultRow] = []
        seen: set[int] = set()
        for i, (a, p) in enumerate(ranked):
            seen.add(p.id)
            out.append(ResultRow(i + 1, p.id, p.full_name or "", p.district, p.unit, p.phone,
                                 a.score, a.total_ms, a.finished_at, p.registered_at, False,
                                 None))
        others = (await self.s.execute(select(ContestParticipant).order_by(
            ContestParticipant.id))).scalars()
        for p in others:
            if p.id in seen:
                continue
            best = (await self.s.execute(
                select(ContestAttempt).where(ContestAttempt.participant_id == p.id,
                                             ContestAttempt.finished_at.is_not(None))
                .order_by(ContestAttempt.score.desc(), ContestAttempt.total_ms).limit(1)
            )).scalar_one_or_none()
            out.append(ResultRow(None, p.id, p.full_name or "", p.district, p.unit, p.phone,
                                 best.score if best else None, best.total_ms if best else None,
                                 best.finished_at if best else None, p.registered_at,
                                 p.voided, p.void_reason))
        return out

    async def void(self, participant_id: int, reason: str) -> bool:
        done = await self.s.execute(
            update(ContestParticipant).where(ContestParticipant.id == participant_id)
            .values(voided=True, void_reason=reason[:200]).returning(ContestParticipant.id))
        return done.first() is not None

    async def standings(self, limit: int) -> list[Standing]:
        rows = (await self.s.execute(ranked_attempts().limit(limit))).all()
        return [
            Standing(i + 1, p.id, p.full_name or "", p.district, a.score, a.total_ms,
                     a.finished_at or a.started_at)
            for i, (a, p) in enumerate(rows)
        ]

    async def rank_of(self, participant_id: int) -> tuple[int, int] | None:
        rows = (await self.s.execute(ranked_attempts())).all()
        for i, (_attempt_row, p) in enumerate(rows):
            if p.id == participant_id:
                return i + 1, len(rows)
        return None
