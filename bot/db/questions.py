"""Citizens' questions for the organizers: stored by the conversation, listed by the CLI."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import CitizenQuestion
from handlers.question_types import MAX_QUESTION, QuestionKind


@dataclass
class SqlQuestionStore:
    """The core's QuestionStore for one update's user."""

    session: AsyncSession
    user_id: int
    channel: str
    now: datetime

    async def record(self, text: str, normalised: str, kind: QuestionKind) -> int:
        row = CitizenQuestion(channel=self.channel, user_id=self.user_id,
                              text=text[:MAX_QUESTION], normalised=normalised[:MAX_QUESTION],
                              kind=kind.value, created_at=self.now)
        self.session.add(row)
        await self.session.flush()
        return row.id

    async def send_to_organizers(self, question_id: int) -> bool:
        result = await self.session.execute(
            update(CitizenQuestion)
            .where(CitizenQuestion.id == question_id, CitizenQuestion.user_id == self.user_id)
            .values(kind=QuestionKind.SENT.value))
        return bool(result.rowcount)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class QuestionGroup:
    """One question as the organizers see it: how often it came, the latest wording."""

    kind: str
    normalised: str
    count: int
    last: datetime
    example: str
    latest_id: int  # the newest question of the group


async def open_questions(s: AsyncSession, kinds: Sequence[str],
                         limit: int = 200) -> list[QuestionGroup]:
    """Questions not yet answered, grouped by kind and normalised text, most frequent first."""
    q = CitizenQuestion
    last = func.max(q.created_at)
    rows = (await s.execute(
        select(q.kind, q.normalised, func.count(), last, func.max(q.id))
        .where(q.answered_at.is_(None), q.kind.in_(list(kinds)))
        .group_by(q.kind, q.normalised)
        .order_by(func.count().desc(), last.desc(), q.normalised)
        .limit(limit))).all()
    examples = dict((await s.execute(
        select(q.id, q.text).where(q.id.in_([r[4] for r in rows])))).tuples().all())
    return [QuestionGroup(kind, normalised, count, when, examples.get(latest, ""), latest)
            for kind, normalised, count, when, latest in rows]
