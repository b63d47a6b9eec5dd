"""A fake Telegram Bot API server for tests, speaking the real wire protocol over HTTP.

`FakeTelegram` is an aiohttp.web server on 127.0.0.1 (a free port) that answers
``/bot<token>/<method>`` like https://core.telegram.org/bots/api does, so that an unchanged
python-telegram-bot 22.8 `Application` runs against it in polling or in webhook mode::

    async with FakeTelegram(token=TOKEN) as tg:
        app = ApplicationBuilder().token(TOKEN).base_url(tg.base_url).build()
        ...
        tg.user_sends_text(1001, "/start")
        await tg.wait_for(lambda: tg.sent_messages(1001))

It implements what the bot calls (getMe, getUpdates, setWebhook, deleteWebhook, setMyCommands,
sendMessage, editMessageText, sendDocument, answerCallbackQuery) and what users do to it (text,
stickers, edits, button presses, blocking). Any other method answers 404, so a test notices
(or use `add_method`). Wire details it follows (PTB 22.8's request layer, the Bot API docs):

* parameters come as a JSON body, an urlencoded form, a multipart form (files) or a query
  string; PTB sends every value as a string (``chat_id="1001"``) and JSON-typed values
  (``reply_markup``, ``allowed_updates``, ``commands`` ...) JSON-encoded inside it, so known
  fields are coerced back to ints, booleans and objects;
* method names are case-insensitive; answers are ``{"ok": true, "result": ...}`` or
  ``{"ok": false, "error_code": N, "description": "...", "parameters": {...}}`` with the HTTP
  status equal to ``error_code``;
* getUpdates long-polls, confirms updates by ``offset`` and answers 409 while a webhook is set;
  a webhook gets each update as a JSON POST with ``X-Telegram-Bot-Api-Secret-Token`` and is
  retried until it answers 2xx (Telegram's "repeat the request and give up after a reasonable
  number of attempts");
* strict like Telegram where a lenient fake would hide a bug: text is parsed as Telegram parses
  HTML (a bare ``<`` or an unclosed tag is a 400) and its visible length checked (4,096); a
  private chat whose user never wrote to the bot gets 403 "bot can't initiate conversation
  with a user" (`register_chats` stands for users who started the bot before the test;
  ``strict_chats=False`` turns it off); a 429 opens a penalty window of ``retry_after`` seconds
  in which the chat (or the method) gets 429 again with the time left; a callback query older
  than ``callback_query_timeout`` (or answered already) gets 400 "query is too old ..."; an
  injected 400/403/404 answers the identical request again the same way (Telegram's 4xx are
  final, retrying changes nothing).

Deliberate simplifications: webhook URLs may be plain http (for loopback tests); webhook
updates are delivered one at a time; of the HTML tags only those without attributes and
``<a href>`` are known.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import hashlib
import html
import itertools
import json
import math
import re
import time
from collections import Counter, defaultdict, deque
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

import aiohttp
from aiohttp import web

__all__ = [
    "BOT_FIRST_NAME",
    "BOT_USERNAME",
    "ApiError",
    "FakeTelegram",
    "RecordedRequest",
    "UploadedFile",
    "WebhookDelivery",
]

JSONDict = dict[str, Any]
MethodHandler = Callable[[JSONDict], Any]
# wait_for's default limit: it only ends a hang. A bot's first free text waits for the
# understanding it builds (3.6 s of CPU with its model, about 50 s under a load of 15), so a
# limit of a few seconds failed on a loaded machine what a quiet one passes.
WAIT = 60.0

BOT_FIRST_NAME = "Học tập suốt đời"
BOT_USERNAME = "hoctap_test_bot"
DEFAULT_TOKEN = "123456789:AAFakeTokenForTests_abcdefghijklmnop"

MAX_TEXT_LENGTH = 4096
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"

CONFLICT_WEBHOOK = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
CONFLICT_TERMINATED = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
BLOCKED = "Forbidden: bot was blocked by the user"
# The account Telegram puts in `from` for every anonymous group administrator.
ANONYMOUS_ADMIN = {"id": 1087968824, "is_bot": True, "first_name": "Group",
                   "username": "GroupAnonymousBot"}
CANT_INITIATE = "Forbidden: bot can't initiate conversation with a user"

# Fields whose values are JSON-serialized objects/arrays in form posts (and in PTB's JSON body).
_JSON_FIELDS = frozenset({
    "reply_markup", "allowed_updates", "commands", "entities", "scope", "link_preview_options",
})
_INT_FIELDS = frozenset({"chat_id", "message_id", "offset", "limit", "timeout",
                         "max_connections"})
_BOOL_FIELDS = frozenset({"disable_notification", "drop_pending_updates",
                          "disable_web_page_preview", "protect_content"})
# Methods that put a message into a chat: subject to blocking and flood control.
_SENDING = frozenset({"sendMessage", "sendDocument", "editMessageText"})
# Update types Telegram leaves out unless asked for explicitly.
_OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
    409: "Conflict", 500: "Internal Server Error", 502: "Bad Gateway",
}


# ---- records ---------------------------------------------------------------------------------


@dataclass(slots=True)
class UploadedFile:
    """A file part of a multipart request."""

    field: str
    filename: str | None
    content_type: str
    data: bytes


@dataclass(slots=True, eq=False)
class RecordedRequest:
    """One Bot API call: iterate/unpack it as ``method, params, time``.

    ``time`` is `time.monotonic()` when it arrived; ``status``/``response`` are filled once it
    was answered (``None`` while a long poll is pending or if the client went away).
    """

    method: str
    params: JSONDict
    time: float
    files: dict[str, UploadedFile] = field(default_factory=dict)
    status: int | None = None
    response: JSONDict | None = None

    def __iter__(self) -> Iterator[Any]:
        return iter((self.method, self.params, self.time))

    @property
    def ok(self) -> bool:
        return self.status == 200

    @property
    def result(self) -> Any:
        return None if self.response is None else self.response.get("result")


@dataclass(slots=True)
class WebhookDelivery:
    """One POST of an update to the webhook: ``status`` is None when the connection failed."""

    update_id: int
    url: str
    attempt: int
    status: int | None
    error: str | None
    time: float


class ApiError(Exception):
    """An error answer of the Bot API; raise it from an `add_method` handler too."""

    def __init__(
        self, status: int, description: str | None = None, retry_after: int | None = None
    ) -> None:
        self.status = status
        self.description = description or _DEFAULT_DESCRIPTIONS.get(status, "Error")
        self.retry_after = retry_after
        super().__init__(f"{status} {self.description}")

    def body(self) -> JSONDict:
        body: JSONDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def _bad(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


@dataclass(slots=True)
class _Result:
    """A result with the optional ``description`` Telegram adds (setWebhook, deleteWebhook)."""

    value: Any
    description: str | None = None


@dataclass(slots=True, eq=False)
class _Pending:
    update: JSONDict
    done: asyncio.Future[int | None] | None = None

    @property
    def update_id(self) -> int:
        return int(self.update["update_id"])


@dataclass(slots=True)
class _Webhook:
    url: str
    secret_token: str | None
    max_connections: int
    allowed_updates: list[str] | None


# ---- text: HTML -> (text, entities), and the entities Telegram finds itself ------------------


class _EntityError(Exception):
    pass


def _u16(text: str) -> int:
    """Length in UTF-16 code units, the unit of MessageEntity offsets."""
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


_HTML_SIMPLE = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
    "ins": "underline", "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
    "tg-spoiler": "spoiler", "code": "code", "pre": "pre", "blockquote": "blockquote",
}
_HTML_ENTITY = re.compile(r"&(lt|gt|amp|quot|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")
_HTML_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_HTML_SPECIAL = re.compile("[&<]")
_HREF = re.compile(r"""\s+href\s*=\s*(?:"([^"]*)"|'([^']*)')\s*""")


