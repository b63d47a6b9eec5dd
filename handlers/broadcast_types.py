"""What subscriptions and announcements need from storage (bot/ and scheduler/ implement it),
and the one wording of a scheduled item's kind, status and audience: the chat, the CLI and the
report's workbook all use these."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from handlers.i18n import N_, _


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

    async def create_announcement(self, text: str, audience: str, due_at: datetime) -> int: ...

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
