"""Turn Telegram updates into our messages and our replies into Bot API calls."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import warnings
from collections import OrderedDict
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
    InputFile,
    LinkPreviewOptions,
    Message,
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
from telegram.warnings import PTBUserWarning

from bot.channels.base import Channel
from bot.channels.telegram.request import AiohttpRequest
from bot.db.faults import HeldBack, is_outage
from bot.observability import Refused
from bot.service import Dispatcher
from bot.settings import TelegramSettings
from bot.webserver import read_json
from handlers.channel import Delivery, Limits, MemoryChoices, Retry
from handlers.i18n import _, use_locale
from handlers.types import Attachment, Button, Incoming, Reply
from scheduler.supervisor import Supervised, Supervisor

log = logging.getLogger(__name__)
CHANNEL = "telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Inline keyboard buttons in one message (Telegram documents no number; 100 is what it takes).
MAX_BUTTONS = 100
POLL_TIMEOUT = 10  # seconds getUpdates long-polls
POLL_LIMIT = 100  # updates getUpdates returns at most (Telegram's largest limit)
POLL_READ_TIMEOUT = 20.0  # read timeout of other calls on the getUpdates connection
ALBUMS_KEPT = 1000  # albums remembered, to answer each once (its photos come together)
MAX_PAUSE = 10.0  # longest wait between getUpdates while the database or network is down
# Answers still being sent, beyond which no new update is taken (polling waits before the next
# getUpdates, a webhook before its 200): Telegram keeps the rest until there is room.
MAX_SENDING = 1000
NO_PREVIEW = {"is_disabled": True}
# Methods called through Bot.do_api_request on the httpx layer (see TelegramChannel._api),
# which python-telegram-bot would rather see called through its own methods; those build
# objects the bot never reads.
RAW_METHODS = ("getUpdates", "sendMessage", "answerCallbackQuery")
T = TypeVar("T")

TgApp = Application[Any, ContextTypes.DEFAULT_TYPE, Any, Any, Any, Any]


def retry_seconds(err: RetryAfter) -> float:
    """RetryAfter.retry_after as seconds (PTB 22 warns while it moves to timedelta)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = err.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def keyboard(buttons: tuple[Button, ...]) -> dict[str, Any] | None:
    """Inline keyboard (reply_markup JSON): short labels two to a row, long ones alone."""
    if not buttons:
        return None
    rows: list[list[dict[str, str]]] = []
    pending: list[dict[str, str]] = []
    for b in buttons:
        button = ({"text": b.label, "url": b.url} if b.url
                  else {"text": b.label, "callback_data": b.command})
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
    return {"inline_keyboard": rows}


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


def _person(value: object) -> tuple[str, str] | None:
    """A Telegram user object's id and full name (User.full_name of python-telegram-bot);
    None unless it has an integer id and text names."""
    if not isinstance(value, dict) or type(value.get("id")) is not int:
        return None
    first, last = value.get("first_name"), value.get("last_name")
    if not isinstance(first, str) or not isinstance(last, str | None):
        return None
    return str(value["id"]), f"{first} {last}" if last else first


def _chat(value: object) -> tuple[int, bool] | None:
    """A chat object's id and whether it is a private chat; None when malformed."""
    if (isinstance(value, dict) and type(value.get("id")) is int
            and isinstance(value.get("type"), str)):
        return value["id"], value["type"] == ChatType.PRIVATE
    return None


def _where(message: Message) -> str:
    """Where to answer a message: its chat, or 'chat:topic' for one in a forum's topic (sent
    to the chat alone, the answer would land in the General topic)."""
    if message.is_topic_message and message.message_thread_id is not None:
        return f"{message.chat_id}:{message.message_thread_id}"
    return str(message.chat_id)


def _target(external_id: str) -> dict[str, int]:
    """The Bot API's chat_id (and message_thread_id) of an id from _where."""
    chat, _sep, topic = external_id.partition(":")
    if topic:
        return {"chat_id": int(chat), "message_thread_id": int(topic)}
    return {"chat_id": int(chat)}


def _addressee(text: str) -> str | None:
    """The bot a command names ("/lich@hoctap_bot" -> "hoctap_bot"); None when it names none."""
    if not text.startswith("/"):
        return None
    command = text.split(maxsplit=1)[0] if text.strip() else text
    _name, at, bot = command.partition("@")
    return bot if at else None


