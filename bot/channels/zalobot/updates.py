"""Zalo Bot updates narrowed to what the channel acts on, from getUpdates or the webhook.

An update is `{"ok": true, "result": {"event_name": ..., "message": {...}}}`; some relays post
the inner object alone, so both are read. Every number arrives as its exact text (the
callers parse JSON with `exact`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

TEXT = "message.text.received"
IMAGE = "message.image.received"
STICKER = "message.sticker.received"
# A message the platform does not pass on: an unsupported kind (voice, file, location...) or
# any message from a user Zalo protects (children and others), whose content it withholds.
UNSUPPORTED = "message.unsupported.received"
EVENTS = frozenset({TEXT, IMAGE, STICKER, UNSUPPORTED})
# "message.<kind>.received": a message of a kind this code does not know (a voice message,
# added after it was written) is answered as a sticker is, never left unanswered.
_MESSAGE = re.compile(r"message\.[a-z_]{1,32}\.received")
# processed_updates.update_key holds at most this many characters.
KEY_MAX = 64


class BadUpdate(ValueError):
    """The body is not a Zalo Bot update we can read (the webhook answers 400)."""


@dataclass(frozen=True)
class Update:
    """One message event: who wrote, in which chat, what; `key` deduplicates redeliveries."""

    event: str
    key: str
    user_id: str
    chat_id: str
    is_private: bool
    text: str = ""
    display_name: str | None = None
    date: str = ""  # Unix milliseconds, as text
    is_bot: bool = False


def _text(obj: Any, name: str) -> str | None:
    value = obj.get(name) if isinstance(obj, dict) else None
    if isinstance(value, str) and value:
        return value
    return None


def update_key(message_id: str) -> str:
    """A key that fits processed_updates (message ids are short in practice)."""
    if len(message_id) <= KEY_MAX:
        return message_id
    return "h:" + hashlib.sha256(message_id.encode()).hexdigest()[: KEY_MAX - 2]


def parse(data: Any) -> Update | None:
    """The update in `data`, None for an event we do not act on; raises BadUpdate."""
    if isinstance(data, dict) and "result" in data and "event_name" not in data:
        data = data["result"]
    if not isinstance(data, dict) or not isinstance(data.get("event_name"), str):
        raise BadUpdate("no event_name")
    event: str = data["event_name"]
    if event not in EVENTS and not _MESSAGE.fullmatch(event):
        return None
    message = data.get("message")
    sender = message.get("from") if isinstance(message, dict) else None
    chat = message.get("chat") if isinstance(message, dict) else None
    message_id, user_id, chat_id = (_text(message, "message_id"), _text(sender, "id"),
                                    _text(chat, "id"))
    if message_id is None or user_id is None or chat_id is None:
        raise BadUpdate(f"{event[:40]} without message.message_id, from.id or chat.id")
    assert isinstance(message, dict) and isinstance(sender, dict) and isinstance(chat, dict)
    # An image's caption is the words typed under it: what the user asks.
    text = message.get("text") if event == TEXT else message.get("caption", "") \
        if event == IMAGE else ""
    if not isinstance(text, str):
        raise BadUpdate(f"{event} with a text that is not a string")
    date = message.get("date")
    return Update(
        event=event, key=update_key(message_id), user_id=user_id, chat_id=chat_id,
        # Zalo says PRIVATE or GROUP; anything else is treated as a group (answers are public).
        is_private=chat.get("chat_type") == "PRIVATE", text=text,
        display_name=_text(sender, "display_name") or _text(sender, "name"),
        date=date if isinstance(date, str) else "",
        is_bot=sender.get("is_bot") in (True, "true"),
    )
