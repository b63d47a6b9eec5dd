"""The contest's storage on SQL: registration, attempts, answers and the ranking.

A person is their platform identity (channel, external id). The contest keeps, for its
one-attempt rule only, a keyed hash of it on each registration (`identity_hash`): erasing
one's data (/xoadulieu) removes the name, phone and link to the account but not the hash, so
the same account cannot take the contest again, nor register again once voided, and the
ranking lists each person once.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import (
    Row,
    Select,
    String,
    Table,
    and_,
    bindparam,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from bot.db.models import AppSecret, ContestAnswer, ContestAttempt, ContestParticipant, User
from bot.db.repo import ERASED, dialect_insert
from bot.settings import SettingsError
from bot.settings_error import N_
from handlers.contest_types import (
    Answered,
    Attempt,
    AttemptMoved,
    Entry,
    Participant,
    Record,
    Results,
    Standing,
    contest_figures,
    ranking_key,
    result_rows,
)

log = logging.getLogger(__name__)


# ---- the identity hash and its key ----------------------------------------------------------

IDENTITY_KEY = "contest.identity_key"
# A fingerprint of the key in use: a changed key would silently void the one-attempt rule.
IDENTITY_CHECK = "contest.identity_key.check"


def identity_hash(key: bytes, channel: str, external_id: str) -> str:
    """HMAC-SHA256 of the platform identity, hex (64 characters)."""
    message = f"{channel}\x1f{external_id}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _fingerprint(key: bytes) -> str:
    return hmac.new(key, b"hoctap-bot contest identity key check",
                    hashlib.sha256).hexdigest()[:16]


async def load_identity_key(sessions: async_sessionmaker[AsyncSession], configured: str,
                            now: datetime) -> bytes:
    """The key of the identity hash: `[contest] identity_key`, else the one generated into the
    database on first start. Refuses a key other than the one the stored hashes were made
    with; gives existing registrations still linked to an account their hash."""
    async with sessions() as s, s.begin():
        insert_ = dialect_insert(s)
        if configured:
            key = configured
        else:
            # ON CONFLICT DO NOTHING, then read: two processes starting at once agree.
            await s.execute(insert_(AppSecret).values(
                name=IDENTITY_KEY, value=secrets.token_urlsafe(32), created_at=now,
            ).on_conflict_do_nothing(index_elements=["name"]))
            key = (await s.execute(select(AppSecret.value).where(
                AppSecret.name == IDENTITY_KEY))).scalar_one()
        check = _fingerprint(key.encode())
        await s.execute(insert_(AppSecret).values(name=IDENTITY_CHECK, value=check,
                                                  created_at=now)
                        .on_conflict_do_nothing(index_elements=["name"]))
        stored = (await s.execute(select(AppSecret.value).where(
            AppSecret.name == IDENTITY_CHECK))).scalar_one()
        if stored != check:
            hashed = await s.scalar(select(func.count()).select_from(ContestParticipant)
                                    .where(ContestParticipant.identity_hash.is_not(None)))
            if hashed:
                raise SettingsError("contest.identity_key", N_(
                    "không khớp với khóa đã dùng cho các đăng ký dự thi trong cơ sở dữ liệu; "
                    "hãy đặt lại khóa cũ (hoặc để trống để dùng khóa bot đã tự tạo)"))
            await s.execute(update(AppSecret).where(AppSecret.name == IDENTITY_CHECK)
                            .values(value=check, created_at=now))
        await backfill_identities(s, key.encode())
    return key.encode()


async def backfill_identities(s: AsyncSession, key: bytes) -> int:
    """Hash the identity of registrations made before it was kept (still linked to a user)."""
    rows = (await s.execute(
        select(ContestParticipant.id, User.channel, User.external_id)
        .join(User, User.id == ContestParticipant.user_id)
        .where(ContestParticipant.identity_hash.is_(None),
               User.external_id.not_like(f"{ERASED}:%")))).all()
    for pid, channel, external_id in rows:
        await s.execute(update(ContestParticipant).where(ContestParticipant.id == pid)
                        .values(identity_hash=identity_hash(key, channel, external_id)))
    if rows:
        log.info("contest: kept the identity hash of %d earlier registrations", len(rows))
    return len(rows)


# ---- statements -----------------------------------------------------------------------------

# The answer path runs for every participant at once during the contest, so its statements are
# Core statements on the tables, built once (SQLAlchemy then reuses their cache key and compiled
# form) and executed on the session's connection: no ORM identity map, no per-call building.
_PARTICIPANTS = cast(Table, ContestParticipant.__table__)
_ATTEMPTS = cast(Table, ContestAttempt.__table__)
_ANSWERS = cast(Table, ContestAnswer.__table__)
_P, _A, _N = _PARTICIPANTS.c, _ATTEMPTS.c, _ANSWERS.c
_PARTICIPANT_COLUMNS = (_P.id, _P.full_name, _P.district, _P.unit, _P.voided)
# Who a registration belongs to: the identity hash, or the registration itself when unknown.
_PERSON = func.coalesce(ContestParticipant.identity_hash, ContestParticipant.id.cast(String))
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
# The same move of an attempt known from an earlier update (KnownAttempts), not read in this
# one: it also checks what the answer was judged on, the owner (an erasure unlinks them), the
# attempt still open and its question's start (a rolled-back move leaves the earlier one).
_MOVE_KNOWN = _MOVE.where(
    _A.question_started_at == bindparam("started"), _A.finished_at.is_(None),
    _A.participant_id == select(_P.id).where(_P.user_id == bindparam("user_id"))
    .scalar_subquery())
_RECORD = insert(_ANSWERS)


def _move_and_record(move: Any) -> Any:
    """`move` and the answer's row in one statement, where the moved attempt's row decides
    whether the answer is recorded (PostgreSQL: a data-modifying WITH; SQLite has none, so
    there they are two statements)."""
    moved = move.returning(_A.id.label("attempt_id")).cte("moved")
    record = insert(_ANSWERS).from_select(
        [_N.attempt_id, _N.position, _N.question_id, _N.chosen, _N.correct, _N.late,
         _N.elapsed_ms, _N.answered_at],
        select(moved.c.attempt_id, bindparam("position", type_=_N.position.type),
               bindparam("question_id", type_=_N.question_id.type),
               bindparam("chosen", type_=_N.chosen.type),
               bindparam("correct", type_=_N.correct.type),
               bindparam("late", type_=_N.late.type),
               bindparam("elapsed", type_=_N.elapsed_ms.type),
               bindparam("now", type_=_N.answered_at.type)),
    ).cte("recorded")
    return (select(moved.c.current, moved.c.question_started_at, moved.c.finished_at,
                   moved.c.score, moved.c.total_ms)
            .add_cte(record))


# By dialect, then by whether the attempt is a known one (_MOVE or _MOVE_KNOWN).
_MOVE_RECORD = {"postgresql": {False: _move_and_record(_MOVE),
                               True: _move_and_record(_MOVE_KNOWN)}}
_START = insert(_ATTEMPTS).returning(_A.id)
# The person's attempts and voided registrations, over every registration of their identity
# (those erased since count too; with no identity, `identity_hash = NULL` matches none).
_MINE = or_(_P.user_id == bindparam("user_id"), _P.identity_hash == bindparam("identity"))
_RECORD_OF = select(
    select(func.count()).select_from(_ATTEMPTS).join(_PARTICIPANTS, _P.id == _A.participant_id)
    .where(_MINE).scalar_subquery(),
    select(func.count()).select_from(_PARTICIPANTS).where(_MINE, _P.voided.is_(True))
    .scalar_subquery(),
)
_SELECT_ANSWERS = (select(_N.position, _N.chosen, _N.correct, _N.late)
                   .where(_N.attempt_id == bindparam("attempt_id")).order_by(_N.position))
_SELECT_OPEN = select(*_ATTEMPT_COLUMNS).where(_A.finished_at.is_(None)).order_by(_A.id)


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


# Order: more correct answers; then less total answer time; then the earlier finish.
_RANKING = (ContestAttempt.score.desc(), ContestAttempt.total_ms, ContestAttempt.finished_at,
            ContestAttempt.id)


def _best_attempts() -> Any:
    """Each valid person's best finished attempt (n = 1), as a subquery with its person."""
    return (
        select(
            ContestAttempt.id.label("attempt_id"), _PERSON.label("person"),
            func.row_number().over(partition_by=_PERSON, order_by=_RANKING).label("n"),
        )
        .join(ContestParticipant, ContestParticipant.id == ContestAttempt.participant_id)
        # Voiding marks every registration of the person (SqlContestStore.void).
        .where(ContestAttempt.finished_at.is_not(None), ContestParticipant.voided.is_(False))
        .subquery()
    )


