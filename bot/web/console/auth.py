"""Who may see the console: the session cookie, the CSRF token of every form, the headers.

A session is a random id in an HttpOnly, SameSite=Strict cookie (Secure behind https) scoped
to /quantri/, kept as its SHA-256 in `web_sessions` for 12 hours. The organizer must still be
in [organizers] at every request: removing one and restarting the bot shuts them out. Every
POST carries the session's CSRF token; the one-time link's own form, which comes before any
session, carries a token that must match a cookie set with the form (double submit).
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from urllib.parse import parse_qsl

from aiohttp import web

from bot.webserver import read_body
from handlers.text import storable

PREFIX = "/quantri"
COOKIE = "hoctap_quantri"
LOGIN_COOKIE = "hoctap_vao"
SIGN_IN = f"{PREFIX}/dang-nhap"
MAX_FIELDS = 64

# No inline script or style, nothing from elsewhere, no framing; the sign-in link's token must
# not leave in a Referer header.
HEADERS: Mapping[str, str] = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


async def add_headers(request: web.Request, response: web.StreamResponse) -> None:
    """on_response_prepare: the console's answers (static files too) get the headers above."""
    if request.path == PREFIX or request.path.startswith(PREFIX + "/"):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)


async def read_form(request: web.Request) -> dict[str, str]:
    """A urlencoded form body, read within the web server's size and time limits; every value
    as a chat message is stored (NFC, no control character: PostgreSQL refuses a NUL, which a
    pasted text or a forged form may hold, with an error), "\r\n" read as "\n"."""
    raw = await read_body(request)
    try:
        pairs = parse_qsl(raw.decode("utf-8"), keep_blank_values=True,
                          max_num_fields=MAX_FIELDS)
    except (UnicodeDecodeError, ValueError):
        raise web.HTTPBadRequest(text="bad form") from None
    return {key: storable(value.replace("\r\n", "\n")) for key, value in pairs}


def same(given: str | None, expected: str) -> bool:
    """Compare secrets in constant time; a missing one never matches."""
    return bool(given) and bool(expected) and hmac.compare_digest(
        (given or "").encode(), expected.encode())


def set_cookie(response: web.StreamResponse, name: str, value: str, max_age: int,
               path: str, secure: bool) -> None:
    response.set_cookie(name, value, max_age=max_age, path=path, httponly=True,
                        samesite="Strict", secure=secure)
