"""Channel-neutral message types: what comes in, what goes out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Button:
    """A choice offered to the user: pressing it sends `command`; a link button opens `url`."""

    label: str
    command: str = ""
    url: str | None = None


@dataclass(frozen=True)
class Attachment:
    """A file for the user (an organizer's export): a document on Telegram, a file on disk
    in the console; channels that cannot send files say so in text."""

    filename: str
    data: bytes
    mime: str


@dataclass(frozen=True)
class Reply:
    """One message to the user: plain text (adapters escape it) plus optional buttons."""

    text: str
    buttons: tuple[Button, ...] = ()
    title: str | None = None  # shown bold where the channel can
    files: tuple[Attachment, ...] = ()

    def full_text(self) -> str:
        """Title and text as plain text, for channels without formatting."""
        return f"{self.title}\n\n{self.text}" if self.title else self.text


@dataclass(frozen=True)
class Incoming:
    """A message or button press from a user of one channel."""

    channel: str
    user_id: str  # the platform's id, always text (Zalo ids exceed 2**53)
    text: str
    is_button: bool = False
    display_name: str | None = None
    is_media: bool = False  # a sticker, photo, file...: something that is not text
    # False in a group or channel, where every member reads the answer. Zalo OA and console
    # chats are always one-to-one.
    is_private: bool = True
    # When the bot first got it, if earlier than now: an update held back while the database
    # did not answer is applied later, and a contest answer counts from when it came.
    received_at: datetime | None = None


@dataclass(frozen=True)
class FlowState:
    """Where the user is in a multi-step flow: the flow's name, its step and what it gathered."""

    flow: str
    step: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class UserView:
    """What the core knows about the sender for this update."""

    channel: str
    external_id: str
    locale: str
    is_organizer: bool
    is_new: bool = False
    state: FlowState | None = None
    user_id: int = 0  # our database id (0 in tests without a database)
    # The quận/huyện the user lives in (/quan, or their contest registration): the schedule
    # shows the city's events and this district's.
    district: str | None = None


@dataclass
class Outcome:
    """The replies to send and the feature that produced them (for the message log)."""

    feature: str
    replies: list[Reply] = field(default_factory=list)