def _topic(where: int, message: dict[str, Any]) -> str:
    """_where for a message's JSON."""
    topic = message.get("message_thread_id")
    if message.get("is_topic_message") is True and type(topic) is int:
        return f"{where}:{topic}"
    return str(where)


def read_update(data: dict[str, Any]) -> tuple[str, Incoming, str | None] | None:
    """Most updates read straight from their JSON: a text in a private chat or a pressed
    button. Gives the chat to answer, the core's message and the callback query to answer;
    None for everything else (groups, media, edits, members), which python-telegram-bot's
    handlers take, and for anything malformed, which they judge.

    Building python-telegram-bot's objects for these cost more CPU than everything the core
    does with them (issue 18); what is read here is exactly what on_text and on_button read.
    """
    message = data.get("message")
    if message is not None:
        if not isinstance(message, dict):
            return None
        text, sender, chat = message.get("text"), _person(message.get("from")), \
            _chat(message.get("chat"))
        if not isinstance(text, str) or not text or sender is None or chat is None \
                or not chat[1]:
            return None
        return _topic(chat[0], message), Incoming(CHANNEL, sender[0], text,
                                                  display_name=sender[1], is_private=True), None
    query = data.get("callback_query")
    if not isinstance(query, dict):
        return None
    sender, query_id, command = _person(query.get("from")), query.get("id"), \
        query.get("data", "")
    if sender is None or not isinstance(query_id, str) or not isinstance(command, str):
        return None
    shown = query.get("message")
    if shown is None:  # inline mode: answered in the user's private chat
        where: tuple[int, bool] | None = (int(sender[0]), True)
    else:
        where = _chat(shown.get("chat")) if isinstance(shown, dict) else None
    if where is None:
        return None
    return _topic(where[0], shown or {}), Incoming(CHANNEL, sender[0], command, is_button=True,
                                                   display_name=sender[1],
                                                   is_private=where[1]), query_id