def _decode_html_entity(name: str) -> str | None:
    if name in _HTML_NAMED:
        return _HTML_NAMED[name]
    code = int(name[2:], 16) if name[1:2] in ("x", "X") else int(name[1:])
    return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else None


def parse_html(src: str) -> tuple[str, list[JSONDict]]:
    """Telegram's HTML parse mode (after tdlib's parse_html): plain text and entities.

    Raises `_EntityError` with Telegram's wording for malformed markup: an unsupported or
    unclosed tag, a mismatched end tag, a bare ``<``. A bare ``&`` stays literal, as in Telegram.
    """
    out: list[str] = []
    pos = 0  # UTF-16 offset in the output
    stack: list[tuple[str, str, int]] = []  # (tag, href, where it began)
    entities: list[JSONDict] = []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if c == "&":
            m = _HTML_ENTITY.match(src, i)
            decoded = _decode_html_entity(m.group(1)) if m else None
            chunk, i = (decoded, m.end()) if m and decoded is not None else ("&", i + 1)
        elif c != "<":
            # The plain run up to the next markup at once (one character at a time, with its
            # UTF-16 length, was most of the fake's CPU for a bot's HTML replies).
            special = _HTML_SPECIAL.search(src, i)
            end = special.start() if special is not None else n
            chunk, i = src[i:end], end
        else:
            i = _html_tag(src, i, stack, entities, pos)
            continue
        out.append(chunk)
        pos += _u16(chunk)
    if stack:
        raise _EntityError(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def _html_tag(src: str, start: int, stack: list[tuple[str, str, int]],
              entities: list[JSONDict], pos: int) -> int:
    """Read the tag at `start`: push a start tag, or pop an end tag into an entity."""
    at = _byte_offset(src, start)
    if src.startswith("</", start):
        end = src.find(">", start + 2)
        if end < 0:
            raise _EntityError(f"Unclosed end tag at byte offset {at}")
        name = src[start + 2:end].strip().lower()
        if not stack:
            raise _EntityError(f"Unexpected end tag at byte offset {at}")
        tag, href, begin = stack.pop()
        if name != tag:
            raise _EntityError(f'Unmatched end tag at byte offset {at}, expected "</{tag}>", '
                               f'found "</{name}>"')
        if pos > begin and (tag != "a" or href):
            entity: JSONDict = {"type": _HTML_SIMPLE.get(tag, "text_link"), "offset": begin,
                                "length": pos - begin}
            if tag == "a":
                entity["url"] = href
            entities.append(entity)
        return end + 1
    j = start + 1
    while j < len(src) and not src[j].isspace() and src[j] != ">":
        j += 1
    tag = src[start + 1:j].lower()
    if tag not in _HTML_SIMPLE and tag != "a":
        raise _EntityError(f'Unsupported start tag "{tag}" at byte offset {at}')
    end = src.find(">", j)
    if end < 0:
        raise _EntityError(f"Unclosed start tag at byte offset {at}")
    href = ""
    attributes = src[j:end]
    if tag == "a" and attributes.strip():
        m = _HREF.fullmatch(attributes)
        if m is None:
            raise _EntityError(f'Unsupported attribute of the tag "a" at byte offset {at}')
        href = html.unescape(m.group(1) or m.group(2) or "")
    elif attributes.strip():
        raise _EntityError(f'Unsupported attribute of the tag "{tag}" at byte offset {at}')
    stack.append((tag, href, pos))
    return end + 1


# Each with a text it cannot match without (lower-cased): most texts skip most patterns, and
# scanning every text with all five was a fifth of the fake's CPU in bench.throughput.
_AUTO_PATTERNS: list[tuple[str, re.Pattern[str], tuple[str, ...]]] = [
    ("url", re.compile(r"(?i)\b(?:https?://|www\.)[^\s<>\"]+[^\s<>\".,;:!?)\]'}]"),
     ("://", "www.")),
    ("email", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b"), ("@",)),
    ("bot_command",
     re.compile(r"(?<![\w/@])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z][A-Za-z0-9_]{3,31})?(?![\w/])"),
     ("/",)),
    ("mention", re.compile(r"(?<![\w@])@[A-Za-z][A-Za-z0-9_]{4,31}(?!\w)"), ("@",)),
    ("hashtag", re.compile(r"(?<![\w#])#\w*[^\W\d_]\w*"), ("#",)),
]
_NO_AUTO_INSIDE = frozenset({"code", "pre", "text_link", "url", "email"})


def detect_entities(text: str, existing: Sequence[JSONDict] = ()) -> list[JSONDict]:
    """Entities Telegram finds by itself: bot commands, URLs, e-mails, mentions, hashtags."""
    taken = [(e["offset"], e["offset"] + e["length"]) for e in existing
             if e.get("type") in _NO_AUTO_INSIDE]
    found: list[JSONDict] = []
    lowered = text.lower()
    for kind, pattern, needs in _AUTO_PATTERNS:
        if not any(need in lowered for need in needs):
            continue
        for m in pattern.finditer(text):
            begin = _u16(text[:m.start()])
            end = begin + _u16(m.group())
            if any(begin < b and a < end for a, b in taken):
                continue
            taken.append((begin, end))
            found.append({"type": kind, "offset": begin, "length": end - begin})
    return found


def _strip_text(text: str, entities: list[JSONDict]) -> tuple[str, list[JSONDict]]:
    """Telegram trims leading and trailing white space; entities move along."""
    stripped = text.strip()
    if stripped == text:
        return text, entities
    shift = _u16(text[:len(text) - len(text.lstrip())])
    size = _u16(stripped)
    kept: list[JSONDict] = []
    for entity in entities:
        begin = max(0, entity["offset"] - shift)
        end = min(size, entity["offset"] - shift + entity["length"])
        if end > begin:
            kept.append({**entity, "offset": begin, "length": end - begin})
    return stripped, kept


def format_text(text: str, parse_mode: str | None) -> tuple[str, list[JSONDict]]:
    """Text as the recipient sees it and its entities; HTML is the one parse mode known."""
    mode = (parse_mode or "").strip().lower()
    if mode not in ("", "html"):
        raise _bad("unsupported parse_mode")
    try:
        plain, found = parse_html(text) if mode else (text, [])
    except _EntityError as err:
        raise _bad(f"can't parse entities: {err}") from None
    plain, found = _strip_text(plain, found)
    found = found + detect_entities(plain, found)
    found.sort(key=lambda e: (e["offset"], -e["length"]))
    return plain, found


# ---- small helpers ---------------------------------------------------------------------------


def _to_int(value: Any, name: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        return int(value)
    raise _bad(f"invalid {name} specified")


def _to_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes", "on")
    return bool(value)


def _coerce(params: JSONDict) -> JSONDict:
    """Undo the form encoding: JSON-typed fields to objects, ints to int, booleans to bool."""
    out: JSONDict = {}
    for key, value in params.items():
        if isinstance(value, str):
            if key in _JSON_FIELDS:
                try:
                    value = json.loads(value)
                except json.JSONDecodeError:
                    what = "reply keyboard markup" if key == "reply_markup" else key
                    raise _bad(f"can't parse {what} JSON object") from None
            elif key in _INT_FIELDS:
                if re.fullmatch(r"\s*-?\d+\s*", value):
                    value = int(value)
                elif re.fullmatch(r"\s*-?\d+\.\d*\s*", value):
                    value = float(value)
            elif key in _BOOL_FIELDS:
                value = _to_bool(value)
        out[key] = value
    return out


# ---- the server ------------------------------------------------------------------------------


class FakeTelegram:
    """A fake Bot API server on 127.0.0.1; see the module docstring."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        webhook_retry_delays: Sequence[float] = (0.2,),
        webhook_max_attempts: int = 5,
        webhook_timeout: float = 5.0,
        strict_chats: bool = True,
        callback_query_timeout: float = 15.0,
    ) -> None:
        if not re.fullmatch(r"[0-9]+:[A-Za-z0-9_-]+", token):
            raise ValueError(f"not a bot token: {token!r}")
        if webhook_max_attempts < 1 or not webhook_retry_delays:
            raise ValueError("need at least one webhook attempt and one retry delay")
        self._token = token
        self.webhook_retry_delays = tuple(webhook_retry_delays)
        self.webhook_max_attempts = webhook_max_attempts
        self.webhook_timeout = webhook_timeout
        self.strict_chats = strict_chats
        # Telegram does not document it; bots report "query is too old" after 10-15 s.
        self.callback_query_timeout = callback_query_timeout
        self.bot_id = int(token.split(":", 1)[0])

        self.requests: list[RecordedRequest] = []
        self.webhook_deliveries: list[WebhookDelivery] = []
        self.status_counts: Counter[int] = Counter()

        self._next_update_id = 100_000_001
        self._pending: list[_Pending] = []
        self._pollers: list[asyncio.Future[str]] = []
        self._allowed_updates: list[str] | None = None
        self._webhook: _Webhook | None = None
        self._wake = asyncio.Event()
        self._request_seen = asyncio.Event()

        self._users: dict[int, JSONDict] = {}
        self._known_chats: set[int] = set()
        self._blocked: set[int] = set()
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._messages: dict[tuple[int, int], JSONDict] = {}
        self._history: defaultdict[int, list[JSONDict]] = defaultdict(list)
        self._query_times: dict[str, float] = {}
        self._answered_queries: set[str] = set()
        self._ids = itertools.count(1)

        self._failures: defaultdict[str, deque[ApiError]] = defaultdict(deque)
        self._final: dict[tuple[str, str], ApiError] = {}
        self._per_chat_limit: int | None = None
        self._global_limit: int | None = None
        self._fixed_retry_after: int | None = None
        self._sent_times: defaultdict[int, deque[float]] = defaultdict(deque)
        self._global_times: deque[float] = deque()
        self._penalties: dict[object, float] = {}
        # The clock of the flood control (the 1 s windows and the 429 penalties): a test that
        # checks how they count down moves a clock of its own, as a loaded machine would not.
        self.clock: Callable[[], float] = time.monotonic

        self._custom: dict[str, tuple[str, MethodHandler]] = {}
        self._methods: dict[str, tuple[str, MethodHandler]] = {}
        for name in ("getMe", "getUpdates", "setWebhook", "deleteWebhook", "setMyCommands",
                     "sendMessage", "editMessageText", "sendDocument", "answerCallbackQuery"):
            self._methods[name.lower()] = (name, getattr(self, f"_m_{name}"))

        self._runner: web.AppRunner | None = None
        self._http: aiohttp.ClientSession | None = None
        self._worker: asyncio.Task[None] | None = None
        self._url: str | None = None

    # ---- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Listen on a free port of 127.0.0.1 and start webhook delivery."""
        if self._runner is not None:
            raise RuntimeError("FakeTelegram is already running")
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        runner = web.AppRunner(
            app, handle_signals=False, access_log=None, shutdown_timeout=1.0,
            handler_cancellation=True,
        )
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self._runner = runner
        host, port = runner.addresses[0][:2]
        self._url = f"http://{host}:{port}"
        self._http = aiohttp.ClientSession()
        self._worker = asyncio.create_task(self._webhook_worker(), name="fake-telegram-webhook")

    async def stop(self) -> None:
        """Wake pending long polls, stop webhook delivery, close the server."""
        self._wake_pollers("closing")
        if self._worker is not None:
            self._worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._worker
            self._worker = None
        for entry in self._pending:
            if entry.done is not None and not entry.done.done():
                entry.done.cancel()
        if self._http is not None:
            await self._http.close()
            self._http = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeTelegram:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``, once started."""
        if self._url is None:
            raise RuntimeError("FakeTelegram is not started")
        return self._url

    @property
    def token(self) -> str:
        return self._token

    @property
    def base_url(self) -> str:
        """For ``ApplicationBuilder().base_url(...)``: ``{url}/bot``."""
        return f"{self.url}/bot"

    @property
    def bot_user(self) -> JSONDict:
        """What getMe returns."""
        return {
            "id": self.bot_id, "is_bot": True, "first_name": BOT_FIRST_NAME,
            "username": BOT_USERNAME, "can_join_groups": True,
            "can_read_all_group_messages": False, "supports_inline_queries": False,
            "can_connect_to_business": False, "has_main_web_app": False,
        }

    # ---- test controls -----------------------------------------------------------------------

    def block(self, chat_id: int) -> None:
        """The user blocked the bot: sending to the chat answers 403 from now on."""
        self._blocked.add(int(chat_id))

    def register_chats(self, chat_ids: Iterable[int]) -> None:
        """These users started the bot before the test (as if each had sent it /start).

        For tests that put subscribers straight into the bot's database: without it, sending
        to them answers 403 "bot can't initiate conversation with a user", as Telegram does.
        """
        self._known_chats.update(int(c) for c in chat_ids)

    def rate_limit(
        self,
        per_chat_per_second: int | None = 1,
        global_per_second: int | None = 30,
        retry_after: int | None = None,
    ) -> None:
        """Turn flood control on (None switches a limit off): over a limit -> 429.

        Within any 1 s window at most ``per_chat_per_second`` messages go to one chat and at
        most ``global_per_second`` in all. A 429 carries ``retry_after`` (computed, or the given
        value), and the chat (or everything) keeps getting 429 until that time has passed.
        """
        self._per_chat_limit = per_chat_per_second
        self._global_limit = global_per_second
        self._fixed_retry_after = retry_after
        self._penalties.clear()

    def fail_next(
        self,
        method: str,
        status: int,
        description: str | None = None,
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        """The next ``times`` calls of ``method`` answer this error instead of working.

        A 429 opens a penalty window of ``retry_after`` seconds for the request's chat (for the
        method when it names no chat): calls inside it get 429 with the time left. A 4xx other
        than 429 is final: the identical request keeps getting the same answer.
        """
        if status == 429 and description is None:
            description = f"Too Many Requests: retry after {retry_after or 1}"
        for _ in range(times):
            self._failures[method.lower()].append(ApiError(status, description, retry_after))

    def add_method(self, name: str, handler: MethodHandler) -> None:
        """Answer ``name`` with ``handler(params)`` (sync or async; raise ApiError to fail)."""
        self._custom[name.lower()] = (name, handler)

    @property
    def rate_limited_count(self) -> int:
        """How many 429 answers were given (flood control and injected ones)."""
        return self.status_counts[429]

    @property
    def webhook(self) -> JSONDict | None:
        """The webhook as set by setWebhook, or None in polling mode."""
        hook = self._webhook
        if hook is None:
            return None
        return {"url": hook.url, "secret_token": hook.secret_token,
                "max_connections": hook.max_connections,
                "allowed_updates": hook.allowed_updates}

    @property
    def pending_updates(self) -> list[JSONDict]:
        """Updates not yet confirmed (polling) or not yet accepted by the webhook."""
        return [copy.deepcopy(p.update) for p in self._pending]

    # ---- inspection --------------------------------------------------------------------------

    def calls(
        self, method: str | None = None, chat_id: int | None = None, ok: bool | None = None
    ) -> list[RecordedRequest]:
        """Recorded requests, filtered by method (any case), chat_id and success."""
        name = self._canonical(method) if method else None
        return [
            r for r in self.requests
            if (name is None or r.method == name)
            and (chat_id is None or r.params.get("chat_id") == chat_id)
            and (ok is None or r.ok == ok)
        ]

    def sent_messages(self, chat_id: int | None = None) -> list[JSONDict]:
        """Successful sendMessage and editMessageText calls in order, as their params.

        Each dict is the decoded params plus ``method`` and ``message_id`` (of the message sent
        or edited); failed calls (400, 403, 429 ...) are not in it: the user never saw them.
        """
        out: list[JSONDict] = []
        for r in self.requests:
            if r.method not in ("sendMessage", "editMessageText") or not r.ok:
                continue
            if chat_id is not None and r.params.get("chat_id") != chat_id:
                continue
            item = dict(r.params)
            item["method"] = r.method
            result = r.result
            if isinstance(result, dict) and "message_id" in result:
                item["message_id"] = result["message_id"]
            out.append(item)
        return out

    def chat_history(self, chat_id: int) -> list[JSONDict]:
        """Every message of the chat in order (user's and bot's), as it is now."""
        return [copy.deepcopy(m) for m in self._history.get(int(chat_id), [])]

    # ASYNC109: `timeout=` is this helper's interface (tests call wait_for(..., timeout=15)).
    @overload
    async def wait_for(
        self, target: str, count: int = 1, timeout: float = WAIT  # noqa: ASYNC109
    ) -> list[RecordedRequest]: ...

    @overload
    async def wait_for(
        self, target: Callable[[], Any], count: int = 1, timeout: float = WAIT  # noqa: ASYNC109
    ) -> Any: ...

    async def wait_for(
        self, target: str | Callable[[], Any], count: int = 1, timeout: float = WAIT  # noqa: ASYNC109
    ) -> Any:
        """Wait until ``count`` requests of a method arrived, or until ``target()`` is truthy.

        Returns the matching requests, or the predicate's value. On timeout raises
        TimeoutError listing the requests received so far.
        """
        check: Callable[[], Any]
        if isinstance(target, str):
            name = self._canonical(target)

            def count_requests() -> Any:
                found = [r for r in self.requests if r.method == name]
                return found if len(found) >= count else None

            check, what = count_requests, f"{count} x {name}"
        else:
            check, what = target, getattr(target, "__name__", "predicate")
        deadline = time.monotonic() + timeout
        while True:
            value = check()
            if value:
                return value
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(
                    f"wait_for({what}) timed out after {timeout} s; {self.describe_requests()}"
                )
            self._request_seen.clear()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(min(left, 0.05)):
                    await self._request_seen.wait()

    def describe_requests(self, last: int = 40) -> str:
        """A readable list of the latest requests, for failure messages."""
        lines = [f"received {len(self.requests)} request(s)"]
        for r in self.requests[-last:]:
            shown = {k: v for k, v in r.params.items() if k in (
                "chat_id", "text", "message_id", "callback_query_id", "offset", "url",
            )}
            text = json.dumps(shown, ensure_ascii=False, default=str)
            if len(text) > 120:
                text = text[:117] + "..."
            lines.append(f"  {r.method} -> {r.status}: {text}")
        return "\n".join(lines)

    # ---- what a user does --------------------------------------------------------------------

    def user_sends_text(
        self, user_id: int, text: str, first_name: str | None = None, *,
        last_name: str | None = None, chat_id: int | None = None, deliver: bool = True,
    ) -> JSONDict:
        """A text message from the user (a command gets its bot_command entity).

        ``first_name`` (and ``last_name``) rename the user; by default a new user is "An" and
        a known one keeps their name. ``chat_id`` defaults to the private chat (= user_id); a
        negative one is a group. With ``deliver=False`` the update is only built (see
        `deliver`).
        """
        content: JSONDict = {"text": text}
        entities = detect_entities(text)
        if entities:
            content["entities"] = entities
        if last_name is not None:
            self._remember_user(user_id)
            self._users[int(user_id)]["last_name"] = last_name
        return self._user_message(user_id, content, first_name, chat_id, deliver)

    def anonymous_admin_sends_text(self, chat_id: int, text: str, *,
                                   deliver: bool = True) -> JSONDict:
        """An administrator of group `chat_id` who stays anonymous writes: Telegram puts the
        group in ``sender_chat`` and its shared GroupAnonymousBot account in ``from``."""
        content: JSONDict = {"text": text, "sender_chat": self._chat(int(chat_id))}
        entities = detect_entities(text)
        if entities:
            content["entities"] = entities
        message = self._new_message(int(chat_id), ANONYMOUS_ADMIN, content)
        return self._emit("message", message, deliver)

    def user_sends_sticker(
        self, user_id: int, emoji: str = "👍", *, deliver: bool = True,
    ) -> JSONDict:
        """A sticker from the user."""
        n = next(self._ids)
        sticker: JSONDict = {
            "file_id": f"CAACAgIAAxkBAAF{n:06d}", "file_unique_id": f"AgAD{n:06d}",
            "width": 512, "height": 512, "is_animated": False, "is_video": False,
            "type": "regular", "emoji": emoji, "set_name": "HocTapFakeStickers",
            "file_size": 12345,
        }
        return self._user_message(user_id, {"sticker": sticker}, None, None, deliver)

    def user_sends_photo(
        self, user_id: int, caption: str | None = None, *, deliver: bool = True,
    ) -> JSONDict:
        """A photo from the user, with the words typed under it (``caption``) if any."""
        n = next(self._ids)
        sizes = [{"file_id": f"AgACAgUAAxkBAAF{n:06d}{w}", "file_unique_id": f"AQAD{n:06d}{w}",
                  "width": w, "height": w * 3 // 4, "file_size": w * 100} for w in (90, 320)]
        content: JSONDict = {"photo": sizes}
        if caption is not None:
            content["caption"] = caption
        return self._user_message(user_id, content, None, None, deliver)

    def user_edits_message(
        self, user_id: int, message_id: int, text: str, *, deliver: bool = True,
    ) -> JSONDict:
        """The user edits one of their text messages: an ``edited_message`` update."""
        stored = self._messages.get((int(user_id), int(message_id)))
        if stored is None or stored["from"]["id"] != int(user_id):
            raise ValueError(f"user {user_id} has no message {message_id} in their chat")
        stored["text"] = text
        stored.pop("entities", None)
        entities = detect_entities(text)
        if entities:
            stored["entities"] = entities
        stored["edit_date"] = int(time.time())
        return self._emit("edited_message", copy.deepcopy(stored), deliver)

    def user_presses_button(
        self, user_id: int, message_id: int, data: str, *, chat_id: int | None = None,
        deliver: bool = True,
    ) -> JSONDict:
        """The user taps an inline button of the bot's message: a ``callback_query`` update.

        The message must have a button with this callback_data, as a real client can only
        press buttons that exist.
        """
        cid = int(chat_id) if chat_id is not None else int(user_id)
        stored = self._messages.get((cid, int(message_id)))
        if stored is None:
            raise ValueError(f"no message {message_id} in chat {cid}; {self.describe_requests()}")
        if stored["from"]["id"] != self.bot_id:
            raise ValueError(f"message {message_id} in chat {cid} was not sent by the bot")
        rows = (stored.get("reply_markup") or {}).get("inline_keyboard", [])
        offered = [b.get("callback_data") for row in rows for b in row]
        if data not in offered:
            raise ValueError(f"message {message_id} has no button with callback_data "
                             f"{data!r}; its buttons carry {offered!r}")
        user = self._remember_user(user_id)
        query_id = str(4_000_000_000_000_000 + next(self._ids))
        query = {
            "id": query_id, "from": user, "message": copy.deepcopy(stored),
            "chat_instance": self._chat_instance(cid), "data": data,
        }
        self._query_times[query_id] = time.monotonic()
        return self._emit("callback_query", query, deliver)

    def user_blocks_bot(self, user_id: int, *, deliver: bool = True) -> JSONDict:
        """The user blocks the bot: 403 from now on and a ``my_chat_member`` update (kicked)."""
        self.block(user_id)
        user = self._remember_user(user_id)
        bot = self._bot_sender()
        payload = {"chat": self._chat(int(user_id)), "from": user, "date": int(time.time()),
                   "old_chat_member": {"user": bot, "status": "member"},
                   "new_chat_member": {"user": bot, "status": "kicked", "until_date": 0}}
        return self._emit("my_chat_member", payload, deliver)

    def user_unblocks_bot(self, user_id: int, *, deliver: bool = True) -> JSONDict:
        """The user unblocks the bot in the chat's settings, writing nothing: sending works
        again and a ``my_chat_member`` update (kicked -> member) is the only sign."""
        self._blocked.discard(int(user_id))
        user = self._remember_user(user_id)
        bot = self._bot_sender()
        payload = {"chat": self._chat(int(user_id)), "from": user, "date": int(time.time()),
                   "old_chat_member": {"user": bot, "status": "kicked", "until_date": 0},
                   "new_chat_member": {"user": bot, "status": "member"}}
        return self._emit("my_chat_member", payload, deliver)

    async def deliver(self, update: JSONDict, redeliver: bool = False) -> list[int | None]:
        """Deliver an update again (twice with ``redeliver``), as Telegram does after a failure.

        Polling mode: queued for getUpdates, returns []. Webhook mode: waits until each copy
        was accepted or given up, returns the final HTTP statuses (None: no connection).
        """
        copies = 2 if redeliver else 1
        if self._webhook is None:
            for _ in range(copies):
                self._enqueue(copy.deepcopy(update))
            return []
        if self._worker is None:
            raise RuntimeError("FakeTelegram is not started")
        loop = asyncio.get_running_loop()
        futures: list[asyncio.Future[int | None]] = []
        for _ in range(copies):
            future: asyncio.Future[int | None] = loop.create_future()
            self._enqueue(copy.deepcopy(update), future)
            futures.append(future)
        return list(await asyncio.gather(*futures))

    # ---- HTTP --------------------------------------------------------------------------------

    def _canonical(self, method: str) -> str:
        lower = method.lower()
        if lower in self._custom:
            return self._custom[lower][0]
        if lower in self._methods:
            return self._methods[lower][0]
        return method

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self._token:
            self.status_counts[401] += 1
            return web.json_response(ApiError(401, "Unauthorized").body(), status=401)
        record = RecordedRequest(self._canonical(request.match_info["method"]), {},
                                 time.monotonic())
        try:
            params, files = await self._read_params(request)
        except ApiError as err:
            self.requests.append(record)
            return self._answer(record, err.body(), err.status)
        record.params, record.files = params, files
        self.requests.append(record)
        self._request_seen.set()
        body, status = await self._call(record.method, params)
        return self._answer(record, body, status)

    def _answer(self, record: RecordedRequest, body: JSONDict, status: int) -> web.Response:
        record.status, record.response = status, body
        self.status_counts[status] += 1
        self._request_seen.set()
        return web.json_response(body, status=status, dumps=_dumps)

    async def _call(self, method: str, params: JSONDict) -> tuple[JSONDict, int]:
        lower = method.lower()
        try:
            key = (lower, _dumps(dict(sorted(params.items()))))
            final = self._final.get(key)
            if final is not None:
                raise final
            self._check_penalty(("method", lower))
            failures = self._failures.get(lower)
            if failures:
                self._inject(failures.popleft(), lower, key, params)
            entry = self._custom.get(lower) or self._methods.get(lower)
            if entry is None:
                raise ApiError(404, "Not Found: method not found")
            result = entry[1](params)
            if isinstance(result, Awaitable):
                result = await result
        except ApiError as err:
            return err.body(), err.status
        if isinstance(result, _Result):
            body: JSONDict = {"ok": True, "result": result.value}
            if result.description:
                body["description"] = result.description
            return body, 200
        return {"ok": True, "result": result}, 200

    def _inject(self, err: ApiError, lower: str, key: tuple[str, str], params: JSONDict) -> None:
        """Answer an injected error the way Telegram would keep answering it."""
        if err.status == 429 and err.retry_after:
            chat_id = params.get("chat_id")
            sending = self._canonical(lower) in _SENDING
            scope: object = chat_id if sending and isinstance(chat_id, int) else ("method", lower)
            self._penalties[scope] = self.clock() + err.retry_after
        elif 400 <= err.status < 500 and err.status != 429:
            self._final[key] = err
        raise err

    def _check_penalty(self, scope: object) -> None:
        until, now = self._penalties.get(scope), self.clock()
        if until is not None and now < until:
            raise self._too_many(until - now)

    async def _read_params(self, request: web.Request) -> tuple[JSONDict, dict[str, UploadedFile]]:
        raw: JSONDict = dict(request.query)
        files: dict[str, UploadedFile] = {}
        if request.method == "POST" and request.can_read_body:
            if request.content_type in ("application/x-www-form-urlencoded",
                                        "multipart/form-data"):
                form = await request.post()
                for key, value in form.items():
                    if isinstance(value, web.FileField):
                        upload = UploadedFile(key, value.filename, value.content_type,
                                              value.file.read())
                        files[key] = upload
                        raw[key] = upload
                    else:
                        raw[key] = value
            else:
                body = await request.read()
                if body.strip():
                    try:
                        data = json.loads(body)
                    except (json.JSONDecodeError, UnicodeDecodeError):
                        raise _bad("can't parse JSON object") from None
                    if not isinstance(data, dict):
                        raise _bad("JSON object expected")
                    raw.update(data)
        return _coerce(raw), files

    # ---- updates -----------------------------------------------------------------------------

    def _emit(self, kind: str, payload: JSONDict, deliver: bool) -> JSONDict:
        update: JSONDict = {"update_id": self._next_update_id, kind: payload}
        self._next_update_id += 1
        if deliver and self._is_allowed(kind):
            self._enqueue(copy.deepcopy(update))
        return update

    def _is_allowed(self, kind: str) -> bool:
        allowed = self._webhook.allowed_updates if self._webhook else self._allowed_updates
        if not allowed:
            return kind not in _OPT_IN_UPDATES
        return kind in allowed

    def _enqueue(self, update: JSONDict, done: asyncio.Future[int | None] | None = None) -> None:
        self._pending.append(_Pending(update, done))
        self._wake.set()
        self._wake_pollers("update")

    def _wake_pollers(self, reason: str) -> None:
        for poller in self._pollers:
            if not poller.done():
                poller.set_result(reason)
        self._pollers.clear()

    def _drop_pending(self) -> None:
        for entry in self._pending:
            if entry.done is not None and not entry.done.done():
                entry.done.set_result(None)
        self._pending.clear()

    async def _m_getUpdates(self, p: JSONDict) -> list[JSONDict]:
        if self._webhook is not None:
            raise ApiError(409, CONFLICT_WEBHOOK)
        offset = _to_int(p.get("offset", 0), "offset")
        limit = min(100, max(1, _to_int(p.get("limit", 100), "limit")))
        timeout = p.get("timeout", 0)
        wait = float(timeout) if isinstance(timeout, (int, float)) else 0.0
        if p.get("allowed_updates") is not None:
            self._allowed_updates = list(p["allowed_updates"])
        self._wake_pollers("terminated")
        if offset > 0:
            self._pending = [e for e in self._pending if e.update_id >= offset]
        elif offset < 0:
            self._pending = self._pending[offset:]
        batch = [copy.deepcopy(e.update) for e in self._pending[:limit]]
        if batch or wait <= 0:
            return batch
        poller: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        self._pollers.append(poller)
        try:
            async with asyncio.timeout(wait):
                reason = await poller
        except TimeoutError:
            return []
        finally:
            if poller in self._pollers:
                self._pollers.remove(poller)
        if reason == "terminated":
            raise ApiError(409, CONFLICT_TERMINATED)
        if reason == "webhook":
            raise ApiError(409, CONFLICT_WEBHOOK)
        return [copy.deepcopy(e.update) for e in self._pending[:limit]]

    async def _webhook_worker(self) -> None:
        while True:
            self._wake.clear()
            hook = self._webhook
            if hook is None or not self._pending:
                await self._wake.wait()
                continue
            await self._deliver_one(self._pending[0], hook)

    async def _deliver_one(self, entry: _Pending, hook: _Webhook) -> None:
        attempt = 0
        while True:
            attempt += 1
            status, error = await self._post_update(hook, entry.update)
            self.webhook_deliveries.append(WebhookDelivery(
                entry.update_id, hook.url, attempt, status, error, time.monotonic()))
            self._request_seen.set()
            accepted = status is not None and 200 <= status < 300
            if accepted or attempt >= self.webhook_max_attempts:
                self._pending = [e for e in self._pending if e is not entry]
                if entry.done is not None and not entry.done.done():
                    entry.done.set_result(status)
                return
            await asyncio.sleep(self.webhook_retry_delays[
                min(attempt - 1, len(self.webhook_retry_delays) - 1)])
            if self._webhook is not hook or not any(e is entry for e in self._pending):
                if entry.done is not None and not entry.done.done():
                    entry.done.set_result(status)
                return

    async def _post_update(self, hook: _Webhook, update: JSONDict
                           ) -> tuple[int | None, str | None]:
        assert self._http is not None
        headers = {"Content-Type": "application/json"}
        if hook.secret_token:
            headers[SECRET_HEADER] = hook.secret_token
        try:
            async with self._http.post(
                hook.url, data=_dumps(update).encode(), headers=headers,
                timeout=aiohttp.ClientTimeout(total=self.webhook_timeout),
            ) as resp:
                await resp.read()
                if 200 <= resp.status < 300:
                    return resp.status, None
                return resp.status, f"Wrong response from the webhook: {resp.status} {resp.reason}"
        except TimeoutError:
            return None, "Read timeout expired"
        except aiohttp.ClientError as err:
            return None, f"Connection failed: {err}"

    # ---- chats and messages ------------------------------------------------------------------

    def _remember_user(self, user_id: int, first_name: str | None = None) -> JSONDict:
        uid = int(user_id)
        user = self._users.get(uid) or {"id": uid, "is_bot": False, "first_name": "An",
                                        "language_code": "vi"}
        if first_name is not None:
            user["first_name"] = first_name
        self._users[uid] = user
        if uid > 0:
            self._known_chats.add(uid)
        return dict(user)

    def _user_message(self, user_id: int, content: JSONDict, first_name: str | None,
                      chat_id: int | None, deliver: bool) -> JSONDict:
        user = self._remember_user(user_id, first_name)
        cid = int(chat_id) if chat_id is not None else int(user_id)
        return self._emit("message", self._new_message(cid, user, content), deliver)

    def _chat(self, chat_id: int) -> JSONDict:
        if chat_id < 0:
            return {"id": chat_id, "type": "group", "title": f"Nhóm {-chat_id}"}
        user = self._users.get(chat_id, {})
        chat = {"id": chat_id, "type": "private", "first_name": user.get("first_name", "An")}
        if "last_name" in user:
            chat["last_name"] = user["last_name"]
        return chat

    def _chat_instance(self, chat_id: int) -> str:
        digest = hashlib.sha256(f"{self.bot_id}:{chat_id}".encode()).digest()
        return str(int.from_bytes(digest[:8], "big") - 2**63)

    def _new_message(self, chat_id: int, sender: JSONDict, content: JSONDict) -> JSONDict:
        counter = self._message_ids.setdefault(chat_id, itertools.count(1))
        message: JSONDict = {
            "message_id": next(counter), "from": dict(sender), "chat": self._chat(chat_id),
            "date": int(time.time()), **content,
        }
        self._messages[(chat_id, message["message_id"])] = message
        self._history[chat_id].append(message)
        return copy.deepcopy(message)

    def _bot_sender(self) -> JSONDict:
        return {"id": self.bot_id, "is_bot": True, "first_name": BOT_FIRST_NAME,
                "username": BOT_USERNAME}

    def _target_chat(self, p: JSONDict) -> int:
        if "chat_id" not in p or p["chat_id"] in ("", None):
            raise _bad("chat_id is empty")
        chat_id = p["chat_id"]
        if not isinstance(chat_id, int) or isinstance(chat_id, bool):
            raise _bad("chat not found")
        return chat_id

    def _gate(self, method: str, chat_id: int) -> None:
        """Blocked chat (403), unknown chat in strict mode (403), flood control (429)."""
        if chat_id in self._blocked:
            raise ApiError(403, BLOCKED)
        if self.strict_chats and chat_id > 0 and chat_id not in self._known_chats:
            raise ApiError(403, CANT_INITIATE)
        now = self.clock()
        for scope in (chat_id, "global"):
            until = self._penalties.get(scope)
            if until is not None and now < until:
                raise self._too_many(until - now)
        chat_times = self._sent_times[chat_id]
        for times in (chat_times, self._global_times):
            while times and now - times[0] >= 1.0:
                times.popleft()
        if self._per_chat_limit is not None and len(chat_times) >= self._per_chat_limit:
            self._penalize(chat_id, 1.0 - (now - chat_times[0]), now)
        if self._global_limit is not None and len(self._global_times) >= self._global_limit:
            self._penalize("global", 1.0 - (now - self._global_times[0]), now)
        chat_times.append(now)
        self._global_times.append(now)

    def _penalize(self, scope: object, wait: float, now: float) -> None:
        seconds = self._fixed_retry_after or max(1, math.ceil(wait))
        self._penalties[scope] = now + seconds
        raise self._too_many(seconds)

    @staticmethod
    def _too_many(wait: float) -> ApiError:
        seconds = max(1, math.ceil(wait))
        return ApiError(429, f"Too Many Requests: retry after {seconds}", retry_after=seconds)

    def _reply_markup(self, p: JSONDict) -> JSONDict | None:
        markup = p.get("reply_markup")
        if markup is None:
            return None
        if not isinstance(markup, dict) or "inline_keyboard" not in markup:
            raise _bad("can't parse reply keyboard markup JSON object")
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise _bad("can't parse inline keyboard button: field \"inline_keyboard\" must be "
                       "an Array of Arrays")
        for row in rows:
            for button in row:
                if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                    raise _bad("can't parse inline keyboard button: Field \"text\" must be of "
                               "type String")
                if not set(button) - {"text"}:
                    raise _bad("can't parse inline keyboard button: Text buttons are "
                               "unallowed in the inline keyboard")
                data = button.get("callback_data")
                if data is not None and not 1 <= len(str(data).encode()) <= 64:
                    raise _bad("BUTTON_DATA_INVALID")
                url = button.get("url")
                if url is not None and not re.match(r"(?i)(https?|tg)://\S+$", str(url)):
                    raise _bad("BUTTON_URL_INVALID")
        return {"inline_keyboard": rows}

    def _text(self, p: JSONDict) -> JSONDict:
        """The message's visible text and entities, checked as Telegram checks them."""
        raw = p.get("text")
        if raw is None or raw == "":
            raise _bad("message text is empty")
        text, entities = format_text(str(raw), p.get("parse_mode"))
        if not text:
            raise _bad("message text is empty")
        if len(text) > MAX_TEXT_LENGTH:
            raise _bad("message is too long")
        return {"text": text, **({"entities": entities} if entities else {})}

    # ---- methods -----------------------------------------------------------------------------

    def _m_getMe(self, p: JSONDict) -> JSONDict:
        return self.bot_user

    def _m_sendMessage(self, p: JSONDict) -> JSONDict:
        chat_id = self._target_chat(p)
        content = self._text(p)
        markup = self._reply_markup(p)
        self._gate("sendMessage", chat_id)
        if markup is not None:
            content["reply_markup"] = markup
        return self._new_message(chat_id, self._bot_sender(), content)

    def _m_editMessageText(self, p: JSONDict) -> JSONDict:
        chat_id = self._target_chat(p)
        if p.get("message_id") in (None, ""):
            raise _bad("message identifier is not specified")
        stored = self._messages.get((chat_id, _to_int(p["message_id"], "message_id")))
        if stored is None:
            raise _bad("message to edit not found")
        if stored["from"]["id"] != self.bot_id:
            raise _bad("message can't be edited")
        if "text" not in stored:
            raise _bad("there is no text in the message to edit")
        content = self._text(p)
        markup = self._reply_markup(p)
        if (content["text"] == stored["text"]
                and content.get("entities", []) == stored.get("entities", [])
                and markup == stored.get("reply_markup")):
            raise _bad("message is not modified: specified new message content and reply "
                       "markup are exactly the same as a current content and reply markup of "
                       "the message")
        self._gate("editMessageText", chat_id)
        for key in ("entities", "reply_markup"):
            stored.pop(key, None)
        stored.update(content)
        if markup is not None:
            stored["reply_markup"] = markup
        stored["edit_date"] = int(time.time())
        return copy.deepcopy(stored)

    def _m_sendDocument(self, p: JSONDict) -> JSONDict:
        chat_id = self._target_chat(p)
        upload = p.get("document")
        if not isinstance(upload, UploadedFile):
            raise _bad("there is no document in the request")
        n = next(self._ids)
        document: JSONDict = {
            "file_id": f"BQACAgIAAxkBAAP{n:06d}", "file_unique_id": f"AgAD{n:06d}",
            "file_name": upload.filename or f"file_{n}",
            "mime_type": upload.content_type or "application/octet-stream",
            "file_size": len(upload.data),
        }
        self._gate("sendDocument", chat_id)
        return self._new_message(chat_id, self._bot_sender(), {"document": document})

    def _m_answerCallbackQuery(self, p: JSONDict) -> bool:
        query_id = str(p.get("callback_query_id") or "")
        pressed = self._query_times.get(query_id)
        if (pressed is None or query_id in self._answered_queries
                or time.monotonic() - pressed > self.callback_query_timeout):
            raise _bad("query is too old and response timeout expired or query ID is invalid")
        text = p.get("text")
        if text is not None and len(str(text)) > 200:
            raise _bad("MESSAGE_TOO_LONG")
        self._answered_queries.add(query_id)
        return True

    def _m_setMyCommands(self, p: JSONDict) -> bool:
        commands = p.get("commands")
        if not isinstance(commands, list):
            raise _bad("can't parse commands JSON object")
        if len(commands) > 100:
            raise _bad("too many commands")
        for command in commands:
            if not isinstance(command, dict):
                raise _bad("can't parse BotCommand")
            name, description = command.get("command"), command.get("description")
            if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9_]{1,32}", name):
                raise _bad("BOT_COMMAND_INVALID")
            if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
                raise _bad("command description is empty" if not description
                           else "BOT_COMMAND_DESCRIPTION_INVALID")
        return True

    def _m_setWebhook(self, p: JSONDict) -> _Result:
        url = str(p.get("url") or "")
        if not url:
            return self._m_deleteWebhook(p)
        if not re.match(r"(?i)https?://[^/\s]+", url):
            raise _bad("bad webhook: An HTTPS URL must be provided for webhook")
        secret = p.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise _bad("bad webhook: secret token contains unallowed characters")
        max_connections = _to_int(p.get("max_connections", 40), "max_connections")
        if not 1 <= max_connections <= 100:
            raise _bad("bad webhook: max_connections must be between 1 and 100")
        allowed = p.get("allowed_updates")
        if allowed is not None and not isinstance(allowed, list):
            raise _bad("can't parse allowed_updates JSON object")
        previous = self._webhook
        if allowed is None:
            allowed = previous.allowed_updates if previous else self._allowed_updates
        if _to_bool(p.get("drop_pending_updates", False)):
            self._drop_pending()
        self._webhook = _Webhook(url, str(secret) if secret else None, max_connections, allowed)
        self._wake_pollers("webhook")
        self._wake.set()
        if previous is not None and previous.url == url:
            return _Result(True, "Webhook is already set")
        return _Result(True, "Webhook was set")

    def _m_deleteWebhook(self, p: JSONDict) -> _Result:
        if _to_bool(p.get("drop_pending_updates", False)):
            self._drop_pending()
        if self._webhook is None:
            return _Result(True, "Webhook is already deleted")
        self._allowed_updates = self._webhook.allowed_updates
        self._webhook = None
        return _Result(True, "Webhook was deleted")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_json_default)


def _json_default(value: Any) -> Any:
    if isinstance(value, UploadedFile):
        return {"filename": value.filename, "size": len(value.data)}
    raise TypeError(f"not JSON serializable: {type(value).__name__}")
