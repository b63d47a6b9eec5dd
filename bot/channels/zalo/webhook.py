"""Zalo webhook events: the signature check and the narrowing of a body to what we act on.

Shapes follow Zalo's OA webhook docs as quoted by SDKs and integrations (sources differ in
details, handled here): message events carry `sender.id`, `recipient.id` (the OA) and
`message.msg_id`/`message.text`; `follow`/`unfollow` carry `follower.id` (some write-ups show
`sender.id` instead, so that is the fallback); `timestamp` is usually a string of milliseconds,
sometimes a JSON number; every number is kept as its exact text.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

SIGNATURE_HEADER = "X-ZEvent-Signature"
# A "timestamp" member anywhere in the raw body, quoted or not: the candidates for the
# signature, which is computed over the body and the event's own timestamp.
_TIMESTAMP = re.compile(rb'"timestamp"\s*:\s*"?([0-9]{1,16})"?')
MAX_CANDIDATES = 4

TEXT = "user_send_text"
FOLLOW = "follow"
UNFOLLOW = "unfollow"
MEDIA_EVENTS = frozenset({
    "user_send_image", "user_send_sticker", "user_send_gif", "user_send_file",
    "user_send_audio", "user_send_video", "user_send_location", "user_send_link",
    "user_send_business_card",
})
# "user_send_<kind>": a message of a kind this code does not know (one Zalo adds later) is
# answered as a sticker is, never left unanswered.
_USER_SENDS = re.compile(r"user_send_[a-z_]{1,32}")
# Receipts and echoes of our own messages: expected, nothing to do, not worth a log line.
QUIET_EVENTS = frozenset({
    "user_received_message", "user_seen_message", "oa_send_text", "oa_send_image",
    "oa_send_list", "oa_send_gif", "oa_send_file", "oa_send_sticker",
})


class BadEvent(ValueError):
    """The body is not a Zalo event we can read (answer 400)."""


def signature(app_id: str, raw_body: bytes, timestamp: str, oa_secret_key: str) -> str:
    """The X-ZEvent-Signature value: "mac=" + sha256(app_id + body + timestamp + key), hex.

    A plain SHA-256 over the exact bytes received, not an HMAC.
    """
    digest = hashlib.sha256(
        app_id.encode() + raw_body + timestamp.encode() + oa_secret_key.encode()
    ).hexdigest()
    return f"mac={digest}"


def signature_ok(given: str, app_id: str, raw_body: bytes, timestamp: str,
                 oa_secret_key: str) -> bool:
    """Compare in constant time; the "mac=" prefix is optional (some relays strip it)."""
    expected = signature(app_id, raw_body, timestamp, oa_secret_key)
    value = given.strip()
    if not value.lower().startswith("mac="):
        value = "mac=" + value
    return hmac.compare_digest(value.lower().encode(), expected.encode())


def signed_timestamp(given: str, app_id: str, raw_body: bytes,
                     oa_secret_key: str) -> str | None:
    """The event's timestamp when `given` signs `raw_body`, else None; nothing is parsed.

    The timestamp is part of the signed text, so it is looked for in the raw bytes: each
    "timestamp" member (a nested one may come first; at most MAX_CANDIDATES are tried) is
    tried until one makes the signature match. The caller checks, once the authentic body is
    parsed, that it is the event's own top-level timestamp.
    """
    tried: set[bytes] = set()
    for match in _TIMESTAMP.finditer(raw_body):
        candidate = match.group(1)
        if candidate in tried:
            continue
        tried.add(candidate)
        if signature_ok(given, app_id, raw_body, candidate.decode(), oa_secret_key):
            return candidate.decode()
        if len(tried) >= MAX_CANDIDATES:
            break
    return None


def age_refusal(timestamp: str, now: datetime, max_age: timedelta,
                skew: timedelta) -> Literal["stale", "future"] | None:
    """Why an event sent at `timestamp` (Unix milliseconds, Zalo's unit) is refused at `now`:
    older than `max_age` (its key may be pruned already: a replay would be applied again) or
    more than `skew` ahead of our clock. None when its age is acceptable."""
    try:
        sent = datetime.fromtimestamp(int(timestamp) / 1000, UTC)
    except (ValueError, OverflowError, OSError):  # past the year 9999
        return "future"
    if sent < now - max_age:
        return "stale"
    if sent > now + skew:
        return "future"
    return None


def parse_body(data: Any) -> dict[str, Any]:
    """The parsed body as an event object; raises BadEvent."""
    if not isinstance(data, dict):
        raise BadEvent("not a JSON object")
    if not isinstance(data.get("event_name"), str):
        raise BadEvent("no event_name")
    if not isinstance(data.get("timestamp"), str):
        raise BadEvent("no timestamp")
    return data


@dataclass(frozen=True)
class Event:
    """One webhook event, narrowed: `key` deduplicates redeliveries."""

    name: str
    user_id: str
    key: str
    text: str = ""
    display_name: str | None = None
    # When Zalo says the user did it (Unix milliseconds): a follow and an unfollow each come
    # in a request of their own, and a refused one comes again later, after the other.
    sent_ms: int | None = None


def _id(obj: Any, field: str = "id") -> str | None:
    value = obj.get(field) if isinstance(obj, dict) else None
    return value if isinstance(value, str) and value else None


def narrow(data: dict[str, Any]) -> Event | None:
    """The event we act on, or None for an event name we do not handle; raises BadEvent."""
    name: str = data["event_name"]
    if name == TEXT or name in MEDIA_EVENTS or _USER_SENDS.fullmatch(name):
        user_id = _id(data.get("sender"))
        message = data.get("message")
        msg_id = _id(message, "msg_id")
        if user_id is None or msg_id is None or not isinstance(message, dict):
            raise BadEvent(f"{name} without sender.id or message.msg_id")
        text = message.get("text") if name == TEXT else ""
        if not isinstance(text, str):
            text = ""
        sender = data["sender"]
        display = sender.get("display_name") or sender.get("name")
        return Event(name, user_id, msg_id, text,
                     display if isinstance(display, str) and display else None)
    if name in (FOLLOW, UNFOLLOW):
        user_id = _id(data.get("follower")) or _id(data.get("sender"))
        if user_id is None:
            raise BadEvent(f"{name} without follower.id")
        # No msg_id: a redelivery repeats the same body, hence the same timestamp.
        stamp = data["timestamp"]
        return Event(name, user_id, f"{name}:{user_id}:{stamp}",
                     sent_ms=int(stamp) if stamp.isdigit() and len(stamp) <= 16 else None)
    return None
