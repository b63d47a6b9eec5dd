"""The Zalo OA Open API on one aiohttp session: the v3 message endpoint and the v4 token refresh.

No maintained Python SDK exists for OA API v3, so this is ours. Zalo answers errors with HTTP 200
and a non-zero `error`; this module turns those into `ZaloApiError` and nothing else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import aiohttp

from bot.observability import learn_secrets

# Error codes of the OA API this channel acts on (developers.zalo.me, "Mã lỗi").
TOKEN_INVALID = -216
TOKEN_EXPIRED = -220
RATE_LIMITED = -32
NOT_FOLLOWING = -213
OUTSIDE_WINDOW = -230
OUTSIDE_WINDOW_ALT = -232
TOKEN_ERRORS = frozenset({TOKEN_INVALID, TOKEN_EXPIRED})
WINDOW_ERRORS = frozenset({OUTSIDE_WINDOW, OUTSIDE_WINDOW_ALT})

# Zalo's limit on a text message, in characters.
MAX_TEXT = 2000
# At most this many buttons in one template message.
MAX_BUTTONS = 5


class ZaloApiError(Exception):
    """Zalo refused a call: `code` is Zalo's error number (HTTP status for non-JSON answers)."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(f"{code} {message}")
        self.code = code
        self.message = message


@dataclass(frozen=True)
class TokenPair:
    """An access token, the single-use refresh token issued with it, and when the first expires."""

    access_token: str
    refresh_token: str
    expires_at: datetime

    def due(self, now: datetime, margin: timedelta) -> bool:
        """True when the access token expires within `margin` of `now`."""
        return self.expires_at - margin <= now


def loads_exact(raw: bytes | str) -> Any:
    """Parse JSON keeping every number as its exact text: Zalo ids exceed 2**53."""
    return json.loads(raw, parse_int=str, parse_float=str)


def _error_of(body: Any) -> tuple[int, str] | None:
    """(code, message) of an error answer, None for success."""
    if not isinstance(body, dict):
        return -1, "answer is not a JSON object"
    raw = body.get("error", 0)
    try:
        code = int(str(raw))
    except ValueError:
        return -1, f"unreadable error code {str(raw)[:40]!r}"
    if code == 0:
        return None
    message = body.get("message") or body.get("error_description") or body.get("error_reason")
    return code, str(message or "")


class ZaloClient:
    """Raw calls; token policy lives in tokens.py and retry policy in the adapter."""

    def __init__(self, session: aiohttp.ClientSession, api_base: str, oauth_base: str,
                 app_id: str, app_secret: str, timeout: float = 10.0) -> None:
        self.session = session
        self.api_base = api_base.rstrip("/")
        self.oauth_base = oauth_base.rstrip("/")
        self.app_id = app_id
        self.app_secret = app_secret
        self.timeout = aiohttp.ClientTimeout(total=timeout)

    async def _read(self, response: aiohttp.ClientResponse) -> Any:
        raw = await response.read()
        try:
            return loads_exact(raw)
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise ZaloApiError(response.status, f"HTTP {response.status}, not JSON") from None

    async def send_message(self, access_token: str, user_id: str,
                           message: dict[str, Any]) -> dict[str, Any]:
        """POST one consultation (customer service) message; return Zalo's `data`."""
        async with self.session.post(
            f"{self.api_base}/v3.0/oa/message/cs",
            json={"recipient": {"user_id": user_id}, "message": message},
            headers={"access_token": access_token},
            timeout=self.timeout,
        ) as response:
            body = await self._read(response)
        error = _error_of(body)
        if error is not None:
            raise ZaloApiError(*error)
        data = body.get("data")
        return data if isinstance(data, dict) else {}

    async def refresh(self, refresh_token: str, now: datetime) -> TokenPair:
        """Trade the single-use refresh token for a new pair."""
        async with self.session.post(
            f"{self.oauth_base}/v4/oa/access_token",
            data={"refresh_token": refresh_token, "app_id": self.app_id,
                  "grant_type": "refresh_token"},
            headers={"secret_key": self.app_secret},
            timeout=self.timeout,
        ) as response:
            body = await self._read(response)
        if isinstance(body, dict):
            # The new pair is a secret from this moment: the log must hide it before any
            # SQL trace or error message can carry it.
            learn_secrets(*(str(body[k]) for k in ("access_token", "refresh_token")
                            if body.get(k)))
        if not isinstance(body, dict) or not body.get("access_token"):
            code, message = _error_of(body) or (-1, "no access_token in the answer")
            raise ZaloApiError(code, message)
        try:
            # expires_in comes as a string ("90000") or a number, in seconds.
            seconds = int(float(str(body.get("expires_in", "0"))))
        except ValueError:
            seconds = 0
        new_refresh = str(body.get("refresh_token") or "")
        if not new_refresh:
            raise ZaloApiError(-1, "no refresh_token in the answer")
        return TokenPair(str(body["access_token"]), new_refresh,
                         now + timedelta(seconds=seconds))
