"""One unit of work per update: user, locale, conversation core, message log."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import math
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.db import console, journal, repo
from bot.db.broadcast import SqlBroadcastStore
from bot.db.choices import load_choices, save_choices
from bot.db.contest import KnownAttempts, SqlContestStore, identity_hash
from bot.db.faults import HeldBack, is_outage, unavailable_replies
from bot.db.questions import SqlQuestionStore
from bot.flood import FloodGuard, Verdict
from bot.observability import Metrics
from bot.report import SqlReportStore
from bot.settings import Settings
from handlers.channel import Limits, plan, typed_number
from handlers.core import Conversation
from handlers.i18n import _, use_locale
from handlers.privacy_types import PersonalData
from handlers.types import Clock, Incoming, Outcome, Reply, UserView

log = logging.getLogger(__name__)
# An update that fails this often while the database answers is given up (a bug, not an outage).
MAX_FAILURES = 3
PROBE_SECONDS = 2.0
HELD_MEMORY = 10_000  # updates remembered as held back (a platform may stop redelivering)


@dataclass
class SqlStore:
    """The core's Store, bound to one update's session and user."""

    session: AsyncSession
    user: repo.SeenUser
    now: datetime
    identity_key: bytes | None = None  # of the contest's identity hash (App.start loads it)
    web_base: str = ""  # where organizers open the web console ([web] base_url)
    known_attempts: KnownAttempts | None = None  # the Dispatcher's, shared by its updates
    questions_per_day: int = 0  # [flood] questions_per_day; 0: no limit

    async def set_locale(self, locale: str) -> None:
        await repo.set_locale(self.session, self.user.id, locale)

    async def set_state(self, flow: str, step: str, data: dict[str, Any]) -> None:
        await repo.set_state(self.session, self.user.id, flow, step, data, self.now)

    async def clear_state(self) -> None:
        await repo.clear_state(self.session, self.user.id)

    async def set_district(self, district: str | None) -> None:
        await repo.set_district(self.session, self.user.id, district)

    @functools.cached_property
    def contest(self) -> SqlContestStore:
        # One per update: the identity hash (an HMAC) is computed once, however often the
        # contest's handlers reach for the store.
        if self.identity_key is None:
            raise RuntimeError("the contest's identity key is not loaded: call App.start()")
        return SqlContestStore(self.session, self.user.id, identity_hash(
            self.identity_key, self.user.channel, self.user.external_id), self.known_attempts)

    @property
    def broadcast(self) -> SqlBroadcastStore:
        return SqlBroadcastStore(self.session, self.user.id, self.user.channel,
                                 self.user.external_id, self.now)

    @property
    def report(self) -> SqlReportStore:
        return SqlReportStore(self.session)

    @property
    def privacy(self) -> SqlPrivacyStore:
        return SqlPrivacyStore(self.session, self.user)

    @property
    def questions(self) -> SqlQuestionStore:
        return SqlQuestionStore(self.session, self.user.id, self.user.channel, self.now,
                                self.questions_per_day)

    async def console_link(self) -> str:
        who = console.Identity(self.user.channel, self.user.external_id)
        token = await console.issue_token(self.session, who, console.real_now())
        await console.audit(self.session, who, "link", "chat", self.now)
        return f"{self.web_base}/quantri/vao/{token}"


@dataclass
class SqlPrivacyStore:
    """The core's PrivacyStore for the update's user."""

    session: AsyncSession
    user: repo.SeenUser

    async def personal_data(self) -> PersonalData:
        return await repo.personal_data(self.session, self.user.id)

    async def erase(self) -> PersonalData:
        return await repo.erase_user(self.session, self.user.id)


@dataclass(eq=False)
class _Job:
    """One update waiting for its batch."""

    msg: Incoming
    key: str | None
    now: datetime
    started: float
    done: asyncio.Future[list[Reply] | None]
    numbered: Limits | None = None  # see Dispatcher.handle

    @property
    def user(self) -> tuple[str, str]:
        return (self.msg.channel, self.msg.user_id)


class Dispatcher:
    """Turn an Incoming into replies inside one database transaction.

    Updates that arrive together are applied together: a batch of them (at most
    `[database] batch_size`, one per user) shares one transaction, whose claim, user and log
    statements each run once for the whole batch. Each update is still claimed in the same
    transaction as its effects; if any update of a batch fails, the batch is rolled back and
    each of its updates is applied alone, so one update's failure is its own.
    """

    def __init__(self, settings: Settings, conversation: Conversation,
                 sessions: async_sessionmaker[AsyncSession], clock: Clock,
                 metrics: Metrics | None = None) -> None:
        self.settings = settings
        self.conversation = conversation
        self.sessions = sessions
        self.clock = clock
        self.metrics = metrics or Metrics()
        self.flood = FloodGuard(settings.flood)
        # The contest's identity-hash key, from the settings or the database (App.start).
        self.identity_key: bytes | None = None
        # The contest's open attempts as this process last saw them (an answer to one is
        # recorded without reading it first; the move checks it in the database).
        self.known_attempts = KnownAttempts()
        self.batch_size = settings.database.batch_size
        # SQLite has one writer: one batch at a time (a queue in front of its write lock, not
        # many transactions waiting in its busy handler). PostgreSQL takes several at once; a
        # user's updates always go to the same lane, so they are applied in arrival order and
        # two lanes never wait on each other's user rows.
        bind = sessions.kw.get("bind")
        sqlite = bind is not None and bind.dialect.name == "sqlite"
        lanes = 1 if sqlite else settings.database.writers
        # SQLite's write lock, taken in turn by the batches and the update journal (see
        # journal()) rather than fought for in its busy handler.
        self._writer = asyncio.Lock() if sqlite else None
        self._queues: list[deque[_Job]] = [deque() for _ in range(lanes)]
        self._workers: list[asyncio.Task[None] | None] = [None] * lanes
        # Updates held back (insertion-ordered, bounded), when each first came, and how often
        # each failed while the database answered.
        self._held: dict[tuple[str, str], datetime] = {}
        self._failures: dict[tuple[str, str], int] = {}

    async def handle(self, msg: Incoming, update_key: str | None = None,
                     hold_back: bool = False, numbered: Limits | None = None
                     ) -> list[Reply] | None:
        """Answer `msg`; with `update_key`, a redelivered update returns None and changes nothing.

        The key is claimed in the same transaction as the update's effects, so an update is
        either applied once or (after a crash before commit) not at all and applied on redelivery.
        When its transaction does not commit, whatever the error, the user gets a polite
        "temporarily unavailable"; with `hold_back` (a channel that gets the update again) it
        comes as HeldBack and the update is tried again, unless it failed `MAX_FAILURES` times
        while the database answered (then it is the update, not the database: it is given up).

        `numbered`: the limits of a channel whose buttons become numbered lines. A number the
        user typed is read as the button it numbers, and the numbers of this answer are stored,
        both in the update's transaction (the channel then sends with `remember=False`).
        """
        # Flood control comes first, before any database work, for every channel at once.
        verdict = self.flood.check(msg.channel, msg.user_id)
        if verdict != "ok":
            return self._flooded(msg, verdict)
        now = self.clock()
        # When it came: a contest answer held back by an outage is timed from then.
        msg = replace(msg, received_at=self._held.get((msg.channel, update_key or "")) or now)
        job = _Job(msg, update_key, now, time.perf_counter(),
                   asyncio.get_running_loop().create_future(), numbered)
        lane = (hash(job.user) % len(self._queues)) if len(self._queues) > 1 else 0
        self._queues[lane].append(job)
        if self._workers[lane] is None:
            self._workers[lane] = asyncio.create_task(self._drain(lane),
                                                      name=f"dispatcher lane {lane}")
        try:
            replies = await job.done
        except Exception as exc:  # not committed: held back or answered, never lost silently
            return await self._not_applied(msg, update_key, exc, hold_back)
        if update_key is not None:
            self._failures.pop((msg.channel, update_key), None)
            self._held.pop((msg.channel, update_key), None)
        return replies

    async def _drain(self, lane: int) -> None:
        """Apply the lane's queued updates, a batch at a time, until none is left."""
        queue = self._queues[lane]
        try:
            while queue:
                await self._run(self._next_batch(queue))
        finally:
            self._workers[lane] = None
            while queue:  # cancelled (the loop is closing): nobody will apply these
                queue.popleft().done.cancel()

    def _next_batch(self, queue: deque[_Job]) -> list[_Job]:
        """The oldest queued updates, at most one per user (a user's next update must see what
        the previous one did) and `batch_size` in all; the others keep their order."""
        batch: list[_Job] = []
        users: set[tuple[str, str]] = set()
        kept: list[_Job] = []
        while queue and len(batch) < self.batch_size:
            job = queue.popleft()
            if job.done.done():  # its caller stopped waiting
                continue
            if job.user in users:
                kept.append(job)
            else:
                users.add(job.user)
                batch.append(job)
        queue.extendleft(reversed(kept))
        return batch

    async def _run(self, batch: list[_Job]) -> None:
        """Apply a batch in one transaction; if it fails, apply each of its updates alone."""
        if not batch:
            return
        try:
            try:
                outcomes = await self._apply(batch)
            except Exception as exc:
                if len(batch) == 1:
                    _settle(batch[0], exc)
                    return
                log.debug("a batch of %d updates failed (%s); applying each alone",
                          len(batch), type(exc).__name__)
                for job in batch:
                    try:
                        [outcome] = await self._apply([job])
                    except Exception as alone:
                        _settle(job, alone)
                    else:
                        self._count(job, outcome)
                return
            self.metrics.batch.observe(len(batch))
            for job, outcome in zip(batch, outcomes, strict=True):
                self._count(job, outcome)
        finally:
            for job in batch:  # cancelled midway: its callers must not wait forever
                if not job.done.done():
                    job.done.cancel()

    def _count(self, job: _Job, outcome: Outcome | None) -> None:
        """Hand the replies to the waiting update; count it in the metrics."""
        if outcome is not None:
            self.metrics.updates.labels(job.msg.channel, outcome.feature).inc()
            self.metrics.latency.labels(job.msg.channel).observe(
                time.perf_counter() - job.started)
        _settle(job, None if outcome is None else outcome.replies)

    async def _not_applied(self, msg: Incoming, update_key: str | None, exc: Exception,
                           hold_back: bool) -> list[Reply]:
        """The update's transaction did not commit: hold it back, or answer "try later"."""
        key = (msg.channel, update_key or "")
        outage = is_outage(exc) or not await self._database_answers()
        failures = self._failures.pop(key, 0)
        first = failures == 0 and key not in self._held
        if not outage:
            failures += 1
        give_up = not hold_back or update_key is None or failures >= MAX_FAILURES
        if outage:
            if first or not hold_back:
                log.warning("database unavailable (%s); %s update %s", type(exc).__name__,
                            msg.channel, "held back" if hold_back else "answered: try later")
        elif give_up:
            log.error("%s update failed %d times while the database answered; given up",
                      msg.channel, failures, exc_info=exc)
        elif failures == 1:
            log.error("%s update failed; held back to be tried again", msg.channel,
                      exc_info=exc)
        self.metrics.unavailable.labels(msg.channel).inc()
        self._held.pop(key, None)
        if not give_up:
            self._failures[key] = failures
            self._held[key] = msg.received_at or self.clock()
            while len(self._held) > HELD_MEMORY:
                old = next(iter(self._held))
                del self._held[old]
                self._failures.pop(old, None)
        # The user's own language is in the database, which may not answer.
        with use_locale(self.settings.bot.locale):
            replies = unavailable_replies(will_answer=not give_up)
        if give_up:
            return replies
        raise HeldBack(replies) from exc

    async def _database_answers(self) -> bool:
        """A quick probe: does the database answer at all right now?"""
        try:
            async with asyncio.timeout(PROBE_SECONDS), self.sessions() as s:
                await s.execute(text("SELECT 1"))
        except Exception:  # any failure of the probe means: it does not answer
            return False
        return True

    async def _apply(self, batch: list[_Job]) -> list[Outcome | None]:
        """One transaction: claim the batch's keys, touch its users, run each update through
        the core, log them; None for an update that was applied before."""
        organizers = {job.user: job.msg.user_id in self.settings.organizer_ids(job.msg.channel)
                      for job in batch}
        async with self._writing(), self.sessions() as s, s.begin():
            keyed = [(job.msg.channel, job.key, job.now) for job in batch if job.key is not None]
            claimed = await repo.claim_updates(s, keyed)
            fresh = [job for job in batch
                     if job.key is None or (job.msg.channel, job.key) in claimed]
            seen = await repo.touch_users(s, [
                repo.Arrival(job.msg.channel, job.msg.user_id, job.msg.display_name, job.now,
                             organizers[job.user]) for job in fresh])
            outcomes: dict[int, Outcome] = {}
            logged: list[tuple[int, str, str, datetime, bool]] = []
            for job in fresh:
                found, msg = seen[job.user], job.msg
                number = typed_number(msg.text) if job.numbered is not None else None
                if number is not None and not (msg.is_button or msg.is_media):
                    command = (await load_choices(s, msg.channel, msg.user_id)).get(number)
                    if command:
                        msg = replace(msg, text=command, is_button=True)
                view = UserView(
                    channel=msg.channel,
                    external_id=msg.user_id,
                    locale=found.user.locale or self.settings.bot.locale,
                    is_organizer=organizers[job.user],
                    is_new=found.is_new,
                    state=found.state,
                    user_id=found.user.id,
                    district=found.user.district,
                )
                with use_locale(view.locale):
                    outcome = await self.conversation.handle(
                        msg, view, SqlStore(s, found.user, job.now, self.identity_key,
                                            self.settings.web.base_url, self.known_attempts,
                                            self.settings.flood.questions_per_day))
                if job.numbered is not None:
                    # Stored before the answer is sent: if it is cut or its outcome unknown,
                    # the user may have read these numbers, and typing one must press its
                    # button.
                    degraded = plan(outcome.replies, job.numbered)
                    if degraded.numbered:
                        await save_choices(s, msg.channel, msg.user_id, degraded.choices,
                                           job.now)
                outcomes[id(job)] = outcome
                logged.append((found.user.id, job.msg.channel, outcome.feature, job.now,
                               organizers[job.user]))
                if len(fresh) > 1:
                    # The next update starts from the database, as it would in its own session.
                    if s.new or s.dirty or s.deleted:
                        await s.flush()
                    if s.identity_map:
                        s.expunge_all()
                    # Let a webhook be answered or an answer be sent between two updates of a
                    # long batch.
                    await asyncio.sleep(0)
            await repo.log_messages(s, logged)
        return [outcomes.get(id(job)) for job in batch]

    def _writing(self) -> contextlib.AbstractAsyncContextManager[Any]:
        """SQLite's one writer, in turn; nothing to wait for on PostgreSQL."""
        return self._writer if self._writer is not None else contextlib.nullcontext()

    async def journal(self, channel: str, payload: str, settled: Sequence[int] = ()) -> int:
        """Make a polled batch (its JSON) durable before it is confirmed, and forget the
        `settled` batches; the batch's id. Raises when it did not commit."""
        async with self._writing(), self.sessions() as s, s.begin():
            return await journal.write(s, channel, payload, self.clock(), settled)

    async def journaled(self, channel: str) -> list[tuple[int, str]]:
        """The channel's journaled batches not yet settled, oldest first."""
        async with self.sessions() as s:
            return await journal.pending(s, channel)

    async def settle(self, ids: Sequence[int]) -> None:
        """Forget journaled batches whose every update was applied or given up."""
        if ids:
            async with self._writing(), self.sessions() as s, s.begin():
                await journal.settle(s, ids)

    def _flooded(self, msg: Incoming, verdict: Verdict) -> list[Reply]:
        """The one slow-down message of a cool-down, then silence (nothing is stored)."""
        self.metrics.flood.labels(msg.channel).inc()
        if verdict == "drop":
            return []
        # The user's own language is in the database, which a flood must not reach.
        with use_locale(self.settings.bot.locale):
            seconds = math.ceil(self.settings.flood.cooldown_seconds)
            return [Reply(_("Quý vị nhắn nhanh quá, Chatbot chưa kịp trả lời. Xin vui lòng "
                            "đợi khoảng {seconds} giây rồi nhắn tiếp.").format(seconds=seconds))]

    async def mark_inactive(self, channel: str, external_id: str) -> None:
        """The user blocked the bot or stopped following: stop sending to them."""
        async with self.sessions() as s, s.begin():
            await repo.mark_inactive(s, channel, external_id)

    async def unfollowed(self, channel: str, external_id: str, sent_ms: int | None) -> bool:
        """The user stopped following at `sent_ms`: stop sending to them, unless a follow
        sent later was applied already (the unfollow was refused, then delivered again after
        it). False when ignored so."""
        async with self.sessions() as s, s.begin():
            if sent_ms is not None and await repo.followed_after(s, channel, external_id,
                                                                 sent_ms):
                return False
            await repo.mark_inactive(s, channel, external_id)
            return True

    async def mark_active(self, channel: str, external_id: str) -> None:
        """The user unblocked the bot without writing to it: send to them again (what they
        subscribed to stayed)."""
        async with self.sessions() as s, s.begin():
            await repo.mark_active(s, channel, external_id)


def _settle(job: _Job, result: list[Reply] | Exception | None) -> None:
    """Resolve the update's future (unless its caller stopped waiting)."""
    if job.done.done():
        return
    if isinstance(result, Exception):
        job.done.set_exception(result)
    else:
        job.done.set_result(result)
