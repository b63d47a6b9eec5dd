"""Turn Telegram updates into our messages and our replies into Bot API calls."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
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
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ChatMemberStatus, ChatType, MessageLimit, ParseMode
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
    Defaults,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from bot.channels.base import Channel
from bot.channels.telegram.request import AiohttpRequest
from bot.db.faults import HeldBack, is_outage
from bot.observability import Refused
from bot.service import Dispatcher
from bot.settings import TelegramSettings
from bot.webserver import read_json
from handlers.channel import Delivery, Limits, MemoryChoices, Retry
from handlers.i18n import use_locale
from handlers.types import Attachment, Button, Incoming, Reply
from scheduler.supervisor import Supervised, Supervisor

log = logging.getLogger(__name__)
CHANNEL = "telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Inline keyboard buttons in one message (Telegram documents no number; 100 is what it takes).
MAX_BUTTONS = 100
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


def _not_sent(err: NetworkError) -> bool:
    """True when the request never reached Telegram (connection refused, DNS): safe to resend.

    Anything else, a 5xx answer included, leaves the outcome unknown: the Bot API documents no
    error status that means "not delivered" except 429, whose `retry_after` says when the
    request "can be repeated" (a RetryAfter, handled apart).
    """
    return isinstance(err.__cause__, (aiohttp.ClientConnectorError, httpx.ConnectError))


# Objects whose id python-telegram-bot hashes or compares before any handler of ours runs
# (persistence marks, chat data): an id that is not an integer crashes it.
_IDENTIFIED = ("from", "chat", "user", "sender_chat", "from_user")


def _identities_well_formed(value: object, depth: int = 0) -> bool:
    """Every user or chat object in the update has an integer id and text names and type."""
    if depth > 6:  # Telegram nests a few levels (callback_query.message.reply_to_message...)
        return True
    if isinstance(value, list):
        return all(_identities_well_formed(v, depth + 1) for v in value)
    if not isinstance(value, dict):
        return True
    for key, child in value.items():
        if key in _IDENTIFIED:
            if not isinstance(child, dict) or type(child.get("id")) is not int:
                return False
            if any(k in child and not isinstance(child[k], str)
                   for k in ("first_name", "last_name", "username", "type", "title")):
                return False
        if isinstance(child, dict | list) and not _identities_well_formed(child, depth + 1):
            return False
    return True


class TelegramChannel(Channel):
    """Telegram through python-telegram-bot; the conversation stays in the core."""

    name = CHANNEL

    def __init__(self, settings: TelegramSettings, dispatcher: Dispatcher,
                 supervisor: Supervisor | None = None, retry: Retry | None = None) -> None:
        self.settings = settings
        self.dispatcher = dispatcher
        self.limits = Limits(text=MessageLimit.MAX_TEXT_LENGTH, buttons=MAX_BUTTONS,
                             url_buttons=True, edit=True, documents=True, rate=settings.rate)
        self.choices = MemoryChoices()  # every button is native: nothing is numbered
        self.retry = retry or Retry()
        self.supervisor = supervisor or Supervisor(expected=is_outage)
        self.application = self._build()
        # Updates whose transaction did not commit (not confirmed to Telegram, so it delivers
        # them again) and those whose user was already told to wait.
        self._held: set[int] = set()
        self._apologized: set[int] = set()
        self._poller: Supervised | None = None
        self._offset: int | None = None
        self._processing = False
        self._stopping = False
        # Configured, or derived from the token (TelegramSettings.webhook_secret).
        self._secret = settings.webhook_secret

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
            # Set once here rather than at every call: HTML, and no link previews (the
            # resources list would show a dozen cards).
            .defaults(Defaults(parse_mode=ParseMode.HTML,
                               link_preview_options=LinkPreviewOptions(is_disabled=True)))
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
                secret_token=self._secret,
                max_connections=self.settings.max_connections,
                allowed_updates=Update.ALL_TYPES,
            )
        else:
            await app.bot.delete_webhook()
        await app.start()
        if self.settings.mode == "polling":
            self._stopping = False
            self._poller = self.supervisor.start("telegram polling", self._poll)
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
                commands = [BotCommand(name, text[:256]) for name, text
                            in self.dispatcher.conversation.registry.help_lines()]
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
        pause = 0.0
        try:
            while not self._stopping:
                try:
                    updates = await bot.get_updates(offset=self._offset, timeout=POLL_TIMEOUT,
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
                    self._offset = min(deferred)
                    pause = min(max(2 * pause, 1.0), MAX_PAUSE)
                    log.warning("%d telegram updates were not applied; asking for them "
                                "again in %.0f s", len(deferred), pause)
                    await asyncio.sleep(pause)
                else:
                    self._offset = updates[-1].update_id + 1
                    pause = 0.0
        finally:
            if self._stopping and self._offset is not None:
                # Confirm what was handled, so the next start does not fetch it again.
                with contextlib.suppress(TelegramError, asyncio.CancelledError):
                    await bot.get_updates(offset=self._offset, limit=1, timeout=0)

    async def _process_batch(self, updates: Sequence[Update]) -> set[int]:
        """Run the batch through the handlers (at most `concurrent_updates` at once);
        return the ids of the updates that have to come again."""
        applied = await asyncio.gather(*(self._process(u) for u in updates))
        return {u.update_id for u, ok in zip(updates, applied, strict=True) if not ok}

    async def _process(self, update: Update) -> bool:
        """Run one update through the handlers; False when it was not applied (its
        transaction did not commit) and Telegram must deliver it again."""
        app = self.application
        self._held.discard(update.update_id)
        await app.update_processor.process_update(update, app.process_update(update))
        if update.update_id in self._held:
            self._held.discard(update.update_id)
            return False
        return True

    async def _stop_polling(self) -> None:
        """Let a batch being processed finish; a pending getUpdates or pause is abandoned."""
        poller, self._poller = self._poller, None
        if poller is None:
            return
        self._stopping = True
        poller.stop_soon()
        await poller.stop(cancel=not self._processing)

    # ---- webhook ---------------------------------------------------------------------------

    async def webhook(self, request: web.Request) -> web.Response:
        """Check the secret, apply the update, answer 200 (503 when it did not commit).

        The secret header is checked before a byte of the body is read: a caller without it
        gets 403 and costs nothing more.
        """
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self._secret.encode()):
            raise Refused(403, "forbidden", "forbidden", close=True)
        data = await read_json(request)
        if (not isinstance(data, dict) or type(data.get("update_id")) is not int
                or not _identities_well_formed(data)):
            return web.Response(status=400, text="not a Telegram update")
        try:
            update = Update.de_json(data, self.application.bot)
        except (KeyError, TypeError, ValueError, AttributeError, RecursionError):
            log.warning("webhook body is not a valid update (update_id %s)", data["update_id"])
            return web.Response(status=400, text="not a Telegram update")
        # Applied before answering: an update whose transaction did not commit gets 503, and
        # Telegram delivers it again (claim_update keeps it applied once).
        if not await self._process(update):
            return web.Response(status=503, text="not applied; send it again")
        return web.Response(status=200)

    # ---- updates ---------------------------------------------------------------------------

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Route a text message (or command) through the core."""
        message = update.effective_message
        user = update.effective_user
        if message is None or user is None or message.text is None:
            return
        await self._answer(update, message.chat_id, Incoming(
            CHANNEL, str(user.id), message.text, display_name=user.full_name,
            is_private=message.chat.type == ChatType.PRIVATE))

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A pressed inline button: always answer the callback query, then route its command."""
        query = update.callback_query
        if query is None:
            return
        if update.update_id not in self._apologized:  # answered when it first came
            answered = await self._call(query.answer)
            if isinstance(answered, Delivery):  # too old (400) or refused: the command runs
                log.info("telegram callback query not answered: %s %s", answered.status,
                         answered.reason)
        chat_id = query.message.chat.id if query.message else query.from_user.id
        # Without its message (inline mode) the answer goes to the user's private chat.
        private = query.message is None or query.message.chat.type == ChatType.PRIVATE
        await self._answer(update, chat_id, Incoming(
            CHANNEL, str(query.from_user.id), query.data or "", is_button=True,
            display_name=query.from_user.full_name, is_private=private))

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
            except Exception as exc:  # not committed: held back, applied when it comes again
                log.warning("telegram update %s held back: %s", update.update_id,
                            type(exc).__name__, exc_info=not is_outage(exc))
                self._held.add(update.update_id)

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The one error handler: log with the traceback; the bot keeps going."""
        update_id = update.update_id if isinstance(update, Update) else None
        log.error("telegram update %s failed", update_id, exc_info=context.error)

    async def _answer(self, update: Update, chat_id: int, msg: Incoming) -> None:
        try:
            replies = await self.dispatcher.handle(msg, update_key=str(update.update_id),
                                                   hold_back=True)
        except HeldBack as outage:
            # Not confirmed to Telegram: it comes again and is answered once the database
            # takes it. The user is told so once, not at every redelivery.
            self._held.add(update.update_id)
            if update.update_id not in self._apologized:
                self._apologized.add(update.update_id)
                await self._reply(chat_id, outage.replies)
            return
        self._apologized.discard(update.update_id)
        if replies is None:
            log.info("telegram update %s was already applied; skipped", update.update_id)
            return
        await self._reply(chat_id, replies)

    async def _reply(self, chat_id: int, replies: list[Reply]) -> None:
        """Answer in the chat under the one retry policy; a user who blocked the bot is
        marked inactive."""
        outcome = await self.send(str(chat_id), replies, retry=self.retry)
        if outcome.status == "blocked":
            log.info("telegram chat %s blocked the bot; marked inactive", chat_id)
            await self.dispatcher.mark_inactive(CHANNEL, str(chat_id))
        elif outcome.status != "sent":
            log.warning("telegram reply %s after %d messages: %s", outcome.status,
                        outcome.parts, outcome.reason)

    # ---- the channel contract --------------------------------------------------------------

    async def send_text(self, external_id: str, text: str, *, title: str | None = None,
                        buttons: tuple[Button, ...] = ()) -> Delivery:
        """One HTML message (title in bold), its keyboard under it; parse mode and link
        previews come from the application's Defaults."""
        html = escape(text, quote=False)
        if title:
            html = f"<b>{escape(title, quote=False)}</b>" + (f"\n\n{html}" if html else "")
        sent = await self._call(lambda: self.application.bot.send_message(
            int(external_id), html, reply_markup=keyboard(buttons)))
        return sent if isinstance(sent, Delivery) else Delivery("sent", ref=str(
            sent.message_id))

    async def send_document(self, external_id: str, file: Attachment) -> Delivery:
        sent = await self._call(lambda: self.application.bot.send_document(
            int(external_id), InputFile(file.data, filename=file.filename)))
        return sent if isinstance(sent, Delivery) else Delivery("sent", ref=str(
            sent.message_id))

    async def edit_text(self, external_id: str, ref: str, text: str) -> Delivery:
        """Edit a progress message in place."""
        edited = await self._call(lambda: self.application.bot.edit_message_text(
            escape(text, quote=False), chat_id=int(external_id), message_id=int(ref)))
        return edited if isinstance(edited, Delivery) else Delivery("sent", ref=ref)

    async def _call(self, call: Callable[[], Awaitable[T]]) -> T | Delivery:
        """One Bot API call, made once: its result, or the Delivery saying why it did not go
        through (the retry policy, handlers.channel.Retry, decides what to do with it)."""
        try:
            return await call()
        except RetryAfter as err:
            return Delivery("rate_limited", reason="429", retry_after=retry_seconds(err))
        except Forbidden as err:
            return Delivery("blocked", reason=str(err)[:200])
        except TimedOut:
            # The request may have reached Telegram: repeating it could send twice.
            return Delivery("uncertain", reason="timeout after the request was sent")
        except BadRequest as err:
            # Telegram's final word on this request (PTB makes BadRequest a NetworkError).
            return Delivery("failed", reason=str(err)[:200])
        except NetworkError as err:
            if _not_sent(err):
                return Delivery("retry", reason=f"not sent: {type(err.__cause__).__name__}")
            return Delivery("uncertain", reason=f"network error: {err}"[:200])
        except TelegramError as err:
            return Delivery("failed", reason=str(err)[:200])