def ranked_attempts() -> Select[ContestAttempt, ContestParticipant]:
    """Each valid person's best finished attempt, in ranking order (one line a person).

    Order: more correct answers; then less total answer time; then the earlier finish.
    """
    best = _best_attempts()
    return (
        select(ContestAttempt, ContestParticipant)
        .join(best, and_(best.c.attempt_id == ContestAttempt.id, best.c.n == 1))
        .join(ContestParticipant, ContestParticipant.id == ContestAttempt.participant_id)
        .order_by(*_RANKING)
    )


def _rank_statement() -> Select[int, int]:
    """The rank and the number ranked of the person of participant `:pid`, one row (none when
    the person is not ranked): the ranking is counted in SQL, not loaded (every finish asks)."""
    best = _best_attempts()
    ranked = (
        select(best.c.person,
               func.row_number().over(order_by=_RANKING).label("rank"),
               func.count().over().label("total"))
        .select_from(ContestAttempt)
        .join(best, and_(best.c.attempt_id == ContestAttempt.id, best.c.n == 1))
        .subquery()
    )
    person = (select(_PERSON).where(ContestParticipant.id == bindparam("pid"))
              .scalar_subquery())
    return select(ranked.c.rank, ranked.c.total).where(ranked.c.person == person)


_RANK = _rank_statement()


