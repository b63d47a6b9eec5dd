"""A fake Zalo Bot Platform API for tests, over real HTTP on 127.0.0.1 (a free port).

`POST /bot<TOKEN>/<method>` with a JSON body; every answer is `{"ok": true, "result": ...}` or
`{"ok": false, "error_code": N, "description": "..."}` with HTTP status N (or 200 with
`errors_in_body_only`, for a client that must read the body). As strict as the platform:

* a wrong token gets 401, an unknown method 404;
* sendMessage needs `chat_id` and a `text` of 1 to 2,000 characters (400 otherwise); a chat
  that never wrote to the bot gets 404 and one that blocked it 403 (`block`);
* getUpdates (`timeout` in seconds, a number or its text) returns ONE update object, not a
  list, as soon as there is one, else 408 after the timeout; an update is gone once returned
  (there is no offset), but stays queued when the client hangs up before it is answered;
  it is refused (409) while a webhook is set;
* setWebhook needs an http(s) `url` and a `secret_token` of 8 to 256 characters; while it is
  set, each update is POSTed to the url with the secret in `X-Bot-Api-Secret-Token`, once
  (the answers are kept in `webhook_answers`); deleteWebhook and getWebhookInfo as named;
* sendPhoto needs an http(s) `photo` and at most 2,000 characters of `caption`;
  sendChatAction takes `typing` or `upload_photo`;
* with `rate_limit`, more than that many send* calls within one second get 429 with a
  `Retry-After` header (refused calls count too: the platform counts requests).

Updates are `{"event_name": "message.text.received" | "message.image.received" |
"message.sticker.received" | "message.unsupported.received", "message": {"message_id", "date"
(Unix ms), "text", "from": {"id", "display_name", "is_bot"}, "chat": {"id", "chat_type":
"PRIVATE" | "GROUP"}}}`; in a private chat the chat's id is the user's.

Sources: the issue's summary of the Zalo Bot Platform docs (bot.zaloplatforms.com/docs);
getUpdates's string `timeout` and one-update answer, the 408 of an empty poll and the
webhook's secret header as public clients use them (openclaw's extensions/zalo, which also
reads webhook bodies with or without the `{ok, result}` wrapper). Not documented, chosen
here: 409 for getUpdates while a webhook is set (Telegram's code), the rate limit and its
Retry-After (Zalo publishes none), 404/403 for unknown and blocking chats.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

TOKEN = "2718281828:zbt-Test_token-0123456789abcdefghijklmnop"
BOT_ID = "b07a1e2d3c4b5a697889"
MAX_TEXT = 2000
WAIT = 60.0  # wait_for's default limit, only a hang guard (as tests/fakes/telegram.py's)
SECRET_HEADER = "X-Bot-Api-Secret-Token"
TEXT = "message.text.received"
IMAGE = "message.image.received"
STICKER = "message.sticker.received"
UNSUPPORTED = "message.unsupported.received"
SEND_METHODS = frozenset({"sendMessage", "sendPhoto", "sendChatAction"})
CHAT_ACTIONS = frozenset({"typing", "upload_photo"})


def new_user_id() -> str:
    """A Zalo Bot user id: 20 hex digits, as text."""
    return secrets.token_hex(10)


@dataclass
class Sent:
    """One message the platform accepted: what the user sees."""

    method: str
    chat_id: str
    text: str
    message_id: str


class ApiError(Exception):
    def __init__(self, code: int, description: str,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.headers = headers or {}


@dataclass
class FakeZaloBot:
    token: str = TOKEN
    rate_limit: int | None = None
    retry_after: int = 1
    errors_in_body_only: bool = False
    https_only: bool = False
    sent: list[Sent] = field(default_factory=list)
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    blocked: set[str] = field(default_factory=set)
    webhook_answers: list[int] = field(default_factory=list)
    # The next `held_sends` sends reach the platform only at `release_at` (time.monotonic): a
    # stalled connection or a busy machine on the way. `arrivals`: when each send reached it.
    held_sends: int = 0
    release_at: float = 0.0
    arrivals: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.url = ""
        self.webhook_url = ""
        self.webhook_secret = ""
        self.chats: set[str] = set()  # chats that wrote to the bot
        self.rate_limited = 0
        self._queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._send_times: list[float] = []
        self._runner: web.AppRunner | None = None
        self._http: aiohttp.ClientSession | None = None

    # ---- lifecycle -------------------------------------------------------------------------

    async def __aenter__(self) -> FakeZaloBot:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        # A client that hangs up cancels its handler: a getUpdates abandoned while it waited
        # leaves its update queued for the next one.
        self._runner = web.AppRunner(app, access_log=None, handler_cancellation=True)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        self._http = aiohttp.ClientSession()
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._http is not None:
            await self._http.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # ---- what users do ---------------------------------------------------------------------

    def update(self, user_id: str, event: str = TEXT, *, text: str | None = None,
               chat_id: str | None = None, group: bool = False, message_id: str | None = None,
               display_name: str = "Người dùng Zalo", is_bot: bool = False,
               date: int | None = None) -> dict[str, Any]:
        """An update in the documented shape (the inner object of `{ok, result}`)."""
        message: dict[str, Any] = {
            "message_id": message_id or secrets.token_hex(16),
            "date": date if date is not None else int(time.time() * 1000),
            "from": {"id": user_id, "display_name": display_name, "is_bot": is_bot},
            "chat": {"id": chat_id or user_id, "chat_type": "GROUP" if group else "PRIVATE"},
        }
        if event == TEXT:
            message["text"] = text or ""
        elif event == IMAGE:
            message["photo_url"] = "https://zalo.example/photo.jpg"
            message["caption"] = text or ""
        elif event == STICKER:
            message["sticker"] = "d063f44dc80821567819"
        # message.unsupported.received: no content at all (withheld or not passed on).
        return {"event_name": event, "message": message}

    async def deliver(self, update: dict[str, Any]) -> int | None:
        """The platform passes `update` on: to the webhook (its HTTP answer) or to getUpdates
        (None). The chat becomes one the bot may write to."""
        self.chats.add(update["message"]["chat"]["id"])
        if not self.webhook_url:
            self._queue.put_nowait(update)
            return None
        assert self._http is not None
        async with self._http.post(
            self.webhook_url, json={"ok": True, "result": update},
            headers={SECRET_HEADER: self.webhook_secret},
        ) as response:
            status = response.status
        self.webhook_answers.append(status)
        return status

    async def user_sends(self, user_id: str, text: str, **kw: Any) -> dict[str, Any]:
        """The user types `text`; returns the update (to deliver it again)."""
        update = self.update(user_id, TEXT, text=text, **kw)
        await self.deliver(update)
        return update

    def block(self, chat_id: str) -> None:
        """The user blocks the bot: sending to them gets 403."""
        self.blocked.add(chat_id)

    # ---- what the tests read ---------------------------------------------------------------

    @property
    def pending(self) -> int:
        """Updates waiting for getUpdates."""
        return self._queue.qsize()

    def texts(self, chat_id: str) -> list[str]:
        return [m.text for m in self.sent if m.chat_id == chat_id]

    def method_calls(self, method: str) -> list[dict[str, Any]]:
        return [body for name, body in self.calls if name == method]

    async def wait_for(self, predicate: Callable[[], bool], seconds: float = WAIT) -> None:
        deadline = time.monotonic() + seconds
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError("condition not met in time")
            await asyncio.sleep(0.02)

    async def wait_texts(self, chat_id: str, count: int, seconds: float = WAIT) -> list[str]:
        await self.wait_for(lambda: len(self.texts(chat_id)) >= count, seconds)
        return self.texts(chat_id)

    # ---- the API ---------------------------------------------------------------------------

    def _answer(self, result: Any) -> web.Response:
        return web.json_response({"ok": True, "result": result})

    def _error(self, err: ApiError) -> web.Response:
        return web.json_response(
            {"ok": False, "error_code": err.code, "description": err.description},
            status=200 if self.errors_in_body_only else err.code, headers=err.headers)

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        try:
            if request.match_info["token"] != self.token:
                raise ApiError(401, "Unauthorized")
            try:
                body = await request.json() if await request.read() else {}
            except json.JSONDecodeError:
                raise ApiError(400, "Bad Request: body is not JSON") from None
            if not isinstance(body, dict):
                raise ApiError(400, "Bad Request: body is not a JSON object")
            self.calls.append((method, body))
            handler = getattr(self, f"_m_{method}", None)
            if handler is None:
                raise ApiError(404, "Not Found")
            if method in SEND_METHODS:
                if self.held_sends > 0:
                    self.held_sends -= 1
                    await asyncio.sleep(max(0.0, self.release_at - time.monotonic()))
                self.arrivals.append(time.monotonic())
                self._count_send()
            return self._answer(await handler(body))
        except ApiError as err:
            return self._error(err)

    def _count_send(self) -> None:
        now = time.monotonic()
        self._send_times = [t for t in self._send_times if now - t < 1.0]
        self._send_times.append(now)
        if self.rate_limit is not None and len(self._send_times) > self.rate_limit:
            self.rate_limited += 1
            raise ApiError(429, "Too Many Requests",
                           {"Retry-After": str(self.retry_after)})

    def _chat(self, body: dict[str, Any]) -> str:
        chat_id = body.get("chat_id")
        if not isinstance(chat_id, str) or not chat_id:
            raise ApiError(400, "Bad Request: chat_id is required")
        if chat_id not in self.chats:
            raise ApiError(404, "Not Found: chat not found")
        if chat_id in self.blocked:
            raise ApiError(403, "Forbidden: the user has blocked the bot")
        return chat_id

    def _record(self, method: str, chat_id: str, text: str) -> dict[str, Any]:
        message_id = secrets.token_hex(16)
        self.sent.append(Sent(method, chat_id, text, message_id))
        return {"message_id": message_id, "date": int(time.time() * 1000)}

    async def _m_getMe(self, body: dict[str, Any]) -> dict[str, Any]:
        return {"id": BOT_ID, "account_name": "bot.hoctap", "account_type": "BASIC",
                "can_join_groups": False}

    async def _m_getUpdates(self, body: dict[str, Any]) -> dict[str, Any]:
        if self.webhook_url:
            raise ApiError(409, "Conflict: getUpdates is not available while a webhook is set")
        try:
            wait = float(str(body.get("timeout", 0)))
        except ValueError:
            raise ApiError(400, "Bad Request: timeout must be a number") from None
        try:
            async with asyncio.timeout(max(0.0, min(wait, 60.0))):
                return await self._queue.get()
        except TimeoutError:
            raise ApiError(408, "Request timeout") from None

    async def _m_setWebhook(self, body: dict[str, Any]) -> dict[str, Any]:
        url, secret = body.get("url"), body.get("secret_token")
        schemes = ("https://",) if self.https_only else ("https://", "http://")
        if not isinstance(url, str) or not url.startswith(schemes):
            raise ApiError(400, "Bad Request: url must be an https URL")
        if not isinstance(secret, str) or not 8 <= len(secret) <= 256:
            raise ApiError(400, "Bad Request: secret_token must be 8 to 256 characters")
        self.webhook_url, self.webhook_secret = url, secret
        return {"url": url, "updated_at": int(time.time() * 1000)}

    async def _m_deleteWebhook(self, body: dict[str, Any]) -> dict[str, Any]:
        self.webhook_url = self.webhook_secret = ""
        return {"url": "", "updated_at": int(time.time() * 1000)}

    async def _m_getWebhookInfo(self, body: dict[str, Any]) -> dict[str, Any]:
        return {"url": self.webhook_url, "updated_at": int(time.time() * 1000)}

    async def _m_sendMessage(self, body: dict[str, Any]) -> dict[str, Any]:
        text = body.get("text")
        if not isinstance(text, str) or not 1 <= len(text) <= MAX_TEXT:
            raise ApiError(400, "Bad Request: text must be 1 to 2000 characters")
        return self._record("sendMessage", self._chat(body), text)

    async def _m_sendPhoto(self, body: dict[str, Any]) -> dict[str, Any]:
        photo, caption = body.get("photo"), body.get("caption", "")
        if not isinstance(photo, str) or not photo.startswith(("https://", "http://")):
            raise ApiError(400, "Bad Request: photo must be an http(s) URL")
        if not isinstance(caption, str) or len(caption) > MAX_TEXT:
            raise ApiError(400, "Bad Request: caption must be at most 2000 characters")
        return self._record("sendPhoto", self._chat(body), caption)

    async def _m_sendChatAction(self, body: dict[str, Any]) -> bool:
        self._chat(body)
        if body.get("action") not in CHAT_ACTIONS:
            raise ApiError(400, "Bad Request: unknown action")
        return True
