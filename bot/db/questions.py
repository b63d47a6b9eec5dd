"""Citizens' questions for the organizers: stored by the conversation, listed by the CLI and
the console's inbox, answered through the broadcast outbox."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import distinct, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import CitizenQuestion, ScheduledItem
from handlers.question_types import MAX_QUESTION, QuestionKind


@dataclass
class SqlQuestionStore:
    """The core's QuestionStore for one update's user."""

    session: AsyncSession
    user_id: int
    channel: str
    now: datetime
    per_day: int = 0  # questions kept per user in 24 hours; 0: no limit

    async def record(self, text: str, normalised: str, kind: QuestionKind) -> int | None:
        if self.per_day:
            kept = await self.session.scalar(
                select(func.count()).select_from(CitizenQuestion).where(
                    CitizenQuestion.user_id == self.user_id,
                    CitizenQuestion.created_at > self.now - timedelta(days=1)))
            if (kept or 0) >= self.per_day:
                return None
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
    """Questions not yet answered, grouped by kind and normalised text, the most asked first:
    by how many citizens asked (one citizen typing a question fifty times is one), then how
    often, then the newest."""
    q = CitizenQuestion
    last = func.max(q.created_at)
    rows = (await s.execute(
        select(q.kind, q.normalised, func.count(), last, func.max(q.id))
        .where(q.answered_at.is_(None), q.kind.in_(list(kinds)))
        .group_by(q.kind, q.normalised)
        .order_by(func.count(distinct(q.user_id)).desc(), func.count().desc(), last.desc(),
                  q.normalised)
        .limit(limit))).all()
    examples = dict((await s.execute(  # Result.tuples() is deprecated in SQLAlchemy 2.1
        select(q.id, q.text).where(q.id.in_([r[4] for r in rows])))).all())
    return [QuestionGroup(kind, normalised, count, when, examples.get(latest, ""), latest)
            for kind, normalised, count, when, latest in rows]


# ---- the console's inbox: one group, answering it, dismissing it --------------------------------

ANSWER_KIND = "answer"  # scheduled_items.kind of an organizers' answer
ANSWER_AUDIENCE = "users"  # its audience: the users listed in its payload


@dataclass(frozen=True)
class Asked:
    """One question of a group, as the console shows it."""

    id: int
    channel: str
    text: str
    created_at: datetime
    user_id: int | None  # None: no account left to write to


@dataclass(frozen=True)
class Group:
    """The questions asked the same way (kind and normalised text), open or dealt with together.

    An answered group has `answer`; a dismissed one has `answered_at` and no answer.
    """

    id: int  # the question the group was opened by
    kind: str
    normalised: str
    example: str  # the newest wording
    questions: list[Asked]
    answered_at: datetime | None
    answered_by: str | None
    answer: str | None
    item_id: int | None  # the outbox item that carries the answer

    @property
    def citizens(self) -> int:
        """How many citizens asked (the answer's recipients)."""
        return len({q.user_id for q in self.questions if q.user_id is not None})


def answer_key(question_id: int) -> str:
    """scheduled_items.key of the answer given from question `question_id`'s page."""
    return f"{ANSWER_KIND}:{question_id}"


def users_of(payload: dict[str, Any]) -> list[int]:
    """The recipients an answer's payload lists ("12,15,40")."""
    return [int(u) for u in str(payload.get("users", "")).split(",") if u.isdigit()]


async def group(s: AsyncSession, question_id: int) -> Group | None:
    """Question `question_id` and the others dealt with together with it."""
    q = CitizenQuestion
    first = await s.get(q, question_id)
    if first is None:
        return None
    same = [q.kind == first.kind, q.normalised == first.normalised]
    if first.answered_at is None:
        same.append(q.answered_at.is_(None))
    else:
        same += [q.answered_at == first.answered_at, q.answered_by == first.answered_by]
    rows = (await s.execute(
        select(q.id, q.channel, q.text, q.created_at, q.user_id)
        .where(*same).order_by(q.created_at.desc(), q.id.desc()))).all()
    asked = [Asked(i, channel, text, at, user) for i, channel, text, at, user in rows]
    item_id = None
    if first.answer is not None:
        item_id = await s.scalar(select(ScheduledItem.id).where(
            ScheduledItem.key.in_([answer_key(a.id) for a in asked])))
    return Group(first.id, first.kind, first.normalised, asked[0].text if asked else first.text,
                 asked, first.answered_at, first.answered_by, first.answer, item_id)


async def _close(s: AsyncSession, found: Group, who: str, now: datetime,
                 answer: str | None) -> list[int]:
    """Mark the group's open questions dealt with; returns the ids marked (a question answered
    meanwhile by another organizer is left as it was)."""
    ids = [a.id for a in found.questions]
    result = await s.execute(
        update(CitizenQuestion)
        .where(CitizenQuestion.id.in_(ids), CitizenQuestion.answered_at.is_(None))
        .values(answered_at=now, answered_by=who, answer=answer)
        .returning(CitizenQuestion.id))
    return [row[0] for row in result.all()]


async def answer_group(s: AsyncSession, question_id: int, answer: str, who: str,
                       now: datetime) -> tuple[Group, int | None] | None:
    """Answer the open group of `question_id`: store the answer on each of its questions and
    schedule one message, due now, to each citizen who asked (the outbox delivers it within
    each platform's rules). Returns the group and the outbox item (None when nobody who asked
    can be written to); None when the question is no longer open.

    `who` is the organizer as "channel:external id".
    """
    found = await group(s, question_id)
    if found is None or found.answered_at is not None:
        return None
    closed = await _close(s, found, who, now, answer)
    if not closed:
        return None
    users = sorted({u for u in (await s.execute(
        select(CitizenQuestion.user_id).where(CitizenQuestion.id.in_(closed),
                                              CitizenQuestion.user_id.is_not(None))
    )).scalars() if u is not None})
    item_id = None
    if users:
        item = ScheduledItem(
            key=answer_key(question_id), kind=ANSWER_KIND, due_at=now,
            audience=ANSWER_AUDIENCE, text=answer,
            payload={"question": found.example, "users": ",".join(map(str, users)),
                     **({"asker": str(found.questions[0].user_id)}
                        if found.questions[0].user_id is not None else {})},
            status="scheduled", created_at=now, total=0)
        s.add(item)
        await s.flush()
        item_id = item.id
    return found, item_id


async def dismiss_group(s: AsyncSession, question_id: int, who: str,
                        now: datetime) -> Group | None:
    """Close the open group of `question_id` without an answer (recorded: when, by whom)."""
    found = await group(s, question_id)
    if found is None or found.answered_at is not None:
        return None
    return found if await _close(s, found, who, now, None) else None


async def forget_wording(s: AsyncSession, user_id: int) -> None:
    """Erasure: answers that quote the user's own words (the group's latest wording) stop
    quoting them; those not yet sent go out without the quote."""
    for item in (await s.execute(select(ScheduledItem).where(
            ScheduledItem.kind == ANSWER_KIND))).scalars():
        if item.payload.get("asker") == str(user_id):
            item.payload = {k: v for k, v in item.payload.items()
                            if k not in ("question", "asker")}