async def entries(s: AsyncSession, start: datetime | None = None,
                  end: datetime | None = None) -> list[Entry]:
    """Every registration with its best finished attempt; with a period [start, end), those
    registered in it, with their best attempt finished in it (the report's periods)."""
    participants = select(ContestParticipant, _PERSON.label("person"))
    attempts = select(ContestAttempt).where(ContestAttempt.finished_at.is_not(None))
    if start is not None and end is not None:
        participants = participants.where(ContestParticipant.registered_at >= start,
                                          ContestParticipant.registered_at < end)
        attempts = attempts.where(ContestAttempt.finished_at >= start,
                                  ContestAttempt.finished_at < end)
    best: dict[int, ContestAttempt] = {}
    for a in (await s.execute(attempts)).scalars():
        held = best.get(a.participant_id)
        if held is None or _attempt_key(a) < _attempt_key(held):
            best[a.participant_id] = a
    out = []
    for p, person in (await s.execute(participants.order_by(ContestParticipant.id))).all():
        top = best.get(p.id)
        out.append(Entry(
            participant_id=p.id, person=person, full_name=p.full_name, district=p.district,
            unit=p.unit, phone=p.phone, registered_at=p.registered_at, voided=p.voided,
            void_reason=p.void_reason, score=top.score if top else None,
            total_ms=top.total_ms if top else None,
            finished_at=top.finished_at if top else None, attempt_id=top.id if top else None))
    return out


async def results(s: AsyncSession) -> Results:
    """Every registration with its rank, and the figures (the chat's and the console's)."""
    found = await entries(s)
    figures = contest_figures(found)
    return Results(result_rows(found, figures), figures)


async def void(s: AsyncSession, participant_id: int, reason: str) -> bool:
    """Void a participant and every registration of the same person; False if none."""
    target = (await s.execute(
        select(ContestParticipant.id, ContestParticipant.identity_hash)
        .where(ContestParticipant.id == participant_id))).first()
    if target is None:
        return False
    same = ContestParticipant.id == participant_id
    if target.identity_hash is not None:
        same = or_(same, ContestParticipant.identity_hash == target.identity_hash)
    await s.execute(update(ContestParticipant).where(same)
                    .values(voided=True, void_reason=reason[:200]))
    return True


