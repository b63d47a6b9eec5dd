"""A fake Zalo OA Open API for tests, over real HTTP on 127.0.0.1 (a free port).

It answers like Zalo does: HTTP 200 with ``{"error": 0, ...}`` or ``{"error": N, "message"}``.

* ``POST /v3.0/oa/message/cs`` checks the ``access_token`` header (-216 for a token it never
  issued, -220 for one that has expired), counts the attempt against ``rate_limit`` calls a
  second (-32 above it: refused attempts count too, as Zalo counts API calls, so a client
  that retries at once stays limited), checks the body (-201 for a malformed one: no user_id,
  text over 2,000 characters, more than 5 buttons, an unknown button type), then the
  recipient: -213 for users who do not follow the OA (an ``unfollow`` event it delivered, or
  ``not_following``), and the interaction window, computed from the events it delivered
  itself: -232 for a user who never interacted with the OA, -230 for one whose last
  interaction (message, button, follow) is more than 7 days old by the fake's clock
  (`advance` moves it; ``outside_window`` forces -230 for a user Zalo counts otherwise than
  we do). Every accepted message is recorded.
* ``POST /v4/oa/access_token`` (form ``refresh_token``, ``app_id``, ``grant_type``; header
  ``secret_key``) spends a refresh token once and issues a new pair whose access token lives
  ``access_lifetime`` seconds (25 h) and refresh token ``refresh_lifetime`` (3 months);
  ``expires_in`` comes back as a string, as Zalo sends it. A spent or unknown refresh token
  gets -14014, an expired one -14020, in Zalo's OAuth error shape. ``on_refresh`` runs after
  the pair is issued and before the answer leaves (a test can kill the bot or break its
  database right there).
* ``event(...)``/``sign(...)``/``post_event(...)`` build webhook events in the documented
  shapes, sign them with ``X-ZEvent-Signature`` and post them to the bot.

Sources: the 7-day rule and -230 "User has not interacted with the OA in the past 7 days"
(the zalo_sdk package's ZaloOAException table, connext-biz); -232 "User has not interacted
with the OA, or the last interaction has expired" (a CRM's Zalo OA error handler); -216
"Invalid Access Token" (zalo_sdk); -220 for an expired access token is the OA API's code as
bot/channels/zalo/client.py names it (TOKEN_EXPIRED; we found no second source); refresh
tokens single-use and valid 3 months, access tokens 25 hours (hexasync.vn, "Zalo OA API: cách
lấy Access Token từ Refresh token"); -14014 invalid / -14020 expired refresh token (OAuth v4
error constants in a public Zalo integration, Tran-Huu-Tai-12-04-23/quiz-wise-backend).

Simplifications: one OA; old access tokens stay valid until they expire even after a refresh
(as Zalo behaves, per its docs).
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import json
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

APP_ID = "1234567890123456789"
OA_ID = "2345678901234567890"
APP_SECRET = "app-secret-for-tests"
OA_SECRET_KEY = "oa-secret-key-for-tests"

MAX_TEXT = 2000
WINDOW_DAYS = 7
WAIT = 60.0  # wait_for's default limit, only a hang guard (as tests/fakes/telegram.py's)
ACCESS_LIFETIME = 25 * 3600.0
REFRESH_LIFETIME = 90 * 86400.0
BUTTON_TYPES = frozenset({"oa.query.hide", "oa.query.show", "oa.open.url", "oa.open.sms",
                          "oa.open.phone"})


@dataclass
class SentMessage:
    """One accepted message: who, what, with which access token."""

    user_id: str
    message: dict[str, Any]
    access_token: str

    @property
    def text(self) -> str:
        return str(self.message.get("text", ""))

    @property
    def buttons(self) -> list[dict[str, Any]]:
        attachment = self.message.get("attachment") or {}
        return list((attachment.get("payload") or {}).get("buttons") or [])


@dataclass
class RefreshCall:
    refresh_token: str
    ok: bool


def interacts(event_name: str) -> bool:
    """Does this event open the 7-day window (the user wrote, pressed, followed)?"""
    return (event_name == "follow" or event_name.startswith("user_send_")
            or event_name.startswith("user_click_") or event_name == "user_submit_info")


@dataclass
class FakeZalo:
    app_id: str = APP_ID
    app_secret: str = APP_SECRET
    oa_secret_key: str = OA_SECRET_KEY
    access_lifetime: float = ACCESS_LIFETIME
    refresh_lifetime: float = REFRESH_LIFETIME
    rate_limit: int | None = None
    messages: list[SentMessage] = field(default_factory=list)
    refreshes: list[RefreshCall] = field(default_factory=list)
    send_calls: list[tuple[str, str]] = field(default_factory=list)  # (user_id, token)
    outside_window: set[str] = field(default_factory=set)
    not_following: set[str] = field(default_factory=set)
    follow_stamps: dict[str, int] = field(default_factory=dict)
    on_refresh: Callable[[RefreshCall, tuple[str, str]], Awaitable[None]] | None = None

    def __post_init__(self) -> None:
        self._access: dict[str, float] = {}  # token -> expiry (monotonic)
        self._refresh: dict[str, float] = {}  # unspent refresh token -> expiry (monotonic)
        self._spent: set[str] = set()
        self._calls: list[float] = []
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.url = ""
        self.answers: list[int] = []
        self.rate_limited = 0
        self.shift = 0.0  # seconds the fake's wall clock is ahead of the real one
        self.last_interaction: dict[str, float] = {}  # user id -> wall-clock seconds

    # ---- lifecycle ---------------------------------------------------------------------------

    async def __aenter__(self) -> FakeZalo:
        app = web.Application()
        app.router.add_post("/v3.0/oa/message/cs", self._message_cs)
        app.router.add_post("/v4/oa/access_token", self._access_token)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    # ---- clock -------------------------------------------------------------------------------

    def now(self) -> float:
        """Zalo's wall clock in seconds (the real one, moved by `advance`)."""
        return time.time() + self.shift

    def advance(self, seconds: float = 0.0, days: float = 0.0) -> None:
        """Zalo's clock moves forward: interactions age (token lifetimes do not)."""
        self.shift += seconds + days * 86400

    # ---- tokens ------------------------------------------------------------------------------

    def issue_pair(self, lifetime: float | None = None) -> tuple[str, str]:
        """A fresh (access_token, refresh_token), as the developer console would give."""
        access = "AT-" + secrets.token_urlsafe(24)
        refresh = "RT-" + secrets.token_urlsafe(24)
        now = time.monotonic()
        self._access[access] = now + (lifetime or self.access_lifetime)
        self._refresh[refresh] = now + self.refresh_lifetime
        return access, refresh

    def expire_access_tokens(self) -> None:
        """Every access token issued so far expires now (mid-conversation expiry)."""
        for token in self._access:
            self._access[token] = 0.0

    def expire_refresh_tokens(self) -> None:
        """Every unspent refresh token reaches the end of its lifetime now."""
        for token in self._refresh:
            self._refresh[token] = 0.0

    def refresh_token_valid(self, token: str) -> bool:
        return self._refresh.get(token, 0.0) > time.monotonic()

    def access_token_valid(self, token: str) -> bool:
        return self._access.get(token, 0.0) > time.monotonic()

    # ---- what the user saw -------------------------------------------------------------------

    def sent_to(self, user_id: str) -> list[SentMessage]:
        return [m for m in self.messages if m.user_id == user_id]

    def texts(self, user_id: str) -> list[str]:
        return [m.text for m in self.sent_to(user_id)]

    async def wait_for(self, predicate: Callable[[], bool], seconds: float = WAIT) -> None:
        deadline = time.monotonic() + seconds
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError("condition not met in time")
            await asyncio.sleep(0.02)

    async def wait_texts(self, user_id: str, count: int, seconds: float = WAIT) -> list[str]:
        await self.wait_for(lambda: len(self.sent_to(user_id)) >= count, seconds)
        return self.texts(user_id)

    # ---- handlers ----------------------------------------------------------------------------

    @staticmethod
    def _error(code: int, message: str) -> web.Response:
        return web.json_response({"error": code, "message": message})

    async def _message_cs(self, request: web.Request) -> web.Response:
        token = request.headers.get("access_token", "")
        try:
            body = await request.json()
        except json.JSONDecodeError:
            return self._error(-201, "Body is not valid JSON")
        user_id = (body.get("recipient") or {}).get("user_id") if isinstance(body, dict) else None
        self.send_calls.append((str(user_id), token))
        expiry = self._access.get(token)
        if expiry is None:
            return self._error(-216, "Access token is invalid")
        if expiry <= time.monotonic():
            return self._error(-220, "Access token has expired")
        now = time.monotonic()
        self._calls = [t for t in self._calls if now - t < 1.0]
        self._calls.append(now)  # every attempt counts, refused ones too
        if self.rate_limit is not None and len(self._calls) > self.rate_limit:
            self.rate_limited += 1
            return self._error(-32, "Exceeded rate limit")
        if not isinstance(user_id, str) or not user_id:
            return self._error(-201, "Parameters are invalid: recipient.user_id")
        message = body.get("message")
        problem = self._check_message(message)
        if problem:
            return self._error(-201, f"Parameters are invalid: {problem}")
        if user_id in self.not_following:
            return self._error(-213, "User has not followed OA")
        last = self.last_interaction.get(user_id)
        if last is None:
            return self._error(-232, "User has not interacted with the OA, or the last "
                                     "interaction has expired")
        if user_id in self.outside_window or self.now() - last > WINDOW_DAYS * 86400:
            return self._error(-230, "User has not interacted with the OA in the past 7 days")
        self.messages.append(SentMessage(user_id, message, token))
        msg_id = hashlib.md5(str(next(self._ids)).encode()).hexdigest()
        return web.json_response({"error": 0, "message": "Success",
                                  "data": {"message_id": msg_id, "user_id": user_id}})

    @staticmethod
    def _check_message(message: Any) -> str | None:
        if not isinstance(message, dict):
            return "message"
        text = message.get("text")
        if text is not None and (not isinstance(text, str) or len(text) > MAX_TEXT):
            return "message.text longer than 2000 characters"
        attachment = message.get("attachment")
        if attachment is None:
            return None if text else "message.text is empty"
        payload = attachment.get("payload") if isinstance(attachment, dict) else None
        if attachment.get("type") != "template" or not isinstance(payload, dict):
            return "attachment"
        buttons = payload.get("buttons")
        if not isinstance(buttons, list) or not 1 <= len(buttons) <= 5:
            return "buttons: between 1 and 5"
        for b in buttons:
            if not isinstance(b, dict) or b.get("type") not in BUTTON_TYPES or not b.get("title"):
                return "button"
            if b["type"] == "oa.open.url" and not (b.get("payload") or {}).get("url"):
                return "button url"
            if b["type"] == "oa.query.hide" and not (
                    isinstance(b.get("payload"), str) and b["payload"]):
                return "button payload"
        return None

    async def _access_token(self, request: web.Request) -> web.Response:
        form = await request.post()
        refresh = str(form.get("refresh_token", ""))
        if request.headers.get("secret_key") != self.app_secret:
            return web.json_response({"error": -14002, "error_name": "Invalid parameter",
                                      "error_reason": "Invalid secret key",
                                      "error_description": "secret_key is invalid"})
        if form.get("app_id") != self.app_id or form.get("grant_type") != "refresh_token":
            return web.json_response({"error": -14003, "error_name": "Invalid parameter",
                                      "error_reason": "Invalid app_id or grant_type",
                                      "error_description": "app_id or grant_type is invalid"})
        expiry = self._refresh.get(refresh)
        if expiry is None:
            self.refreshes.append(RefreshCall(refresh, ok=False))
            return web.json_response({
                "error": -14014, "error_name": "Invalid parameter",
                "error_reason": "Invalid refresh token",
                "error_description": "Refresh token is invalid or has been used",
                "ref_doc": "https://developers.zalo.me/docs/official-account/",
            })
        if expiry <= time.monotonic():
            self.refreshes.append(RefreshCall(refresh, ok=False))
            return web.json_response({
                "error": -14020, "error_name": "Invalid parameter",
                "error_reason": "Refresh token expired",
                "error_description": "Refresh token has expired",
                "ref_doc": "https://developers.zalo.me/docs/official-account/",
            })
        del self._refresh[refresh]  # single use: spent the moment Zalo answers
        self._spent.add(refresh)
        call = RefreshCall(refresh, ok=True)
        self.refreshes.append(call)
        access, new_refresh = self.issue_pair()
        if self.on_refresh is not None:
            await self.on_refresh(call, (access, new_refresh))
        return web.json_response({"access_token": access, "refresh_token": new_refresh,
                                  "expires_in": str(int(self.access_lifetime))})

    # ---- webhook events ----------------------------------------------------------------------

    def next_msg_id(self) -> str:
        return secrets.token_hex(16)

    def event(self, name: str, user_id: str, *, text: str | None = None,
              msg_id: str | None = None, timestamp: str | None = None) -> dict[str, Any]:
        """An event in the documented shape: message events carry sender/recipient/message,
        follow/unfollow carry follower and oa_id."""
        ts = timestamp or str(int(time.time() * 1000))
        base: dict[str, Any] = {"app_id": self.app_id, "user_id_by_app": "9" + user_id[1:],
                                "event_name": name, "timestamp": ts}
        if name in ("follow", "unfollow"):
            base.update({"oa_id": OA_ID, "source": "oa_profile", "follower": {"id": user_id}})
            return base
        message: dict[str, Any] = {"msg_id": msg_id or self.next_msg_id()}
        if name == "user_send_text":
            message["text"] = text or ""
        elif name == "user_send_location":
            message["attachments"] = [{"type": "location", "payload": {
                "coordinates": {"latitude": "20.8449", "longitude": "106.6881"}}}]
        else:
            kind = name.removeprefix("user_send_")
            message["attachments"] = [{"type": kind, "payload": {
                "url": f"https://zalo.example/{kind}.bin", "thumbnail": ""}}]
        base.update({"sender": {"id": user_id}, "recipient": {"id": OA_ID},
                     "message": message})
        return base

    def sign(self, raw: bytes, timestamp: str, secret: str | None = None) -> str:
        key = self.oa_secret_key if secret is None else secret
        digest = hashlib.sha256(self.app_id.encode() + raw + timestamp.encode() + key.encode())
        return "mac=" + digest.hexdigest()

    def _record(self, raw: bytes) -> None:
        """What the user did is Zalo's record, whatever the bot answers."""
        try:
            event = json.loads(raw, parse_int=str, parse_float=str)
        except (json.JSONDecodeError, UnicodeDecodeError):
            return
        if not isinstance(event, dict) or not isinstance(event.get("event_name"), str):
            return
        name = event["event_name"]
        who = event.get("follower") if name in ("follow", "unfollow") else event.get("sender")
        user_id = who.get("id") if isinstance(who, dict) else None
        if not isinstance(user_id, str):
            return
        if name in ("follow", "unfollow"):
            # The user's latest action decides, not the latest request: a redelivered old
            # unfollow does not unfollow them again.
            stamp = str(event.get("timestamp", ""))
            sent = int(stamp) if stamp.isdigit() else 0
            if sent >= self.follow_stamps.get(user_id, 0):
                self.follow_stamps[user_id] = sent
                if name == "unfollow":
                    self.not_following.add(user_id)
                else:
                    self.not_following.discard(user_id)
        if interacts(name):
            self.last_interaction[user_id] = self.now()

    def delivering(self, raw: bytes) -> None:
        """Zalo records an event it delivers (the 7-day window opens), for a driver that POSTs
        the event itself over its own session (bench.zalo_webhook)."""
        self._record(raw)

    async def post_event(self, webhook_url: str, event: dict[str, Any] | bytes, *,
                         timestamp: str | None = None, signature: str | None = None,
                         signed: bool = True) -> int:
        """POST a webhook event as Zalo would; returns the HTTP status the bot answered."""
        raw = event if isinstance(event, bytes) else json.dumps(
            event, ensure_ascii=False).encode()
        self._record(raw)
        ts = timestamp if timestamp is not None else (
            str(event["timestamp"]) if isinstance(event, dict) else "")
        headers = {"Content-Type": "application/json"}
        if signed:
            headers["X-ZEvent-Signature"] = signature or self.sign(raw, ts)
        async with aiohttp.ClientSession() as session, session.post(
            webhook_url, data=raw, headers=headers
        ) as response:
            status = response.status
        self.answers.append(status)
        return status
