"""The Zalo Bot Platform channel: updates by long polling or webhook, plain text out.

Zalo bots show no buttons, keyboards or templates (`Limits(buttons=0)`): the channel contract
turns every button into a numbered line, and a number the user types presses it
(`OutputChannel.pressed`), from the numbers kept per chat in the ChoiceStore.

Updates from either source go to the same workers (one chat's in order, as the Zalo OA
channel's events): getUpdates has no offset, so an update it returned is Zalo's no more, and
a webhook update is acknowledged at once. So an update whose transaction did not commit (the
database is down) is kept here and tried again until it is applied, its user told once to
wait; `message_id` is claimed with its effects, so a redelivery is applied once.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from datetime import UTC, datetime, timedelta

import aiohttp
from aiohttp import web

from bot.channels.base import Channel
from bot.channels.zalo.queue import KeyedWorkers
from bot.channels.zalo.webhook import age_refusal
from bot.channels.zalobot import updates
from bot.channels.zalobot.client import (
    FORBIDDEN,
    MAX_TEXT,
    SECRET_HEADER,
    TIMED_OUT,
    TOO_MANY,
    UNAUTHORIZED,
    ZaloBotClient,
    ZaloBotError,
)
from bot.channels.zalobot.settings import ZaloBotSettings
from bot.db import repo
from bot.db.faults import HeldBack, is_outage, unavailable_replies
from bot.observability import Refused
from bot.service import Dispatcher
from bot.settings import WebSettings
from bot.webserver import read_json
from handlers.channel import ChoiceStore, Delivery, Limits, Retry
from handlers.i18n import _, use_locale
from handlers.types import Button, Incoming, Reply
from scheduler.limiter import RateLimiter
from scheduler.supervisor import Supervised, Supervisor

log = logging.getLogger(__name__)
CHANNEL = "zalobot"
POLL_TIMEOUT = 10  # seconds one getUpdates waits for an update
MAX_PAUSE = 10.0  # longest wait between getUpdates while Zalo or the network refuses
MAX_ATTEMPTS = 4  # sends of a reply refused before anything left (429, connection refused)
# Updates processed at once (a chat's always in order), updates accepted and not yet
# processed (beyond it the webhook answers 503 and polling waits), seconds to finish them on
# stop: as for the Zalo OA channel.
WORKERS = 4
BACKLOG = 2000
DRAIN_SECONDS = 50.0


def unsupported_replies() -> list[Reply]:
    """What a user reads whose message Zalo did not pass on (in the current locale)."""
    return [Reply(_("Xin lỗi Quý vị, Zalo không chuyển nội dung tin nhắn này cho Chatbot nên "
                    "Chatbot chưa trả lời được. Nếu đó là ảnh, tệp hay tin nhắn thoại, xin Quý "
                    "vị gõ câu hỏi bằng chữ. Nếu tài khoản Zalo đang được bảo vệ (như tài khoản "
                    "của các em nhỏ), xin nhờ cha mẹ hoặc thầy cô tìm hiểu giúp."))]


class ZaloBotChannel(Channel):
    """A Zalo bot: the conversation stays in the core, sending degrades in the contract."""

    name = CHANNEL

    def __init__(self, settings: ZaloBotSettings, dispatcher: Dispatcher, choices: ChoiceStore,
                 *, supervisor: Supervisor | None = None,
                 event_max_age: timedelta = timedelta(hours=WebSettings.update_retention_hours),
                 clock_skew: timedelta = timedelta(seconds=WebSettings.clock_skew_seconds),
                 retry_pause: float = 1.0) -> None:
        self.settings = settings
        self.dispatcher = dispatcher
        self.choices = choices
        self.limits = Limits(text=MAX_TEXT, buttons=0, rate=settings.rate)
        self.supervisor = supervisor or Supervisor(expected=is_outage)
        self.event_max_age = event_max_age
        self.clock_skew = clock_skew
        self.retry = Retry(attempts=MAX_ATTEMPTS, backoff=retry_pause)
        # One pace for everything this bot sends (answers and broadcasts): Zalo's limit, not
        # published, is the bot's.
        self.limiter = RateLimiter(settings.rate)
        self._session: aiohttp.ClientSession | None = None
        self.client: ZaloBotClient | None = None
        self._workers = KeyedWorkers(WORKERS, BACKLOG, self._process_logged, CHANNEL)
        self._poller: Supervised | None = None
        # Updates held back whose user was already told to wait (by update key).
        self._apologized: set[str] = set()
        # Webhook updates before start() or during stop() get 503.
        self._ready = False

    @property
    def pending(self) -> int:
        """Updates accepted and not yet answered."""
        return self._workers.pending

    # ---- lifecycle -------------------------------------------------------------------------

    def mount(self, web_app: web.Application) -> None:
        if self.settings.mode == "webhook":
            web_app.router.add_post(self.settings.webhook_path, self.webhook)

    async def start(self) -> None:
        """Check the token (getMe), set or delete the webhook, start workers and polling."""
        s = self.settings
        self._session = aiohttp.ClientSession()
        self.client = ZaloBotClient(self._session, s.base_url, s.token)
        try:
            me = await self.client.get_me()
            if s.mode == "webhook":
                await self.client.set_webhook(s.webhook_url, s.secret_token)
            else:
                await self.client.delete_webhook()  # getUpdates is refused while one is set
        except ZaloBotError as err:
            await self._session.close()
            hint = " (check [zalobot] token)" if err.code == UNAUTHORIZED else ""
            raise RuntimeError(f"zalobot: Zalo refused to start the bot: {err}{hint}") from err
        except BaseException:
            await self._session.close()
            raise
        self._workers.start(self.supervisor)
        if s.mode == "polling":
            self._poller = self.supervisor.start("zalobot polling", self._poll)
        self._ready = True
        log.info("zalobot channel started in %s mode as %s", s.mode,
                 str(me.get("account_name") or me.get("id") or "?")[:64])

    async def stop(self) -> None:
        """Stop receiving, process what was accepted (for at most DRAIN_SECONDS), close."""
        self._ready = False
        poller, self._poller = self._poller, None
        if poller is not None:
            # An update in a pending getUpdates may be lost with it: Zalo has no offset to
            # confirm with, so there is nothing to wait for that would keep it.
            await poller.stop(cancel=True)
        left = await self._workers.drain(DRAIN_SECONDS)
        if left:
            log.error("zalobot: %d accepted updates were not processed before stopping", left)
        if self._session is not None:
            await self._session.close()
        log.info("zalobot channel stopped")

    # ---- receiving -------------------------------------------------------------------------

    async def _poll(self) -> None:
        """getUpdates until stopped: one update a call, 408 when none came in POLL_TIMEOUT."""
        assert self.client is not None
        pause = 0.0
        while True:
            # The workers catch up before more is fetched (a count, not an event to await).
            while self._workers.pending >= self._workers.backlog:  # noqa: ASYNC110
                await asyncio.sleep(0.1)
            try:
                data = await self.client.get_update(POLL_TIMEOUT)
            except ZaloBotError as err:
                if err.code == TOO_MANY:
                    log.warning("%s asked us to wait %.1f s (429)", CHANNEL, err.retry_after)
                    await asyncio.sleep(err.retry_after)
                    continue
                # 401 (token revoked), a webhook set elsewhere (getUpdates refused)...
                pause = min(max(2 * pause, 0.5), MAX_PAUSE)
                log.warning("zalobot getUpdates refused (%s); again in %.1f s", err, pause)
                await asyncio.sleep(pause)
                continue
            except (aiohttp.ClientError, TimeoutError) as err:
                pause = min(max(2 * pause, 0.5), MAX_PAUSE)
                log.warning("zalobot getUpdates failed (%s); again in %.1f s",
                            type(err).__name__, pause)
                await asyncio.sleep(pause)
                continue
            pause = 0.0
            if data is None:
                continue
            try:
                update = updates.parse(data)
            except updates.BadUpdate as err:
                log.warning("zalobot update refused: %s", err)
                continue
            if update is not None:
                self._workers.put(update.chat_id, update)

    async def webhook(self, request: web.Request) -> web.Response:
        """Check the secret, accept the update, answer at once (503 when it cannot be kept).

        The secret header is checked before a byte of the body is read: a caller without it
        gets 403 and costs nothing more.
        """
        if not self._ready:
            return web.Response(status=503, text="not ready")
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.settings.secret_token.encode()):
            raise Refused(403, "forbidden", "forbidden", close=True)
        data = await read_json(request, exact=True)
        try:
            update = updates.parse(data)
        except updates.BadUpdate as err:
            return web.Response(status=400, text=str(err))
        if update is None:
            return web.Response(status=200)  # an event we do not act on
        # A replay older than the kept update keys would be applied again: refused.
        too = update.date and age_refusal(update.date, datetime.now(UTC), self.event_max_age,
                                          self.clock_skew)
        if too:
            raise Refused(400, too, f"update too {'old' if too == 'stale' else 'far ahead'}")
        if not self._workers.put(update.chat_id, update):
            log.warning("zalobot backlog full (%d updates); update refused with 503",
                        self._workers.backlog)
            return web.Response(status=503, text="busy")
        return web.Response(status=200)

    # ---- updates ---------------------------------------------------------------------------

    async def _process_logged(self, update: updates.Update) -> bool:
        """The one error handler of background updates: log with the traceback, go on.

        False: the update was not applied (its transaction did not commit); tried again.
        """
        try:
            return await self._process(update)
        except Exception:
            log.exception("zalobot update failed (%s)", update.event)
            return True

    async def _process(self, update: updates.Update) -> bool:
        """Route one update through the core and send the replies; False to try it again."""
        if update.is_bot:
            return True  # another bot in a group: never answered (no loops)
        try:
            if update.event == updates.UNSUPPORTED:
                return await self._unsupported(update)
            msg = await self._incoming(update)
            replies = await self.dispatcher.handle(msg, update_key=update.key,
                                                   hold_back=True)
        except HeldBack as held:
            await self._apologize(update, held.replies)
            return False
        except Exception as exc:  # nothing committed: an outage is waited out, a bug raised
            if not is_outage(exc):
                raise
            log.warning("database unavailable (%s); zalobot update held back",
                        type(exc).__name__)
            with use_locale(self.dispatcher.settings.bot.locale):
                await self._apologize(update, unavailable_replies(will_answer=True))
            return False
        self._apologized.discard(update.key)
        if replies is None:
            log.info("zalobot update %s was already applied; skipped", update.event)
            return True
        await self._answer(update.chat_id, replies)
        return True

    async def _incoming(self, update: updates.Update) -> Incoming:
        """The update as the core's message; a number from the last menu presses its button."""
        if update.event != updates.TEXT and not update.text.strip():
            return Incoming(CHANNEL, update.user_id, "", is_media=True,
                            display_name=update.display_name, is_private=update.is_private)
        # Numbers are kept per chat: in a group they were shown to the whole group.
        command = await self.pressed(update.chat_id, update.text)
        return Incoming(CHANNEL, update.user_id, command or update.text,
                        is_button=command is not None, display_name=update.display_name,
                        is_private=update.is_private)

    async def _unsupported(self, update: updates.Update) -> bool:
        """Answer kindly a message Zalo did not pass on, without storing anything about its
        sender: it may be a child Zalo protects. Only the update's key is claimed, so a
        redelivery is not answered twice."""
        async with self.dispatcher.sessions() as s, s.begin():
            fresh = await repo.claim_update(s, CHANNEL, update.key, self.dispatcher.clock())
        if fresh:
            with use_locale(self.dispatcher.settings.bot.locale):
                await self._answer(update.chat_id, unsupported_replies())
        return True

    async def _apologize(self, update: updates.Update, replies: list[Reply]) -> None:
        """Tell the user once that their message waits for the database."""
        if update.key in self._apologized:
            return
        self._apologized.add(update.key)
        outcome = await self.send(update.chat_id, replies)  # no buttons: no database
        if outcome.status != "sent":
            log.warning("zalobot: the apology was not sent: %s %s", outcome.status,
                        outcome.reason)

    async def _answer(self, chat_id: str, replies: list[Reply]) -> None:
        """Send an answer; what never left (429, connection refused) is sent again."""
        outcome = await self.send(chat_id, replies, retry=self.retry)
        if outcome.status == "blocked":
            log.info("zalobot user blocked the bot; marked inactive")
            await self.dispatcher.mark_inactive(CHANNEL, chat_id)
        elif outcome.status != "sent":
            log.warning("zalobot answer %s after %d parts: %s", outcome.status, outcome.parts,
                        outcome.reason)

    # ---- sending (the contract) ------------------------------------------------------------

    async def send_text(self, external_id: str, text: str, *, title: str | None = None,
                        buttons: tuple[Button, ...] = ()) -> Delivery:
        """One sendMessage, once, at the bot's pace; the outcome as the contract reads it."""
        if self.client is None:
            raise RuntimeError("ZaloBotChannel.send_text before start()")
        body = f"{title}\n\n{text}" if title else text
        if not body.strip():
            return Delivery("skipped", reason="empty message")
        # Zalo counts a message when it reaches it, by the answer at the latest: it stays in
        # the pace's window until then (as the deliverer's sends do), so requests held up on
        # the way and arriving with the next ones stay within the rate as Zalo counts them.
        slot = await self.limiter.acquire(until_answered=True)
        try:
            result = await self.client.send_message(external_id, body)
        except ZaloBotError as err:
            return self._refused(err)
        except (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError) as err:
            return Delivery("retry", reason=f"not sent: {type(err).__name__}")
        except TimeoutError:
            # The request may have reached Zalo: sending it again could repeat it.
            return Delivery("uncertain", reason="timeout after the request was sent")
        except aiohttp.ClientError as err:
            return Delivery("uncertain", reason=f"network error: {type(err).__name__}")
        finally:
            self.limiter.answered(slot)
        message_id = result.get("message_id")
        return Delivery("sent", ref=str(message_id) if message_id else None)

    def _refused(self, err: ZaloBotError) -> Delivery:
        if err.code == TOO_MANY:
            self.limiter.penalize(err.retry_after)
            log.warning("%s asked us to wait %.1f s (429)", CHANNEL, err.retry_after)
            return Delivery("rate_limited", reason="429", retry_after=err.retry_after)
        if err.code == FORBIDDEN:
            return Delivery("blocked", reason=str(err))
        if err.code == UNAUTHORIZED:
            log.error("zalobot: the bot token was refused (401); check [zalobot] token")
        if err.code >= 500 or err.code == TIMED_OUT:
            # Zalo may have delivered it before failing to answer.
            return Delivery("uncertain", reason=str(err))
        return Delivery("failed", reason=str(err))