def _attempt_key(a: ContestAttempt) -> tuple[int, int, datetime, int]:
    assert a.finished_at is not None
    return ranking_key(a.score, a.total_ms, a.finished_at, a.id)


class KnownAttempts:
    """The open attempts this process last read or moved, by id, with their user: an answer
    to one of them is recorded without reading the attempt first (one statement of three,
    for every answer of the contest). Never trusted alone: the move checks in the database
    what the answer was judged on (_MOVE_KNOWN), and the attempt is read when it differs.
    The most recent `size` are kept."""

    def __init__(self, size: int = 10_000) -> None:
        self.size = size
        self._known: OrderedDict[int, tuple[int, Participant, Attempt]] = OrderedDict()

    def get(self, attempt_id: int, user_id: int) -> tuple[Participant, Attempt] | None:
        found = self._known.get(attempt_id)
        if found is None or found[0] != user_id:
            return None
        return found[1], found[2]

    def put(self, user_id: int, participant: Participant, attempt: Attempt) -> None:
        if attempt.finished_at is not None:  # nothing more to answer
            self._known.pop(attempt.id, None)
            return
        self._known[attempt.id] = (user_id, participant, attempt)
        self._known.move_to_end(attempt.id)
        while len(self._known) > self.size:
            self._known.popitem(last=False)

    def forget(self, attempt_id: int) -> None:
        self._known.pop(attempt_id, None)


