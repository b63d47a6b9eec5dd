"""Turn signed Zalo OA webhook events into our messages and our replies into OA API v3 calls."""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

import aiohttp
from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.base import Channel
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
from bot.db.choices import SqlChoiceStore
from bot.db.faults import HeldBack, is_outage, unavailable_replies
from bot.observability import Refused, parse_json
from bot.service import Dispatcher
from bot.settings import WebSettings, ZaloSettings
from bot.webserver import body_limits, read_body
from handlers.channel import Delivery, Limits, Retry
from handlers.i18n import use_locale
from handlers.types import Button, Incoming, Reply
from scheduler.supervisor import Supervised, Supervisor

log = logging.getLogger(__name__)

# Zalo button titles: the docs and SDKs disagree (20 or 100 characters); 100 by default.
BUTTON_TITLE_MAX = 100
# processed_updates.update_key holds at most this many characters.
KEY_MAX = 64
# The seeded access token's age is unknown: trust it this long (a -216 refreshes it sooner).
SEED_LIFETIME = timedelta(hours=1)


def _title(label: str) -> str:
    return label if len(label) <= BUTTON_TITLE_MAX else label[: BUTTON_TITLE_MAX - 1] + "…"


def _zalo_button(b: Button) -> dict[str, Any]:
    if b.url:
        return {"title": _title(b.label), "type": "oa.open.url", "payload": {"url": b.url}}
    # oa.query.hide: the payload comes back as the user's text without showing in the chat.
    return {"title": _title(b.label), "type": "oa.query.hide", "payload": b.command}


class ZaloChannel(Channel):
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
        # Zalo's -32 names no wait: the retry policy backs off from rate_limit_delay.
        self.retry = Retry(attempts=rate_limit_attempts, backoff=rate_limit_delay)
        self.limits = Limits(text=MAX_TEXT, buttons=MAX_BUTTONS, url_buttons=True,
                             rate=settings.rate)
        self.choices = SqlChoiceStore(sessions, clock)
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
                if await self.dispatcher.unfollowed(CHANNEL, event.user_id, event.sent_ms):
                    log.info("zalo user stopped following; marked inactive")
                else:
                    log.info("zalo unfollow older than the user's follow; ignored")
                return True
            if event.name == events.FOLLOW:
                # Welcome with the core's own /start answer (greeting and main menu).
                msg = Incoming(CHANNEL, event.user_id, "/start",
                               display_name=event.display_name)
            elif event.name == events.TEXT:
                msg = Incoming(CHANNEL, event.user_id, event.text,
                               display_name=event.display_name)
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
            # One transaction: the event's key, the user, the typed number read and this
            # answer's numbers stored, the message log.
            replies = await self.dispatcher.handle(msg, update_key=_key(event.key),
                                                   hold_back=True, numbered=self.limits)
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
        outcome = await self._answer(event.user_id, replies)
        if outcome.status == "blocked":
            await self.dispatcher.mark_inactive(CHANNEL, event.user_id)
            log.info("zalo user stopped following; marked inactive")
        elif outcome.status != "sent":
            log.warning("zalo reply %s after %d messages: %s", outcome.status, outcome.parts,
                        outcome.reason)
        return True

    async def _answer(self, user_id: str, replies: Sequence[Reply]) -> Delivery:
        """Answer a user who just wrote: inside the interaction window by definition (no
        query), the numbers already stored with the update."""
        return await super().send(user_id, replies, retry=self.retry, remember=False)

    async def _apologize(self, user_id: str, replies: list[Reply]) -> None:
        """Tell a user whose message waits for the database (the database is not asked)."""
        try:
            outcome = await self._answer(user_id, replies)
        except Exception as exc:  # a courtesy during an outage: its failure changes nothing
            log.warning("zalo: the apology was not sent (%s)", type(exc).__name__)
            return
        if outcome.status != "sent":
            log.warning("zalo: the apology was not sent: %s %s", outcome.status,
                        outcome.reason)

    # ---- the 7-day rule --------------------------------------------------------------------

    async def users_in_window(self) -> list[str]:
        """Active Zalo users inside the interaction window now (for broadcasts)."""
        return await users_in_window(self.sessions, self.clock(),
                                     self.settings.interaction_window_days)

    # ---- the channel contract --------------------------------------------------------------

    async def send(self, external_id: str, replies: Sequence[Reply], *,
                   retry: Retry | None = None, remember: bool = True,
                   unasked: bool = False) -> Delivery:
        """Send unprompted (a reminder, an announcement, a progress report): Zalo lets an OA
        write only inside the interaction window, checked here before any call."""
        reason = await window_state(self.sessions, external_id, self.clock(),
                                    self.settings.interaction_window_days)
        if reason is not None:
            return Delivery("skipped", reason=reason)
        return await super().send(external_id, replies, retry=retry, remember=remember,
                                  unasked=unasked)

    async def send_text(self, external_id: str, text: str, *, title: str | None = None,
                        buttons: tuple[Button, ...] = ()) -> Delivery:
        """POST one consultation message, its buttons as a template; once, except that a
        refused access token is refreshed and the message sent with the new one."""
        if self.client is None or self.tokens is None:
            raise RuntimeError("ZaloChannel.send_text before start()")
        message: dict[str, Any] = {"text": (f"{title}\n\n{text}" if title else text) or " "}
        if buttons:
            message["attachment"] = {"type": "template", "payload": {
                "buttons": [_zalo_button(b) for b in buttons]}}
        refreshed = False
        while True:
            try:
                token = await self.tokens.access_token()
            except TokenError as err:
                return Delivery("failed", reason=f"no access token: {err}")
            try:
                await self.client.send_message(token, external_id, message)
                return Delivery("sent")
            except ZaloApiError as err:
                if err.code in TOKEN_ERRORS and not refreshed:
                    # Refused before it was delivered: sending again with a new token is safe.
                    refreshed = True
                    log.info("zalo access token refused (%s); refreshing", err.code)
                    try:
                        await self.tokens.refresh(stale=token)
                    except TokenError as terr:
                        return Delivery("failed", reason=f"{err.code}: {terr}")
                    continue
                return _refused(err)
            except TimeoutError:
                # The request may have reached Zalo: repeating it could send twice.
                return Delivery("uncertain", reason="timeout: outcome unknown")
            except aiohttp.ClientConnectorError as err:
                return Delivery("retry", reason=f"not sent: {type(err).__name__}")
            except aiohttp.ClientError as err:
                return Delivery("uncertain", reason=f"network: {type(err).__name__}")


def _refused(err: ZaloApiError) -> Delivery:
    """What Zalo's refusal means for the message."""
    if err.code in WINDOW_ERRORS:
        return Delivery("skipped", reason="outside_window")
    if err.code == NOT_FOLLOWING:
        return Delivery("blocked", reason="not_following")
    if err.code == RATE_LIMITED:
        return Delivery("rate_limited", reason=f"{err.code} {err.message}"[:200])
    if err.code >= 500:  # an HTTP 5xx without Zalo's answer: it may have been delivered
        return Delivery("uncertain", reason=f"HTTP {err.code}")
    log.warning("zalo refused a message: %s %s", err.code, err.message[:200])
    return Delivery("failed", reason=f"{err.code} {err.message}"[:200])


def _key(key: str) -> str:
    """An update key that fits processed_updates (msg_ids are 32 hex digits in practice)."""
    if len(key) <= KEY_MAX:
        return key
    return "h:" + hashlib.sha256(key.encode()).hexdigest()[: KEY_MAX - 2]