class TelegramChannel(Channel):
    """Telegram through python-telegram-bot; the conversation stays in the core."""

    name = CHANNEL

    def __init__(self, settings: TelegramSettings, dispatcher: Dispatcher,
                 supervisor: Supervisor | None = None, retry: Retry | None = None) -> None:
        # Bot.do_api_request warns for a method Bot has (see _api); here it is on purpose.
        warnings.filterwarnings("ignore", category=PTBUserWarning,
                                message=f"Please use 'Bot\\.({'|'.join(RAW_METHODS)})'")
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
        # Journaled batches whose every update was applied (deleted with the next batch's
        # journal write), and the stop's signal to a batch waiting out an outage.
        self._settled: list[int] = []
        self._stop_asked = asyncio.Event()
        self._processing = False
        self._stopping = False
        # Answers being sent (after their update committed), and each chat's latest, which
        # the chat's next answer waits for: a user reads the answers in their messages' order.
        self._sending: set[asyncio.Task[None]] = set()
        self._last_send: dict[int, asyncio.Task[None]] = {}
        # Configured, or derived from the token (TelegramSettings.webhook_secret).
        self._secret = settings.webhook_secret
        # Albums lately seen: (chat, media_group_id) -> the update answered for it (on_media).
        self._albums: OrderedDict[tuple[int, str], int] = OrderedDict()

    _updates_request: AiohttpRequest | HTTPXRequest | None = None

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
            self._updates_request = self._request(POLL_READ_TIMEOUT)
            builder = builder.get_updates_request(self._updates_request)
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
        if self.settings.mode == "webhook":
            # What polling journaled before a switch to the webhook (its updates were
            # confirmed to Telegram, which will not send them again).
            self._spawn(self._replay())
        if self.settings.mode == "polling":
            self._stopping = False
            self._stop_asked.clear()
            self._poller = self.supervisor.start("telegram polling", self._poll)
        log.info("telegram channel started in %s mode as @%s", self.settings.mode,
                 app.bot.username)

    async def stop(self) -> None:
        app = self.application
        self._stopping = True  # a journaled batch waiting out an outage stays journaled
        self._stop_asked.set()
        await self._stop_polling()
        # Every committed update's answer goes out before the HTTP session closes.
        if self._sending:
            await asyncio.gather(*self._sending, return_exceptions=True)
        if self._settled:
            try:
                await self.dispatcher.settle(self._settled)
            except Exception as exc:  # any failure: they stay, and cost the next start
                log.info("applied telegram batches left in the journal (%s); the next "
                         "start finds their updates claimed", type(exc).__name__)
            else:
                self._settled = []
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
        """getUpdates until stopped; confirm (by `offset`) only updates that are durable.

        Under load (a full batch, or one that comes while the previous one still applies) a
        batch is journaled first (one short transaction, bot.db.journal), then confirmed by
        the next getUpdates, which is fetched (and journaled) while the batch is applied: the
        fetch and the apply overlap, as in a bot that confirms before handling, without losing
        an update to a crash or an outage after the confirmation (a start applies what is still
        journaled, first). Answers go out once their update committed.

        Any other batch, and one the journal did not take (the database is down), is applied
        before it is confirmed; an update that met an outage holds the offset back: Telegram
        delivers it (and the ones after it, which claim_update recognises as applied) again,
        at a slowing pace, until the database answers. Telegram keeps unconfirmed updates for
        24 hours.
        """
        bot = self.application.bot
        pause = 0.0
        applying: asyncio.Task[None] | None = None
        replayed = False  # what a previous run left journaled was applied, first
        try:
            while not self._stopping:
                if not replayed:
                    replayed = await self._replay()
                await self._room_to_send()
                try:
                    updates = await self._get_updates()
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
                # A full batch: Telegram holds more, to be fetched while this one applies.
                # Otherwise the bot keeps up, and the journal would only add a transaction.
                busy = applying is not None and not applying.done()
                journaled = (await self._journal(updates)
                             if replayed and (len(updates) >= POLL_LIMIT or busy) else None)
                if applying is not None:
                    # One batch applies at a time, in Telegram's order: a user's next update
                    # sees what the previous one did. Shielded: a stop lets it finish.
                    await asyncio.shield(applying)
                    applying = None
                if journaled is not None:
                    self._offset = updates[-1]["update_id"] + 1
                    pause = 0.0
                    applying = asyncio.create_task(self._apply_journaled(journaled, updates),
                                                   name="telegram batch")
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
                    self._offset = updates[-1]["update_id"] + 1
                    pause = 0.0
        finally:
            if applying is not None:
                # Its updates are confirmed: finished here, or (a stop during an outage's
                # pause) left journaled for the next start.
                await asyncio.wait([applying])
                if not applying.cancelled() and applying.exception() is not None:
                    log.error("applying a journaled telegram batch failed; the next start "
                              "applies it", exc_info=applying.exception())
            if self._stopping and self._offset is not None:
                # Confirm what was handled, so the next start does not fetch it again.
                with contextlib.suppress(TelegramError, asyncio.CancelledError):
                    await bot.get_updates(offset=self._offset, limit=1, timeout=0)

    async def _journal(self, updates: list[dict[str, Any]]) -> int | None:
        """Journal a fetched batch (and forget the settled ones); its id, or None when it did
        not commit: then it must not be confirmed."""
        settled, self._settled = self._settled, []
        try:
            return await self.dispatcher.journal(
                CHANNEL, json.dumps(updates, separators=(",", ":")), settled)
        except Exception as exc:  # any failure: not durable, so applied as it was before
            self._settled[:0] = settled
            log.warning("telegram batch not journaled (%s); applied before it is confirmed",
                        type(exc).__name__, exc_info=not is_outage(exc))
            return None

    async def _replay(self) -> bool:
        """Apply the batches a previous run journaled and did not finish, oldest first; False
        when the database did not answer (polling tries again before its next batch)."""
        try:
            batches = await self.dispatcher.journaled(CHANNEL)
        except Exception as exc:  # an outage is waited out; anything else is a bug
            if not is_outage(exc):
                raise
            log.warning("the telegram update journal could not be read (%s); tried again "
                        "later", type(exc).__name__)
            return False
        for batch_id, payload in batches:
            updates = [u for u in json.loads(payload)
                       if isinstance(u, dict) and type(u.get("update_id")) is int]
            log.info("applying %d telegram updates journaled before this start", len(updates))
            if updates:
                self._offset = max(self._offset or 0, updates[-1]["update_id"] + 1)
            await self._apply_journaled(batch_id, updates)
        return True

    async def _apply_journaled(self, batch_id: int, updates: list[dict[str, Any]]) -> None:
        """Apply a journaled batch. It is confirmed already: an update that meets an outage is
        tried again from here, at a slowing pace, until the database takes it."""
        pause = 0.0
        left = updates
        while left:
            deferred = await self._process_batch(left)
            left = [u for u in left if u["update_id"] in deferred]
            if not left:
                break
            pause = min(max(2 * pause, 1.0), MAX_PAUSE)
            log.warning("%d journaled telegram updates were not applied; again in %.0f s",
                        len(left), pause)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop_asked.wait(), pause)
            if self._stopping:
                return  # still journaled: the next start applies them
        self._settled.append(batch_id)

    async def _get_updates(self) -> list[dict[str, Any]]:
        """getUpdates as JSON: parsed into objects only where read_update cannot take them."""
        params: dict[str, Any] = {"timeout": POLL_TIMEOUT, "limit": POLL_LIMIT,
                                  "allowed_updates": Update.ALL_TYPES}
        if self._offset is not None:
            params["offset"] = self._offset
        # As Bot.get_updates does: the long poll's time on top of the read timeout.
        result = await self._api("getUpdates", params,
                                 read_timeout=POLL_READ_TIMEOUT + POLL_TIMEOUT)
        if not isinstance(result, list):
            raise TelegramError("getUpdates did not answer a list")
        updates = []
        for data in result:
            if isinstance(data, dict) and type(data.get("update_id")) is int:
                updates.append(data)
            else:  # cannot even be confirmed past: Telegram never sends one
                log.warning("telegram getUpdates returned an update without an update_id")
        return updates

    async def _process_batch(self, updates: Sequence[dict[str, Any]]) -> set[int]:
        """Run the batch through the handlers (at most `concurrent_updates` at once);
        return the ids of the updates that have to come again."""
        applied = await asyncio.gather(*(self._process(u) for u in updates))
        return {u["update_id"] for u, ok in zip(updates, applied, strict=True) if not ok}

    async def _process(self, data: dict[str, Any], update: Update | None = None) -> bool:
        """Run one update (its JSON, and its object if already built) through the handlers;
        False when it was not applied (its transaction did not commit) and Telegram must
        deliver it again."""
        app = self.application
        update_id: int = data["update_id"]
        self._held.discard(update_id)
        fast = read_update(data) if update is None else None
        if fast is not None:
            # Not through PTB's update processor and its `concurrent_updates` bound: held
            # there while the answer is sent, updates would reach the dispatcher one by one
            # as answers go out, instead of together in one transaction. A getUpdates batch
            # (100 at most) or the webhook's max_connections bounds them.
            await self._answer_fast(update_id, *fast)
        else:
            if update is None:
                try:
                    update = Update.de_json(data, app.bot)
                except (KeyError, TypeError, ValueError, AttributeError, RecursionError):
                    log.warning("telegram update %s is malformed; skipped", update_id)
                    return True
            await app.update_processor.process_update(update, app.process_update(update))
        if update_id in self._held:
            self._held.discard(update_id)
            return False
        return True

    async def _stop_polling(self) -> None:
        """Let a batch being processed finish; a pending getUpdates or pause is abandoned."""
        poller, self._poller = self._poller, None
        if poller is None:
            return
        self._stopping = True
        self._stop_asked.set()
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
        update: Update | None = None
        if read_update(data) is None:
            try:
                update = Update.de_json(data, self.application.bot)
            except (KeyError, TypeError, ValueError, AttributeError, RecursionError):
                log.warning("webhook body is not a valid update (update_id %s)",
                            data["update_id"])
                return web.Response(status=400, text="not a Telegram update")
        # Applied before answering: an update whose transaction did not commit gets 503, and
        # Telegram delivers it again (claim_update keeps it applied once).
        if not await self._process(data, update):
            return web.Response(status=503, text="not applied; send it again")
        await self._room_to_send()
        return web.Response(status=200)

    # ---- updates ---------------------------------------------------------------------------

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Route a text message (or command) through the core."""
        message = update.effective_message
        user = update.effective_user
        if message is None or user is None or message.text is None:
            return
        addressee = _addressee(message.text)
        if addressee is not None and addressee.lower() != (self.application.bot.username
                                                           or "").lower():
            # "/start@other_bot" in a group where this bot reads everything (an admin, or
            # privacy mode off): another bot's command, not a question to this one.
            return
        if message.sender_chat is not None or user.is_bot:
            # Written as the group or a channel (an anonymous admin, a linked channel's post):
            # `from` is then an account Telegram shares among all of them (GroupAnonymousBot,
            # Channel_Bot), no one's own. Kept as a citizen, every anonymous admin of every
            # group would share one conversation, language, data and questions' answers.
            log.info("telegram update %s from a group or channel identity; not a citizen",
                     update.update_id)
            with use_locale(self.dispatcher.settings.bot.locale):
                self._reply_after(_where(message), [Reply(_(
                    "Chatbot không biết ai đang nhắn khi tin được gửi với tư cách nhóm hoặc "
                    "kênh. Xin Quý vị nhắn từ tài khoản của mình, hoặc nhắn riêng cho "
                    "Chatbot."))])
            return
        await self._answer(update.update_id, _where(message), Incoming(
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
        # Without its message (inline mode) the answer goes to the user's private chat.
        if query.message is None:
            where = str(query.from_user.id)
        elif isinstance(query.message, Message):
            where = _where(query.message)
        else:  # too old to be read (InaccessibleMessage): its chat only
            where = str(query.message.chat.id)
        private = query.message is None or query.message.chat.type == ChatType.PRIVATE
        await self._answer(update.update_id, where, Incoming(
            CHANNEL, str(query.from_user.id), query.data or "", is_button=True,
            display_name=query.from_user.full_name, is_private=private))

    async def on_media(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A sticker, photo, voice or file: ask the user to type instead; the words typed
        under a photo or a file (its caption) are what the user asks, answered as a text."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None:
            return
        caption = (message.caption or "").strip()
        if message.media_group_id is not None and not self._first_of_album(
                update.update_id, message.chat_id, message.media_group_id, bool(caption)):
            # Photos sent together (an album) come as one update each: the citizen did one
            # thing and gets one answer, that of the first photo (the one the apps put the
            # words typed under the album on), or of any photo with words of its own.
            return
        await self._answer(update.update_id, str(message.chat_id), Incoming(
            CHANNEL, str(user.id), caption, is_media=not caption,
            display_name=user.full_name))

    def _first_of_album(self, update_id: int, chat_id: int, group: str, caption: bool) -> bool:
        """Whether this photo of an album is answered: the album's first photo (or that
        photo delivered again after an outage), or a photo with its own caption."""
        key = (chat_id, group)
        answered = self._albums.get(key)
        if answered is None:
            self._albums[key] = update_id
            while len(self._albums) > ALBUMS_KEPT:
                self._albums.popitem(last=False)
            return True
        return caption or answered == update_id

    async def on_member(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The user blocked the bot (kicked): stop sending to them; unblocked (a member
        again, which Telegram says without any message when it is done in the chat's
        settings): send to them again."""
        change = update.my_chat_member
        if change is None or change.chat.type != "private":
            return
        status = change.new_chat_member.status
        if status == ChatMemberStatus.BANNED:
            mark = self.dispatcher.mark_inactive
        elif status == ChatMemberStatus.MEMBER:
            mark = self.dispatcher.mark_active
        else:
            return
        try:
            await mark(CHANNEL, str(change.from_user.id))
        except Exception as exc:  # not committed: held back, applied when it comes again
            log.warning("telegram update %s held back: %s", update.update_id,
                        type(exc).__name__, exc_info=not is_outage(exc))
            self._held.add(update.update_id)

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The one error handler: log with the traceback; the bot keeps going."""
        update_id = update.update_id if isinstance(update, Update) else None
        log.error("telegram update %s failed", update_id, exc_info=context.error)

    async def _answer_fast(self, update_id: int, where: str, msg: Incoming,
                           query_id: str | None) -> None:
        """What on_text and on_button do, for an update read by read_update."""
        if query_id is not None and update_id not in self._apologized:
            # Answered at once (the user's button shows a clock until then), beside the update.
            self._spawn(self._answer_query(query_id))
        await self._answer(update_id, where, msg)

    async def _answer_query(self, query_id: str) -> None:
        answered = await self._call(lambda: self._api(
            "answerCallbackQuery", {"callback_query_id": query_id}))
        if isinstance(answered, Delivery):  # too old (400) or refused: the command runs
            log.info("telegram callback query not answered: %s %s", answered.status,
                     answered.reason)

    async def _answer(self, update_id: int, where: str, msg: Incoming) -> None:
        """Apply the update; its answer is sent once it committed, without holding the next
        updates back (_reply_after). `where`: the chat, or 'chat:topic' (_where)."""
        try:
            replies = await self.dispatcher.handle(msg, update_key=str(update_id),
                                                   hold_back=True)
        except HeldBack as outage:
            # Not confirmed to Telegram: it comes again and is answered once the database
            # takes it. The user is told so once, not at every redelivery.
            self._held.add(update_id)
            if update_id not in self._apologized:
                self._apologized.add(update_id)
                self._reply_after(where, outage.replies)
            return
        self._apologized.discard(update_id)
        if replies is None:
            log.info("telegram update %s was already applied; skipped", update_id)
            return
        self._reply_after(where, replies)

    def _reply_after(self, where: str, replies: list[Reply]) -> None:
        """Send `replies` in the background, after the chat's previous answer."""
        chat_id = int(where.partition(":")[0])
        previous = self._last_send.get(chat_id)

        async def in_turn() -> None:
            if previous is not None:
                await asyncio.wait([previous])
            await self._reply(where, replies)

        task = self._spawn(in_turn())
        self._last_send[chat_id] = task

        def forget(done: asyncio.Task[None]) -> None:
            if self._last_send.get(chat_id) is done:
                del self._last_send[chat_id]

        task.add_done_callback(forget)

    def _spawn(self, work: Awaitable[Any]) -> asyncio.Task[None]:
        """Run a send in the background; stop() waits for it."""
        async def run() -> None:
            await work

        task = asyncio.create_task(run())
        self._sending.add(task)
        task.add_done_callback(self._sent)
        return task

    def _sent(self, task: asyncio.Task[None]) -> None:
        self._sending.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("sending a telegram answer failed", exc_info=task.exception())

    async def _room_to_send(self) -> None:
        """Wait while MAX_SENDING answers are still being sent (a slow or limiting Telegram)."""
        while len(self._sending) >= MAX_SENDING:
            await asyncio.wait(self._sending, return_when=asyncio.FIRST_COMPLETED)

    async def _reply(self, where: str, replies: list[Reply]) -> None:
        """Answer in the chat (or its topic) under the one retry policy; a user who blocked
        the bot is marked inactive."""
        outcome = await self.send(where, replies, retry=self.retry)
        chat_id = where.partition(":")[0]
        if outcome.status == "blocked":
            log.info("telegram chat %s blocked the bot; marked inactive", chat_id)
            await self.dispatcher.mark_inactive(CHANNEL, chat_id)
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
        # The Defaults do not reach a raw call (_api): parse mode and previews stated here.
        params: dict[str, Any] = {**_target(external_id), "text": html,
                                  "parse_mode": ParseMode.HTML.value,
                                  "link_preview_options": NO_PREVIEW}
        markup = keyboard(buttons)
        if markup is not None:
            params["reply_markup"] = markup
        sent = await self._call(lambda: self._api("sendMessage", params))
        return sent if isinstance(sent, Delivery) else Delivery("sent", ref=str(
            sent["message_id"]))

    async def send_document(self, external_id: str, file: Attachment) -> Delivery:
        sent = await self._call(lambda: self.application.bot.send_document(
            **_target(external_id), document=InputFile(file.data, filename=file.filename)))
        return sent if isinstance(sent, Delivery) else Delivery("sent", ref=str(
            sent.message_id))

    async def edit_text(self, external_id: str, ref: str, text: str) -> Delivery:
        """Edit a progress message in place."""
        edited = await self._call(lambda: self.application.bot.edit_message_text(
            escape(text, quote=False), chat_id=_target(external_id)["chat_id"],
            message_id=int(ref)))
        return edited if isinstance(edited, Delivery) else Delivery("sent", ref=ref)

    async def _api(self, method: str, params: dict[str, Any],
                   read_timeout: float | None = None) -> Any:
        """One Bot API call whose answer is only checked, never read as objects (the messages
        the bot sent, the updates read_update takes): python-telegram-bot's request layer and
        its error mapping (RetryAfter, Forbidden, BadRequest, TimedOut...), without building
        its objects. On our aiohttp layer the parameters are encoded once (post_json);
        otherwise through Bot.do_api_request."""
        bot = self.application.bot
        request = self._updates_request if method == "getUpdates" else bot.request
        if isinstance(request, AiohttpRequest):
            return await request.post_json(f"{bot.base_url}/{method}", params, read_timeout)
        if read_timeout is None:
            return await bot.do_api_request(method, params)
        return await bot.do_api_request(method, params, read_timeout=read_timeout)

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
