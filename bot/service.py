"""One unit of work per update: user, locale, conversation core, message log."""

from __future__ import annotations

import asyncio
import logging
import math
import time
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.db import console, repo
from bot.db.broadcast import SqlBroadcastStore
from bot.db.choices import load_choices, save_choices
from bot.db.contest import SqlContestStore, identity_hash
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
from handlers.types import Clock, Incoming, Reply, UserView

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

    async def set_locale(self, locale: str) -> None:
        await repo.set_locale(self.session, self.user.id, locale)

    async def set_state(self, flow: str, step: str, data: dict[str, Any]) -> None:
        await repo.set_state(self.session, self.user.id, flow, step, data, self.now)

    async def clear_state(self) -> None:
        await repo.clear_state(self.session, self.user.id)

    async def set_district(self, district: str | None) -> None:
        await repo.set_district(self.session, self.user.id, district)

    @property
    def contest(self) -> SqlContestStore:
        if self.identity_key is None:
            raise RuntimeError("the contest's identity key is not loaded: call App.start()")
        return SqlContestStore(self.session, self.user.id, identity_hash(
            self.identity_key, self.user.channel, self.user.external_id))

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
        return SqlQuestionStore(self.session, self.user.id, self.user.channel, self.now)

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


class Dispatcher:
    """Turn an Incoming into replies inside one database transaction."""

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
        # SQLite has one writer and every update writes (its log row). Many updates at once
        # would each hold the write lock across their awaits and wait in SQLite's busy handler
        # until its timeout ("database is locked"); queueing them here keeps every wait short.
        bind = sessions.kw.get("bind")
        self._one_writer = (asyncio.Lock() if bind is not None and bind.dialect.name == "sqlite"
                            else None)
        # Updates held back (insertion-ordered, bounded) and how often each failed while the
        # database answered.
        self._held: dict[tuple[str, str], None] = {}
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
        started = time.perf_counter()
        try:
            if self._one_writer is None:
                replies = await self._apply(msg, update_key, started, numbered)
            else:
                async with self._one_writer:
                    replies = await self._apply(msg, update_key, started, numbered)
        except Exception as exc:  # not committed: held back or answered, never lost silently
            return await self._not_applied(msg, update_key, exc, hold_back)
        if update_key is not None:
            self._failures.pop((msg.channel, update_key), None)
            self._held.pop((msg.channel, update_key), None)
        return replies

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
            self._held[key] = None
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

    async def _apply(self, msg: Incoming, update_key: str | None, started: float,
                     numbered: Limits | None) -> list[Reply] | None:
        now = self.clock()
        async with self.sessions() as s, s.begin():
            if update_key is not None and not await repo.claim_update(
                s, msg.channel, update_key, now
            ):
                return None
            number = typed_number(msg.text) if numbered is not None else None
            if number is not None and not (msg.is_button or msg.is_media):
                command = (await load_choices(s, msg.channel, msg.user_id)).get(number)
                if command:
                    msg = replace(msg, text=command, is_button=True)
            is_organizer = msg.user_id in self.settings.organizer_ids(msg.channel)
            user, is_new = await repo.touch_user(s, msg.channel, msg.user_id,
                                                 msg.display_name, now, is_organizer)
            view = UserView(
                channel=msg.channel,
                external_id=msg.user_id,
                locale=user.locale or self.settings.bot.locale,
                is_organizer=is_organizer,
                is_new=is_new,
                # Most users are in no flow: their state is not worth a query.
                state=await repo.get_state(s, user.id) if user.has_state else None,
                user_id=user.id,
                district=user.district,
            )
            with use_locale(view.locale):
                outcome = await self.conversation.handle(
                    msg, view, SqlStore(s, user, now, self.identity_key,
                                        self.settings.web.base_url))
            if numbered is not None:
                # Stored before the answer is sent: if it is cut or its outcome unknown, the
                # user may have read these numbers, and typing one must press its button.
                degraded = plan(outcome.replies, numbered)
                if degraded.numbered:
                    await save_choices(s, msg.channel, msg.user_id, degraded.choices, now)
            await repo.log_message(s, user.id, msg.channel, outcome.feature, now,
                                   is_organizer)
        self.metrics.updates.labels(msg.channel, outcome.feature).inc()
        self.metrics.latency.labels(msg.channel).observe(time.perf_counter() - started)
        return outcome.replies

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
