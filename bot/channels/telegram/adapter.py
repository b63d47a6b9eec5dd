"""Turn Telegram updates into our messages and our replies into Bot API calls."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import warnings
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta
from html import escape
from typing import Any, TypeVar
from urllib.parse import urlsplit

import aiohttp
import httpx
from aiohttp import web
from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    Message,
    Update,
)
from telegram.constants import ChatMemberStatus, MessageLimit, ParseMode
from telegram.error import (
    BadRequest,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from bot.channels.base import Delivery
from bot.channels.telegram.request import AiohttpRequest
from bot.db.faults import DatabaseUnavailable, is_outage
from bot.service import Dispatcher
from bot.settings import TelegramSettings
from handlers.features.general import command_list
from handlers.i18n import use_locale
from handlers.text import split_message
from handlers.types import Attachment, Button, Incoming, Reply

log = logging.getLogger(__name__)
CHANNEL = "telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_ATTEMPTS = 4
POLL_TIMEOUT = 10  # seconds getUpdates long-polls
MAX_PAUSE = 10.0  # longest wait between getUpdates while the database or network is down
T = TypeVar("T")

TgApp = Application[Any, ContextTypes.DEFAULT_TYPE, Any, Any, Any, Any]


def retry_seconds(err: RetryAfter) -> float:
    """RetryAfter.retry_after as seconds (PTB 22 warns while it moves to timedelta)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = err.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def keyboard(buttons: tuple[Button, ...]) -> InlineKeyboardMarkup | None:
    """Inline keyboard: short labels two to a row, long ones alone."""
    if not buttons:
        return None
    rows: list[list[InlineKeyboardButton]] = []
    pending: list[InlineKeyboardButton] = []
    for b in buttons:
        button = (InlineKeyboardButton(b.label, url=b.url) if b.url
                  else InlineKeyboardButton(b.label, callback_data=b.command))
        if len(b.label) > 18:
            if pending:
                rows.append(pending)
                pending = []
            rows.append([button])
        else:
            pending.append(button)
            if len(pending) == 2:
                rows.append(pending)
                pending = []
    if pending:
        rows.append(pending)
    return InlineKeyboardMarkup(rows)


