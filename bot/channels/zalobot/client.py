"""The Zalo Bot Platform's HTTP API on one aiohttp session: a thin client of our own.

`https://bot-api.zaloplatforms.com/bot<TOKEN>/<method>`, JSON in, `{ok, result, error_code,
description}` out. Why not the official SDK (python-zalo-bot 0.1.9, a fork of
python-telegram-bot 20): it brings httpx and a second HTTP stack beside aiohttp, ships no type
information (mypy strict), runs setWebhook/deleteWebhook/getWebhookInfo through
`asyncio.run` (they cannot be called inside a running event loop), keeps Telegram's
offset/limit parameters that Zalo ignores, turns the 408 of an empty long poll into a generic
NetworkError and a 429 without `parameters.retry_after` into one too; none of its classes fit
our channel contract, so the adapter would translate its exceptions back into the codes this
module reads directly. Eight methods of one JSON shape are less code than that translation.

Errors: Zalo answers `ok: false` with an `error_code` (401 token refused, 403 the user cannot
be messaged, 404 unknown chat or method, 408 an empty long poll, 429 too many requests); the
HTTP status is read when the body does not say. Every failure is a `ZaloBotError`; what it
means for a message (sent, uncertain, blocked...) is the adapter's decision.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import aiohttp

UNAUTHORIZED = 401
FORBIDDEN = 403
NOT_FOUND = 404
# On getUpdates: no update came in time. On a send: the request came and its outcome is unknown.
TIMED_OUT = 408
TOO_MANY = 429
# A 429 that does not say how long to wait: wait this long.
DEFAULT_RETRY_AFTER = 1.0
# Zalo's limit on one text message, in characters.
MAX_TEXT = 2000
SECRET_HEADER = "X-Bot-Api-Secret-Token"


@dataclass(eq=False)  # exceptions stay hashable
class ZaloBotError(Exception):
    """Zalo refused a call (`code` is its error_code, or the HTTP status)."""

    code: int
    description: str
    retry_after: float = 0.0

    def __str__(self) -> str:
        return f"{self.code} {self.description}".strip()


def _retry_after(body: dict[str, Any], response: aiohttp.ClientResponse) -> float:
    """Seconds a 429 asks us to wait: Telegram's `parameters.retry_after`, else the header."""
    params = body.get("parameters")
    raw: Any = params.get("retry_after") if isinstance(params, dict) else None
    if raw is None:
        raw = response.headers.get("Retry-After")
    try:
        seconds = float(raw)
    except (TypeError, ValueError):
        return DEFAULT_RETRY_AFTER
    return min(max(seconds, 0.0), 3600.0)


class ZaloBotClient:
    """One call per method; no retry here (the adapter decides, knowing what was sent)."""

    def __init__(self, session: aiohttp.ClientSession, base_url: str, token: str,
                 timeout: float = 10.0) -> None:
        self.session = session
        self._url = f"{base_url.rstrip('/')}/bot{token}/"
        self.timeout = timeout

    async def call(self, method: str, payload: dict[str, Any] | None = None,
                   timeout: float | None = None) -> Any:  # noqa: ASYNC109 (aiohttp's)
        """POST `payload` as JSON to `method`; the `result`, or raise ZaloBotError.

        aiohttp's own errors (connection refused, timeout) pass through: whether the request
        left matters to the caller, and only it can tell from the exception's type.
        """
        async with self.session.post(
            self._url + method, json=payload or {},
            timeout=aiohttp.ClientTimeout(total=timeout or self.timeout),
        ) as response:
            raw = await response.read()
            try:
                # Every number as its exact text, as on the webhook: ids may exceed 2**53.
                body = json.loads(raw, parse_int=str, parse_float=str)
            except (json.JSONDecodeError, UnicodeDecodeError):
                body = None
            if not isinstance(body, dict):
                code = response.status if response.status >= 400 else 502
                raise ZaloBotError(code, f"HTTP {response.status}, not a JSON object")
            if body.get("ok") is True and response.status < 400:
                return body.get("result")
            given = str(body.get("error_code", ""))
            code = int(given) if given.isascii() and given.isdigit() else (
                response.status if response.status >= 400 else 500)
            retry = _retry_after(body, response) if code == TOO_MANY else 0.0
            raise ZaloBotError(code, str(body.get("description") or "")[:300], retry)

    async def get_me(self) -> dict[str, Any]:
        result = await self.call("getMe")
        return result if isinstance(result, dict) else {}

    async def get_update(self, timeout: int) -> dict[str, Any] | None:  # noqa: ASYNC109
        """Long-poll for at most `timeout` seconds: ONE update, or None (Zalo's 408)."""
        try:
            # The wait is Zalo's; ours allows for it and the way there and back.
            result = await self.call("getUpdates", {"timeout": str(timeout)},
                                     timeout=timeout + self.timeout)
        except ZaloBotError as err:
            if err.code == TIMED_OUT:
                return None
            raise
        return result if isinstance(result, dict) else None

    async def set_webhook(self, url: str, secret_token: str) -> None:
        await self.call("setWebhook", {"url": url, "secret_token": secret_token})

    async def delete_webhook(self) -> None:
        await self.call("deleteWebhook")

    async def get_webhook_info(self) -> dict[str, Any]:
        result = await self.call("getWebhookInfo")
        return result if isinstance(result, dict) else {}

    async def send_message(self, chat_id: str, text: str) -> dict[str, Any]:
        result = await self.call("sendMessage", {"chat_id": chat_id, "text": text})
        return result if isinstance(result, dict) else {}

    async def send_chat_action(self, chat_id: str, action: str = "typing") -> None:
        await self.call("sendChatAction", {"chat_id": chat_id, "action": action})
