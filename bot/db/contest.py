"""The contest's storage on SQL: registration, attempts, answers and the ranking."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, and_, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import ContestAnswer, ContestAttempt, ContestParticipant
from bot.db.repo import dialect_insert
from handlers.contest_types import Attempt, Participant, ResultRow, Standing


def _participant(row: ContestParticipant) -> Participant:
    return Participant(row.id, row.full_name or "", row.district, row.unit, row.voided)


def _attempt(row: ContestAttempt) -> Attempt:
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
        row = (await self.s.execute(select(ContestParticipant).where(
            ContestParticipant.user_id == self.user_id))).scalar_one_or_none()
        return _participant(row) if row else None

    async def register(self, full_name: str, district: str, unit: str | None,
                       phone: str | None, now: datetime) -> Participant:
        row = ContestParticipant(user_id=self.user_id, full_name=full_name, district=district,
                                 unit=unit, phone=phone, consented_at=now, registered_at=now,
                                 voided=False)
        self.s.add(row)
        await self.s.flush()
        return _participant(row)

    async def attempts(self, participant_id: int) -> list[Attempt]:
        rows = (await self.s.execute(select(ContestAttempt).where(
            ContestAttempt.participant_id == participant_id).order_by(ContestAttempt.number))
        ).scalars()
        return [_attempt(r) for r in rows]

    async def start_attempt(self, participant_id: int, number: int, question_ids: list[str],
                            now: datetime) -> Attempt:
        row = ContestAttempt(participant_id=participant_id, number=number,
                             question_ids=question_ids, current=0, question_started_at=now,
                             started_at=now, score=0, total_ms=0)
        self.s.add(row)
        await self.s.flush()
        return _attempt(row)

    async def answer(self, attempt: Attempt, position: int, question_id: str,
                     chosen: int | None, correct: bool, elapsed_ms: int,
                     now: datetime, finished: bool) -> Attempt | None:
        inserted = await self.s.execute(
            dialect_insert(self.s)(ContestAnswer)
            .values(attempt_id=attempt.id, position=position, question_id=question_id,
                    chosen=chosen, correct=correct, elapsed_ms=elapsed_ms, answered_at=now)
            .on_conflict_do_nothing()
            .returning(ContestAnswer.position)
        )
        if inserted.first() is None:
            return None
        # Conditional on the position: of two concurrent presses only one moves the attempt.
        moved = await self.s.execute(
            update(ContestAttempt)
            .where(ContestAttempt.id == attempt.id, ContestAttempt.current == position)
            .values(current=position + 1, question_started_at=now,
                    score=ContestAttempt.score + (1 if correct else 0),
                    total_ms=ContestAttempt.total_ms + elapsed_ms,
                    finished_at=now if finished else None)
            .returning(ContestAttempt.id)
        )
        if moved.first() is None:
            return None
        row = await self.s.get(ContestAttempt, attempt.id, populate_existing=True)
        assert row is not None
        return _attempt(row)

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
