"""What subscriptions and announcements need from storage (bot/ and scheduler/ implement it),
and the one wording of a scheduled item's kind, status and audience: the chat, the CLI and the
report's workbook all use these."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol
from urllib.parse import urlsplit

from handlers.i18n import N_, _
from handlers.types import Button

# An announcement carries at most this many buttons of its own (a long one adds "Xem thêm"):
# with it they stay within Zalo OA's five native buttons.
MAX_BUTTONS = 3
MAX_LABEL = 40  # characters of a link button's label: one line on a phone
MAX_URL = 500
_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?)+$")


@dataclass(frozen=True)
class ItemView:
    """What rendering needs of a scheduled item (an announcement, a digest, a reminder)."""

    id: int
    kind: str
    text: str | None
    payload: dict[str, Any]


@dataclass(frozen=True)
class AnnouncementButton:
    """A button an organizer attached to an announcement: a bot feature or a link.

    A feature's button keeps the feature's label as a catalog msgid, so each recipient reads it
    in their language; a link's label is the organizer's own words.
    """

    label: str
    command: str = ""  # "/homnay"
    url: str | None = None
    feature: str | None = None

    def button(self) -> Button:
        """The button as a recipient sees it (in the current locale)."""
        return Button(_(self.label) if self.feature else self.label, self.command, self.url)

    def stored(self) -> dict[str, str]:
        out = {"label": self.label}
        if self.feature:
            out.update(feature=self.feature, command=self.command)
        if self.url:
            out["url"] = self.url
        return out

    @classmethod
    def of(cls, raw: Mapping[str, Any]) -> AnnouncementButton | None:
        """A stored button; None for one that is not (never fails a delivery)."""
        label = str(raw.get("label") or "")
        if not label:
            return None
        if raw.get("url"):
            url = check_url(str(raw["url"]))
            return cls(label, url=url) if url else None
        command = str(raw.get("command") or "")
        if raw.get("feature") and command.startswith("/"):
            return cls(label, command, feature=str(raw["feature"]))
        return None


def stored_buttons(payload: Mapping[str, Any]) -> tuple[AnnouncementButton, ...]:
    """The buttons kept in a scheduled item's payload."""
    raw = payload.get("buttons") or []
    found = (AnnouncementButton.of(b) for b in raw if isinstance(b, Mapping))
    return tuple(b for b in found if b is not None)[:MAX_BUTTONS]


def buttons_payload(buttons: Sequence[AnnouncementButton]) -> dict[str, Any]:
    """The payload of an announcement with `buttons` (none: an empty payload, as before)."""
    return {"buttons": [b.stored() for b in buttons]} if buttons else {}


def check_url(text: str) -> str | None:
    """A link a button may open: https, a real host name, nothing hidden; None otherwise."""
    url = text.strip()
    if not url or len(url) > MAX_URL or not url.isprintable() or " " in url:
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    host = parts.hostname or ""
    if parts.scheme != "https" or parts.username or parts.password or port not in (None, 443):
        return None
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    if not _HOST.match(ascii_host) or ascii_host.rsplit(".", 1)[1].isdigit():
        return None  # an IP address or "localhost" is no address to send citizens to
    return url


def check_label(text: str) -> str | None:
    """A link button's label: one short line; None otherwise."""
    label = " ".join(text.split())
    return label if 0 < len(label) <= MAX_LABEL else None


@dataclass(frozen=True)
class DeliveryFigures:
    """A scheduled item (announcement or reminder) and how its delivery went.

    Shared by /dsthongbao, `hoctap-bot announce list` and the report's per-item rows.
    """

    id: int
    audience: str
    due_at: datetime
    status: str
    total: int  # recipients written to the outbox when it fired
    sent: int
    skipped: int
    failed: int
    uncertain: int

    @staticmethod
    def counts(by_status: Mapping[str, int]) -> dict[str, int]:
        """The figure fields from the outbox's rows per status."""
        return {k: by_status.get(k, 0) for k in ("sent", "skipped", "failed", "uncertain")}


@dataclass(frozen=True)
class AnnouncementInfo(DeliveryFigures):
    """An announcement, for /dsthongbao and the CLI."""

    text: str


class BroadcastStore(Protocol):
    """Subscriptions and announcements for the current user, inside the update's transaction."""

    async def is_subscribed(self) -> bool: ...

    async def subscribe(self) -> bool:
        """Subscribe; False if already subscribed."""
        ...

    async def unsubscribe(self) -> bool:
        """Unsubscribe; False if not subscribed."""
        ...

    async def audience_size(self, audience: str) -> int: ...

    async def create_announcement(self, text: str, audience: str, due_at: datetime,
                                  buttons: Sequence[AnnouncementButton] = ()) -> int: ...

    async def pending_twin(self, text: str, audience: str) -> tuple[int, datetime] | None:
        """(id, due) of a pending announcement with the same words for the same audience."""
        ...

    async def item(self, item_id: int) -> ItemView | None:
        """A broadcast that went out (sending or done), to show another of its pages."""
        ...

    async def received(self, limit: int) -> list[tuple[ItemView, datetime]]:
        """The broadcasts sent to the current user, newest first, with when each was sent."""
        ...

    async def announcements(self, limit: int) -> list[AnnouncementInfo]: ...

    async def cancel_announcement(self, item_id: int) -> str:
        """'cancelled', 'not_found' or the status that prevents it ('sending', 'done', ...)."""
        ...


def status_label(status: str) -> str:
    """A scheduled item's state in words: /dsthongbao, `announce list`, `schedule list`, the
    report's workbook."""
    return {
        "scheduled": _("chờ gửi"),
        "sending": _("đang gửi"),
        "done": _("đã gửi xong"),
        "cancelled": _("đã hủy"),
        "missed": _("bị lỡ (quá hạn)"),
    }.get(status, status)


def kind_label(kind: str) -> str:
    """What a scheduled item is: an announcement or one of the reminders planned from content."""
    return {"announcement": _("Thông báo"), "digest": _("Lịch hằng ngày"),
            "remind": _("Nhắc sự kiện"), "eve": _("Nhắc khai mạc"),
            "answer": _("Trả lời câu hỏi")}.get(kind, kind)


def audience_label(audience: str) -> str:
    """The audience in words: 'all', 'contest', 'district:NAME', 'channel:NAME', 'home:NAME',
    'home-except:A|B', 'users' (those who asked a question answered)."""
    kind, _sep, name = audience.partition(":")
    if kind == "users":
        return _("người đã hỏi")
    if kind == "contest":
        return _("thí sinh Cuộc thi Công dân học tập")
    if kind == "district":
        return _("thí sinh thuộc {district}").format(district=name)
    if kind == "home":
        return _("người đăng ký sống tại {district}").format(district=name)
    if kind == "home-except":
        return _("người đăng ký không sống tại {districts}").format(
            districts=", ".join(name.split("|")))
    if kind == "channel":
        return _("người đăng ký trên {channel}").format(channel=channel_label(name))
    return _("tất cả người đăng ký")


# The platforms as people name them; an unknown one shows its id.
CHANNEL_LABELS: dict[str, str] = {"telegram": "Telegram", "zalo": "Zalo",
                                  "zalobot": "Zalo Bot", "console": N_("Dòng lệnh")}


def channel_label(channel: str) -> str:
    return _(CHANNEL_LABELS[channel]) if channel in CHANNEL_LABELS else channel
