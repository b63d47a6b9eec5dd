"""Turn signed Zalo OA webhook events into our messages and our replies into OA API v3 calls."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

import aiohttp
from aiohttp import web
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.zalo import webhook as events
from bot.channels.zalo.client import (
    MAX_BUTTONS,
    MAX_TEXT,
    NOT_FOLLOWING,
    RATE_LIMITED,
    TOKEN_ERRORS,
    WINDOW_ERRORS,
    TokenPair,
    ZaloApiError,
    ZaloClient,
)
from bot.channels.zalo.queue import KeyedWorkers
from bot.channels.zalo.tokens import TokenError, TokenManager, TokenStore, utc_now
from bot.channels.zalo.window import CHANNEL, users_in_window, window_state
from bot.db.faults import HeldBack, is_outage, unavailable_replies
from bot.db.models import ZaloChoice
from bot.db.repo import dialect_insert
from bot.observability import Refused, parse_json
from bot.service import Dispatcher
from bot.settings import WebSettings, ZaloSettings
from bot.webserver import body_limits, read_body
from handlers.i18n import use_locale
from handlers.text import split_message
from handlers.types import Button, Incoming, Reply
from scheduler.supervisor import Supervised, Supervisor

log = logging.getLogger(__name__)

# Zalo button titles: the docs and SDKs disagree (20 or 100 characters); 100 by default.
BUTTON_TITLE_MAX = 100
# processed_updates.update_key holds at most this many characters.
KEY_MAX = 64
# The seeded access token's age is unknown: trust it this long (a -216 refreshes it sooner).
SEED_LIFETIME = timedelta(hours=1)


@dataclass(frozen=True)
class SendResult:
    """What became of the replies to one user.

    sent: every message delivered. skipped: not sent on purpose (reason outside_window,
    not_following or inactive; code is Zalo's, or None when decided before calling Zalo).
    failed: Zalo or the network refused (code and message as Zalo gave them).
    """

    status: Literal["sent", "skipped", "failed"]
    messages: int = 0
    code: int | None = None
    reason: str = ""


@dataclass(frozen=True)
class Rendered:
    """The OA messages for a list of replies, and the numbers typed to press buttons 6+."""

    messages: list[dict[str, Any]]
    choices: dict[str, str]
    has_buttons: bool


def _title(label: str) -> str:
    return label if len(label) <= BUTTON_TITLE_MAX else label[: BUTTON_TITLE_MAX - 1] + "…"


def _zalo_button(b: Button) -> dict[str, Any]:
    if b.url:
        return {"title": _title(b.label), "type": "oa.open.url", "payload": {"url": b.url}}
    # oa.query.hide: the payload comes back as the user's text without showing in the chat.
    return {"title": _title(b.label), "type": "oa.query.hide", "payload": b.command}


def render(replies: list[Reply]) -> Rendered:
    """Each reply as text parts of at most 2,000 characters; its first 5 buttons as a template
    on the last part, the others as numbered lines "[6] Label" (numbers run on across replies).
    """
    messages: list[dict[str, Any]] = []
    choices: dict[str, str] = {}
    has_buttons = False
    for reply in replies:
        shown, overflow = reply.buttons[:MAX_BUTTONS], reply.buttons[MAX_BUTTONS:]
        has_buttons = has_buttons or bool(reply.buttons)
        lines = []
        for b in overflow:
            n = str(MAX_BUTTONS + 1 + len(choices))
            if b.url:
                lines.append(f"[{n}] {b.label}: {b.url}")
            else:
                lines.append(f"[{n}] {b.label}")
            choices[n] = b.command
        text = reply.full_text() + ("\n\n" + "\n".join(lines) if lines else "")
        parts = split_message(text, MAX_TEXT) or [" "]
        for i, part in enumerate(parts):
            message: dict[str, Any] = {"text": part}
            if shown and i == len(parts) - 1:
                message["attachment"] = {
                    "type": "template",
                    "payload": {"buttons": [_zalo_button(b) for b in shown]},
                }
            messages.append(message)
    # A numbered URL button has no command: typing its number stays plain text.
    return Rendered(messages, {n: c for n, c in choices.items() if c}, has_buttons)


class ZaloChannel:
    """A Zalo Official Account: webhook in, OA API v3 out; the conversation stays in the core."""

    name = CHANNEL

    def __init__(self, settings: ZaloSettings, dispatcher: Dispatcher,
                 sessions: async_sessionmaker[AsyncSession], clock: Callable[[], datetime],
                 *, token_now: Callable[[], datetime] = utc_now,
                 rate_limit_delay: float = 1.0, rate_limit_attempts: int = 4,
                 refresh_check_seconds: float = 60.0,
                 event_max_age: timedelta = timedelta(hours=WebSettings.update_retention_hours),
                 clock_skew: timedelta = timedelta(seconds=WebSettings.clock_skew_seconds),
                 supervisor: Supervisor | None = None) -> None:
        self.settings = settings
        self.dispatcher = dispatcher
        self.sessions = sessions
        self.clock = clock
        # The real clock (even under a simulated one): tokens and event timestamps are real.
        self.token_now = token_now
        self.event_max_age = event_max_age
        self.clock_skew = clock_skew
        self.rate_limit_delay = rate_limit_delay
        self.rate_limit_attempts = rate_limit_attempts
        self.refresh_check_seconds = refresh_check_seconds
        self.store = TokenStore(sessions, settings.app_id)
        self._session: aiohttp.ClientSession | None = None
        self.client: ZaloClient | None = None
        self.tokens: TokenManager | None = None
        self.supervisor = supervisor or Supervisor(expected=is_outage)
        self._workers = KeyedWorkers(settings.workers, settings.backlog, self._process_logged,
                                     "zalo")
        self._keeper: Supervised | None = None
        # Events held back whose user was already told to wait (by event key).
        self._apologized: set[str] = set()
        # Events before start() or during stop() get 503: Zalo delivers them again later.
        self._ready = False

    # ---- lifecycle -------------------------------------------------------------------------

    def mount(self, web_app: web.Application) -> None:
        web_app.router.add_post(self.settings.webhook_path, self.webhook)

    async def start(self) -> None:
        """Open the HTTP session, seed (first start only) and load the token pair."""
        s = self.settings
        self._session = aiohttp.ClientSession()
        self.client = ZaloClient(self._session, s.api_base, s.oauth_base, s.app_id, s.app_secret)
        self.tokens = TokenManager(self.store, self.client, now=self.token_now)
        seed = None
        if s.refresh_token or s.access_token:
            # The seed's real expiry is unknown: an access token is tried (a -216 refreshes
            # it); without one the first send refreshes.
            now = self.token_now()
            seed = TokenPair(s.access_token, s.refresh_token,
                             now + (SEED_LIFETIME if s.access_token else timedelta(0)))
        await self.tokens.start(seed)
        self._keeper = self.supervisor.start("zalo token keeper", self._keep_fresh)
        self._workers.start(self.supervisor)
        self._ready = True
        log.info("zalo channel started")  # the webhook path is unguessable: not logged

    async def stop(self) -> None:
        """Refuse new events (Zalo retries them later), process the acknowledged ones, close.

        Acknowledged events are not redelivered by Zalo, so they are drained, for at most
        `drain_seconds`; whatever is left then is lost and counted in the log.
        """
        self._ready = False
        left = await self._workers.drain(self.settings.drain_seconds)
        if left:
            log.error("zalo: %d acknowledged events were not processed before stopping", left)
        if self._keeper is not None:
            await self._keeper.stop(cancel=True)
        if self._session is not None:
            await self._session.close()
        log.info("zalo channel stopped")

    async def _keep_fresh(self) -> None:
        """Refresh ahead of expiry even when nobody writes: the refresh token ages too."""
        while True:
            await asyncio.sleep(self.refresh_check_seconds)
            if self.tokens is None:
                continue
            try:
                await self.tokens.access_token()
            except TokenError as err:
                log.error("zalo token keeper: %s", err)

    # ---- webhook ---------------------------------------------------------------------------

    async def webhook(self, request: web.Request) -> web.Response:
        """Check the signature, answer at once (Zalo waits 2 s), process in the background.

        The signature is checked on the raw bytes before they are parsed, and the event's age
        right after: refusals are counted (hoctap_webhook_rejected_total) and summarized in
        the log, never logged one by one.
        """
        if not self._ready:
            return web.Response(status=503, text="not ready")
        given = request.headers.get(events.SIGNATURE_HEADER)
        if not given:
            raise Refused(401, "unsigned", "missing signature", close=True)
        raw = await read_body(request)
        s = self.settings
        timestamp = events.signed_timestamp(given, s.app_id, raw, s.oa_secret_key)
        if timestamp is None:
            raise Refused(401, "bad_signature", "wrong signature", close=True)
        data = parse_json(raw, body_limits(request).max_depth, exact=True)
        try:
            data = events.parse_body(data)
        except events.BadEvent as err:
            return web.Response(status=400, text=str(err))
        if data["timestamp"] != timestamp:  # the signature was over a nested timestamp
            raise Refused(401, "bad_signature", "wrong signature", close=True)
        too = events.age_refusal(timestamp, self.token_now(), self.event_max_age,
                                 self.clock_skew)
        if too is not None:
            raise Refused(400, too, f"event too {'old' if too == 'stale' else 'far ahead'}")
        try:
            event = events.narrow(data)
        except events.BadEvent as err:
            log.warning("zalo webhook body refused: %s", err)
            return web.Response(status=400, text=str(err))
        if event is None:
            if data["event_name"] not in events.QUIET_EVENTS:
                log.info("zalo event %s ignored", data["event_name"][:64])
            return web.Response(status=200)
        if not self._workers.put(event.user_id, event):
            # Not acknowledged: Zalo delivers it again later (msg_id keeps it applied once).
            log.warning("zalo backlog full (%d events); event refused with 503",
                        self._workers.backlog)
            return web.Response(status=503, text="busy")
        return web.Response(status=200)

    async def _process_logged(self, event: events.Event) -> bool:
        """The one error handler of background events: log with the traceback, keep working.

        False: the event was not applied (its transaction did not commit) and is tried again.
        """
        try:
            return await self._process(event)
        except Exception:
            log.exception("zalo event failed (%s)", event.name)
            return True

    async def _process(self, event: events.Event) -> bool:
        """Route one event through the core and send the replies; False to try it again."""
        try:
            if event.name == events.UNFOLLOW:
                await self.dispatcher.mark_inactive(CHANNEL, event.user_id)
                log.info("zalo user stopped following; marked inactive")
                return True
            if event.name == events.FOLLOW:
                # Welcome with the core's own /start answer (greeting and main menu).
                msg = Incoming(CHANNEL, event.user_id, "/start",
                               display_name=event.display_name)
            elif event.name == events.TEXT:
                msg = await self._incoming_text(event)
            else:
                msg = Incoming(CHANNEL, event.user_id, "", is_media=True,
                               display_name=event.display_name)
        except Exception as exc:  # nothing committed: an outage is waited out, a bug raised
            if not is_outage(exc):
                raise
            if event.key not in self._apologized:
                self._apologized.add(event.key)
                log.warning("database unavailable (%s); zalo event %s held back",
                            type(exc).__name__, event.name)
                with use_locale(self.dispatcher.settings.bot.locale):
                    apology = unavailable_replies(will_answer=True)
                await self._apologize(event.user_id, apology)
            return False
        try:
            replies = await self.dispatcher.handle(msg, update_key=_key(event.key),
                                                   hold_back=True)
        except HeldBack as held:
            # Acknowledged, so Zalo will not send it again: kept and tried again here. The
            # user is told once.
            if event.key not in self._apologized:
                self._apologized.add(event.key)
                await self._apologize(event.user_id, held.replies)
            return False
        self._apologized.discard(event.key)
        if replies is None:
            log.info("zalo event %s was already applied; skipped", event.name)
            return True
        result = await self.send(event.user_id, replies)
        if result.status != "sent":
            log.warning("zalo reply %s: %s %s", result.status, result.code, result.reason)
        return True

    async def _apologize(self, user_id: str, replies: list[Reply]) -> None:
        """Tell a user whose message waits for the database (they just wrote: inside the
        interaction window, which is in the database and not checked)."""
        for message in render(replies).messages:
            try:
                result = await self._send_one(user_id, message)
            except Exception as exc:  # a courtesy during an outage: its failure changes nothing
                log.warning("zalo: the apology was not sent (%s)", type(exc).__name__)
                return
            if result is not None:
                log.warning("zalo: the apology was not sent: %s %s", result.status,
                            result.reason)
                return

    async def _incoming_text(self, event: events.Event) -> Incoming:
        """The text as the user's message; a listed number presses that numbered button."""
        number = event.text.strip()
        if number.isdigit() and len(number) <= 3:
            command = (await self._load_choices(event.user_id)).get(number)
            if command:
                return Incoming(CHANNEL, event.user_id, command, is_button=True,
                                display_name=event.display_name)
        return Incoming(CHANNEL, event.user_id, event.text, display_name=event.display_name)

    # ---- numbered buttons ------------------------------------------------------------------

    async def _load_choices(self, user_id: str) -> dict[str, str]:
        async with self.sessions() as s:
            raw = (await s.execute(
                select(ZaloChoice.commands).where(ZaloChoice.external_id == user_id)
            )).scalar_one_or_none()
        if raw is None:
            return {}
        value = json.loads(raw)
        return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}

    async def _save_choices(self, user_id: str, choices: dict[str, str]) -> None:
        """Remember this answer's numbers (in the DB: they outlive restarts and processes)."""
        now = self.clock()
        commands = json.dumps(choices, ensure_ascii=False)
        async with self.sessions() as s, s.begin():
            insert = dialect_insert(s)
            stmt = insert(ZaloChoice).values(external_id=user_id, commands=commands,
                                             updated_at=now)
            await s.execute(stmt.on_conflict_do_update(
                index_elements=["external_id"],
                set_={"commands": commands, "updated_at": now},
            ))

    # ---- the 7-day rule --------------------------------------------------------------------

    async def users_in_window(self) -> list[str]:
        """Active Zalo users inside the interaction window now (for broadcasts)."""
        return await users_in_window(self.sessions, self.clock(),
                                     self.settings.interaction_window_days)

    # ---- sending ---------------------------------------------------------------------------

    async def send(self, user_id: str, replies: list[Reply]) -> SendResult:
        """Send replies as OA consultation messages; stop at the first refusal."""
        reason = await window_state(self.sessions, user_id, self.clock(),
                                    self.settings.interaction_window_days)
        if reason is not None:
            return SendResult("skipped", reason=reason)
        rendered = render(replies)
        sent = 0
        for message in rendered.messages:
            result = await self._send_one(user_id, message)
            if result is not None:
                return SendResult(result.status, sent, result.code, result.reason)
            sent += 1
        if rendered.has_buttons:
            # A reply without buttons keeps the previous numbers usable (as on the console).
            await self._save_choices(user_id, rendered.choices)
        return SendResult("sent", sent)

    async def _send_one(self, user_id: str, message: dict[str, Any]) -> SendResult | None:
        """POST one message; None when delivered, else why not."""
        if self.client is None or self.tokens is None:
            raise RuntimeError("ZaloChannel.send before start()")
        refreshed = False
        limited = 0
        while True:
            try:
                token = await self.tokens.access_token()
            except TokenError as err:
                return SendResult("failed", reason=f"no access token: {err}")
            try:
                await self.client.send_message(token, user_id, message)
                return None
            except ZaloApiError as err:
                if err.code in TOKEN_ERRORS and not refreshed:
                    refreshed = True
                    log.info("zalo access token refused (%s); refreshing", err.code)
                    try:
                        await self.tokens.refresh(stale=token)
                    except TokenError as terr:
                        return SendResult("failed", code=err.code, reason=str(terr))
                    continue
                if err.code in WINDOW_ERRORS:
                    return SendResult("skipped", code=err.code, reason="outside_window")
                if err.code == NOT_FOLLOWING:
                    await self.dispatcher.mark_inactive(CHANNEL, user_id)
                    return SendResult("skipped", code=err.code, reason="not_following")
                if err.code == RATE_LIMITED and limited + 1 < self.rate_limit_attempts:
                    delay = self.rate_limit_delay * 2**limited
                    limited += 1
                    log.warning("zalo rate limit (-32); retrying in %.1f s", delay)
                    await asyncio.sleep(delay)
                    continue
                log.warning("zalo refused a message: %s %s", err.code, err.message[:200])
                return SendResult("failed", code=err.code, reason=err.message)
            except TimeoutError:
                # The request may have reached Zalo: repeating it could send twice.
                log.warning("zalo send timed out; outcome uncertain, not repeated")
                return SendResult("failed", reason="timeout: outcome unknown")
            except aiohttp.ClientError as err:
                log.warning("zalo send failed: %s", type(err).__name__)
                return SendResult("failed", reason=f"network: {type(err).__name__}")


def _key(key: str) -> str:
    """An update key that fits processed_updates (msg_ids are 32 hex digits in practice)."""
    if len(key) <= KEY_MAX:
        return key
    return "h:" + hashlib.sha256(key.encode()).hexdigest()[: KEY_MAX - 2]