def to_html(reply: Reply, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> list[str]:
    """The reply as HTML parts of at most `limit` characters of visible text; title in bold."""
    parts = split_message(reply.full_text(), limit)
    html = [escape(p, quote=False) for p in parts]
    if reply.title and parts and parts[0].startswith(reply.title):
        html[0] = f"<b>{escape(reply.title, quote=False)}</b>" + escape(
            parts[0][len(reply.title):], quote=False
        )
    return html


def _not_sent(err: NetworkError) -> bool:
    """True when the request never reached Telegram (connection refused, DNS): safe to resend."""
    return isinstance(err.__cause__, (aiohttp.ClientConnectorError, httpx.ConnectError))


def _report_end(task: asyncio.Task[None]) -> None:
    """A polling loop that ends by itself is a bug: say so loudly (the bot stops answering)."""
    if not task.cancelled() and task.exception() is not None:
        log.error("telegram polling stopped", exc_info=task.exception())


class TelegramChannel:
    """Telegram through python-telegram-bot; the conversation stays in the core."""

    name = CHANNEL

    def __init__(self, settings: TelegramSettings, dispatcher: Dispatcher) -> None:
        self.settings = settings
        self.dispatcher = dispatcher
        self.application = self._build()
        # Polling: updates whose processing met a database outage (not confirmed to Telegram,
        # so it delivers them again) and those whose user was already told to wait.
        self._deferred: set[int] = set()
        self._apologized: set[int] = set()
        self._poll_task: asyncio.Task[None] | None = None
        self._processing = False
        self._stopping = False

    def _request(self, read_timeout: float) -> AiohttpRequest | HTTPXRequest:
        if self.settings.http == "httpx":
            return HTTPXRequest(connection_pool_size=64, read_timeout=read_timeout)
        return AiohttpRequest(connection_pool_size=64, read_timeout=read_timeout)

    def _build(self) -> TgApp:
        s = self.settings
        builder = (
            ApplicationBuilder()
            .token(s.token)
            .base_url(s.base_url)
            .base_file_url(s.base_url.replace("/bot", "/file/bot", 1))
            .request(self._request(read_timeout=10.0))
            .concurrent_updates(s.concurrent_updates)
        )
        # No PTB Updater: it confirms updates as soon as it has fetched them, and polling here
        # must not confirm an update the database could not take (see _poll).
        builder = builder.updater(None)
        if s.mode == "polling":
            # getUpdates long-polls for up to 10 s; its read timeout must outlast that.
            builder = builder.get_updates_request(self._request(read_timeout=20.0))
        app: TgApp = builder.build()
        # Order matters: a button press is a callback query; text (commands included) next;
        # then other messages (stickers, photos), which get a short "please type" answer.
        # Edited messages and group service messages have no handler: ignored on purpose.
        app.add_handler(CallbackQueryHandler(self.on_button))
        app.add_handler(MessageHandler(
            filters.UpdateType.MESSAGE & filters.TEXT
            & (filters.ChatType.PRIVATE | filters.COMMAND), self.on_text))
        app.add_handler(MessageHandler(
            filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE & ~filters.TEXT
            & ~filters.StatusUpdate.ALL, self.on_media))
        app.add_handler(ChatMemberHandler(self.on_member, ChatMemberHandler.MY_CHAT_MEMBER))
        app.add_error_handler(self.on_error)
        return app

    # ---- lifecycle -------------------------------------------------------------------------

    @property
    def webhook_path(self) -> str:
        return urlsplit(self.settings.webhook_url).path or "/"

    def mount(self, web_app: web.Application) -> None:
        if self.settings.mode == "webhook":
            web_app.router.add_post(self.webhook_path, self.webhook)

    async def start(self) -> None:
        app = self.application
        await app.initialize()
        await self._set_commands()
        if self.settings.mode == "webhook":
            await app.bot.set_webhook(
                url=self.settings.webhook_url,
                secret_token=self.settings.secret_token,
                max_connections=self.settings.max_connections,
                allowed_updates=Update.ALL_TYPES,
            )
        else:
            await app.bot.delete_webhook()
        await app.start()
        if self.settings.mode == "polling":
            self._stopping = False
            self._poll_task = asyncio.create_task(self._poll(), name="telegram polling")
            self._poll_task.add_done_callback(_report_end)
        log.info("telegram channel started in %s mode as @%s", self.settings.mode,
                 app.bot.username)

    async def stop(self) -> None:
        app = self.application
        await self._stop_polling()
        if app.running:
            await app.stop()
        await app.shutdown()

    async def _set_commands(self) -> None:
        for locale in ("vi", "en"):
            with use_locale(locale):
                commands = [BotCommand(name, text[:256]) for name, text in command_list()]
            await self.application.bot.set_my_commands(
                commands, language_code=None if locale == "vi" else locale
            )

    # ---- polling ---------------------------------------------------------------------------

    async def _poll(self) -> None:
        """getUpdates until stopped; confirm (by `offset`) only updates that were handled.

        A batch is processed before the next getUpdates, whose offset confirms it. An update
        that met a database outage holds the offset back: Telegram delivers it (and the ones
        after it, which claim_update recognises as applied) again, at a slowing pace, until
        the database answers. Telegram keeps unconfirmed updates for 24 hours.
        """
        bot = self.application.bot
        offset: int | None = None
        pause = 0.0
        try:
            while not self._stopping:
                try:
                    updates = await bot.get_updates(offset=offset, timeout=POLL_TIMEOUT,
                                                    allowed_updates=Update.ALL_TYPES)
                except RetryAfter as err:
                    await asyncio.sleep(retry_seconds(err))
                    continue
                except TimedOut:
                    continue
                except TelegramError as err:  # network errors, 409 while a webhook is set
                    pause = min(max(2 * pause, 0.5), MAX_PAUSE)
                    log.warning("telegram getUpdates failed (%s); again in %.1f s", err, pause)
                    await asyncio.sleep(pause)
                    continue
                if not updates:
                    continue
                self._processing = True
                try:
                    deferred = await self._process_batch(updates)
                finally:
                    self._processing = False
                if deferred:
                    offset = min(deferred)
                    pause = min(max(2 * pause, 1.0), MAX_PAUSE)
                    log.warning("%d telegram updates wait for the database; asking for them "
                                "again in %.0f s", len(deferred), pause)
                    await asyncio.sleep(pause)
                else:
                    offset = updates[-1].update_id + 1
                    pause = 0.0
        except asyncio.CancelledError:
            if not self._stopping:
                raise
        finally:
            if offset is not None:
                # Confirm what was handled, so the next start does not fetch it again.
                with contextlib.suppress(TelegramError, asyncio.CancelledError):
                    await bot.get_updates(offset=offset, limit=1, timeout=0)

    async def _process_batch(self, updates: Sequence[Update]) -> set[int]:
        """Run the batch through the handlers (at most `concurrent_updates` at once);
        return the ids of the updates that have to come again."""
        app = self.application
        self._deferred.clear()
        await asyncio.gather(*(app.update_processor.process_update(u, app.process_update(u))
                               for u in updates))
        deferred, self._deferred = self._deferred, set()
        return deferred

    async def _stop_polling(self) -> None:
        """Let a batch being processed finish; a pending getUpdates or pause is abandoned."""
        task, self._poll_task = self._poll_task, None
        if task is None:
            return
        self._stopping = True
        if not self._processing:
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    # ---- webhook ---------------------------------------------------------------------------

    async def webhook(self, request: web.Request) -> web.Response:
        """Check the secret, queue the update, answer 200 at once (Telegram re-sends otherwise)."""
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.settings.secret_token.encode()):
            return web.Response(status=403, text="forbidden")
        try:
            data = json.loads(await request.read())
        except (json.JSONDecodeError, UnicodeDecodeError):
            return web.Response(status=400, text="malformed JSON")
        if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
            return web.Response(status=400, text="not a Telegram update")
        try:
            update = Update.de_json(data, self.application.bot)
        except (KeyError, TypeError, ValueError, AttributeError):
            log.warning("webhook body is not a valid update (update_id %s)", data["update_id"])
            return web.Response(status=400, text="not a Telegram update")
        await self.application.update_queue.put(update)
        return web.Response(status=200)

    # ---- updates ---------------------------------------------------------------------------

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Route a text message (or command) through the core."""
        message = update.effective_message
        user = update.effective_user
        if message is None or user is None or message.text is None:
            return
        await self._answer(update, message.chat_id, Incoming(
            CHANNEL, str(user.id), message.text, display_name=user.full_name))

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A pressed inline button: always answer the callback query, then route its command."""
        query = update.callback_query
        if query is None:
            return
        if update.update_id not in self._apologized:  # answered when it first came
            await self._call(str(query.from_user.id), query.answer)
        chat_id = query.message.chat.id if query.message else query.from_user.id
        await self._answer(update, chat_id, Incoming(
            CHANNEL, str(query.from_user.id), query.data or "", is_button=True,
            display_name=query.from_user.full_name))

    async def on_media(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A sticker, photo, voice or file: ask the user to type instead."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None:
            return
        await self._answer(update, message.chat_id, Incoming(
            CHANNEL, str(user.id), "", is_media=True, display_name=user.full_name))

    async def on_member(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The user blocked the bot (kicked): stop sending to them."""
        change = update.my_chat_member
        if change is None or change.chat.type != "private":
            return
        if change.new_chat_member.status == ChatMemberStatus.BANNED:
            try:
                await self.dispatcher.mark_inactive(CHANNEL, str(change.from_user.id))
            except Exception as exc:  # an outage defers the update; anything else is a bug
                if not is_outage(exc) or self.settings.mode != "polling":
                    raise
                self._deferred.add(update.update_id)

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The one error handler: log with the traceback; the bot keeps going."""
        update_id = update.update_id if isinstance(update, Update) else None
        log.error("telegram update %s failed", update_id, exc_info=context.error)

    async def _answer(self, update: Update, chat_id: int, msg: Incoming) -> None:
        polling = self.settings.mode == "polling"
        try:
            replies = await self.dispatcher.handle(msg, update_key=str(update.update_id),
                                                   defer_on_outage=polling)
        except DatabaseUnavailable as outage:
            # Not confirmed to Telegram: it comes again and is answered once the database is
            # back. The user is told so once, not at every redelivery.
            self._deferred.add(update.update_id)
            if update.update_id not in self._apologized:
                self._apologized.add(update.update_id)
                await self.send(chat_id, outage.replies)
            return
        self._apologized.discard(update.update_id)
        if replies is None:
            log.info("telegram update %s was already applied; skipped", update.update_id)
            return
        await self.send(chat_id, replies)

    # ---- sending ---------------------------------------------------------------------------

    async def send(self, chat_id: int | str, replies: list[Reply]) -> list[Message]:
        """Send replies as HTML messages; the keyboard goes with the last part of each reply."""
        sent: list[Message] = []
        bot = self.application.bot
        for reply in replies:
            parts = to_html(reply)
            for i, html in enumerate(parts):
                markup = keyboard(reply.buttons) if i == len(parts) - 1 else None

                def call(html: str = html, markup: InlineKeyboardMarkup | None = markup
                         ) -> Awaitable[Message]:
                    return bot.send_message(chat_id, html, parse_mode=ParseMode.HTML,
                                            reply_markup=markup,
                                            disable_web_page_preview=True)

                message = await self._call(str(chat_id), call)
                if message is None:
                    return sent
                sent.append(message)
            for f in reply.files:

                def upload(f: Attachment = f) -> Awaitable[Message]:
                    return bot.send_document(chat_id, InputFile(f.data, filename=f.filename))

                document = await self._call(str(chat_id), upload)
                if document is None:
                    return sent
                sent.append(document)
        return sent

    # ---- broadcasts ------------------------------------------------------------------------

    async def deliver(self, external_id: str, text: str, title: str | None = None) -> Delivery:
        """Send one broadcast message once and say what became of it (the outbox decides)."""
        parts = to_html(Reply(text, title=title))
        ref: str | None = None
        for i, html in enumerate(parts):
            outcome = await self._attempt(
                external_id,
                lambda html=html: self.application.bot.send_message(  # type: ignore[misc]
                    int(external_id), html, parse_mode=ParseMode.HTML,
                    disable_web_page_preview=True),
            )
            if isinstance(outcome, Delivery):
                if i == 0:
                    return outcome
                # Part of the message arrived already: sending it again would repeat it.
                return Delivery("uncertain", reason=f"part {i + 1} of {len(parts)}: "
                                f"{outcome.status} {outcome.reason}".strip())
            ref = str(outcome.message_id)
        return Delivery("sent", ref=ref)

    async def edit(self, external_id: str, ref: str, text: str) -> Delivery:
        """Edit a progress message in place."""
        outcome = await self._attempt(
            external_id,
            lambda: self.application.bot.edit_message_text(
                escape(text, quote=False), chat_id=int(external_id), message_id=int(ref),
                parse_mode=ParseMode.HTML),
        )
        return outcome if isinstance(outcome, Delivery) else Delivery("sent", ref=ref)

    async def _attempt(self, external_id: str, call: Callable[[], Awaitable[Any]]
                       ) -> Delivery | Any:
        """One Bot API call: its result, or the Delivery saying why it did not go through."""
        try:
            return await call()
        except RetryAfter as err:
            return Delivery("rate_limited", reason="429", retry_after=retry_seconds(err))
        except Forbidden as err:
            log.info("telegram user %s blocked the bot; marked inactive", external_id)
            await self.dispatcher.mark_inactive(CHANNEL, external_id)
            return Delivery("blocked", reason=str(err)[:200])
        except TimedOut:
            return Delivery("uncertain", reason="timeout after the request was sent")
        except BadRequest as err:
            return Delivery("failed", reason=str(err)[:200])
        except NetworkError as err:
            if _not_sent(err):
                return Delivery("retry", reason=f"not sent: {type(err.__cause__).__name__}")
            return Delivery("uncertain", reason=f"network error: {err}"[:200])
        except TelegramError as err:
            return Delivery("failed", reason=str(err)[:200])

    async def _call(self, user_id: str, call: Callable[[], Awaitable[T]]) -> T | None:
        """Make one Bot API call: honour 429, retry network errors, stop on 403."""
        for attempt in range(MAX_ATTEMPTS):
            try:
                return await call()
            except RetryAfter as err:
                delay = retry_seconds(err)
                log.warning("telegram asked us to wait %.1f s (429)", delay)
                await asyncio.sleep(delay)
            except Forbidden:
                log.info("telegram user %s blocked the bot; marked inactive", user_id)
                await self.dispatcher.mark_inactive(CHANNEL, user_id)
                return None
            except TimedOut:
                # The request may have reached Telegram: repeating it could send twice.
                log.warning("telegram call timed out; outcome uncertain, not repeated")
                return None
            except BadRequest as err:
                # A 400 is Telegram's final word on this request (PTB makes BadRequest a
                # NetworkError, so without this it would be retried four times for nothing).
                log.warning("telegram refused a call for user %s: %s", user_id, err)
                return None
            except NetworkError as err:
                delay = 0.5 * 2**attempt
                log.warning("telegram network error (%s); retrying in %.1f s", err, delay)
                await asyncio.sleep(delay)
        log.error("telegram call failed after %d attempts", MAX_ATTEMPTS)
        return None