class SqlContestStore:
    """ContestStore for one user inside one update's session."""

    def __init__(self, session: AsyncSession, user_id: int,
                 identity: str | None = None, known: KnownAttempts | None = None) -> None:
        self.s = session
        self.user_id = user_id
        self.identity = identity  # identity_hash of the user's platform identity
        self._conn: AsyncConnection | None = None
        self._known = known
        # For _known: the user's participant as read, and the participant of each attempt
        # this store read or started.
        self._mine: Participant | None = None
        self._owners: dict[int, Participant] = {}

    def _own(self, participant_id: int, attempts: list[Attempt]) -> None:
        """Remember the open `attempts` of the user's participant `participant_id`."""
        if self._mine is not None and self._mine.id == participant_id:
            for attempt in attempts:
                self._owners[attempt.id] = self._mine
                self._remember(attempt)

    def _remember(self, attempt: Attempt) -> None:
        if self._known is None:
            return
        owner = self._owners.get(attempt.id)
        if owner is None:
            self._known.forget(attempt.id)
        else:
            self._known.put(self.user_id, owner, attempt)

    def known_attempt(self, attempt_id: int) -> tuple[Participant, Attempt] | None:
        found = self._known.get(attempt_id, self.user_id) if self._known is not None else None
        if found is not None:
            self._owners[attempt_id] = found[0]
        return found

    async def _connection(self) -> AsyncConnection:
        """The session's connection, asked for once (an update runs several statements)."""
        if self._conn is None:
            self._conn = await self.s.connection()
        return self._conn

    async def record(self) -> Record:
        conn = await self._connection()
        attempts, voided = (await conn.execute(_RECORD_OF, {
            "user_id": self.user_id, "identity": self.identity})).one()
        return Record(int(attempts or 0), bool(voided))

    async def participant(self) -> Participant | None:
        conn = await self._connection()
        row = (await conn.execute(_SELECT_PARTICIPANT, {"user_id": self.user_id})).first()
        self._mine = _participant(row) if row else None
        return self._mine

    async def own_attempt(self, attempt_id: int) -> tuple[Participant, Attempt] | None:
        conn = await self._connection()
        row = (await conn.execute(_SELECT_OWN_ATTEMPT,
                                  {"user_id": self.user_id, "attempt_id": attempt_id})).first()
        if row is None:
            return None
        # The participant's columns come first, the attempt's after (both have `id`).
        split = len(_PARTICIPANT_COLUMNS)
        participant = _participant(_named(_PARTICIPANT_COLUMNS, row[:split]))
        attempt = _attempt(_named(_ATTEMPT_COLUMNS, row[split:]))
        self._owners[attempt_id] = participant
        self._remember(attempt)
        return participant, attempt

    async def register(self, full_name: str, district: str, unit: str | None,
                       phone: str | None, now: datetime) -> Participant:
        row = ContestParticipant(user_id=self.user_id, identity_hash=self.identity,
                                 full_name=full_name, district=district, unit=unit,
                                 phone=phone, consented_at=now, registered_at=now,
                                 voided=False)
        self.s.add(row)
        await self.s.flush()
        self._mine = _participant(row)
        return self._mine

    async def attempts(self, participant_id: int) -> list[Attempt]:
        conn = await self._connection()
        rows = await conn.execute(_SELECT_ATTEMPTS, {"pid": participant_id})
        found = [_attempt(r) for r in rows]
        self._own(participant_id, found)
        return found

    async def start_attempt(self, participant_id: int, number: int, question_ids: list[str],
                            now: datetime) -> Attempt:
        conn = await self._connection()
        attempt_id = (await conn.execute(_START, {
            "participant_id": participant_id, "number": number, "question_ids": question_ids,
            "current": 0, "question_started_at": now, "started_at": now, "score": 0,
            "total_ms": 0,
        })).scalar_one()
        attempt = Attempt(id=attempt_id, number=number, question_ids=tuple(question_ids),
                          current=0, question_started_at=now, started_at=now,
                          finished_at=None, score=0, total_ms=0)
        self._own(participant_id, [attempt])
        return attempt

    async def answer(self, attempt: Attempt, position: int, question_id: str,
                     chosen: int | None, correct: bool, elapsed_ms: int,
                     now: datetime, finished: bool, late: bool = False,
                     known: bool = False) -> Attempt | None:
        conn = await self._connection()
        values = {
            "attempt_id": attempt.id, "position": position, "next": position + 1, "now": now,
            "point": 1 if correct else 0, "elapsed": elapsed_ms,
            "finished_at": now if finished else None,
        }
        if known:
            values |= {"started": attempt.question_started_at, "user_id": self.user_id}
        both = _MOVE_RECORD.get(conn.dialect.name)
        if both is not None:
            moved = (await conn.execute(both[known], {
                **values, "question_id": question_id, "chosen": chosen, "correct": correct,
                "late": late})).first()
        else:
            moved = (await conn.execute(_MOVE_KNOWN if known else _MOVE, values)).first()
            if moved is not None:
                # The attempt moved from `position`, once: its answer row cannot exist yet.
                await conn.execute(_RECORD, {
                    "attempt_id": attempt.id, "position": position,
                    "question_id": question_id, "chosen": chosen, "correct": correct,
                    "late": late, "elapsed_ms": elapsed_ms, "answered_at": now,
                })
        if moved is None and known:
            if self._known is not None:
                self._known.forget(attempt.id)
            raise AttemptMoved(attempt.id)
        if moved is None:
            return None
        after = replace(attempt, current=moved.current,
                        question_started_at=moved.question_started_at,
                        finished_at=moved.finished_at, score=moved.score,
                        total_ms=moved.total_ms)
        self._remember(after)
        return after

    async def answers(self, attempt_id: int) -> list[Answered]:
        conn = await self._connection()
        rows = await conn.execute(_SELECT_ANSWERS, {"attempt_id": attempt_id})
        return [Answered(p, c, ok, late) for p, c, ok, late in rows]

    async def results(self) -> Results:
        return await results(self.s)

    async def void(self, participant_id: int, reason: str) -> bool:
        return await void(self.s, participant_id, reason)

    async def standings(self, limit: int) -> list[Standing]:
        rows = (await self.s.execute(ranked_attempts().limit(limit))).all()
        return [
            Standing(i + 1, p.id, p.full_name or "", p.district, a.score, a.total_ms,
                     a.finished_at or a.started_at)
            for i, (a, p) in enumerate(rows)
        ]

    async def rank_of(self, participant_id: int) -> tuple[int, int] | None:
        conn = await self._connection()
        row = (await conn.execute(_RANK, {"pid": participant_id})).first()
        return (row.rank, row.total) if row is not None else None


async def open_attempts(s: AsyncSession) -> list[Attempt]:
    """Every attempt not finished, of anyone (the contest's close ends them)."""
    conn = await s.connection()
    return [_attempt(row) for row in (await conn.execute(_SELECT_OPEN)).all()]
