"""Subscriptions to the week's reminders: /dangky and /huydangky, never done silently."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from handlers.context import Ctx
from handlers.format import back_button
from handlers.i18n import _
from handlers.types import Button, Reply


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


def offer_button() -> Button:
    return Button(_("Nhận tin nhắc lịch"), "/dangky")


async def subscribe(ctx: Ctx) -> list[Reply]:
    """Subscribe the user to the daily digest, event reminders and announcements."""
    if not await ctx.store.broadcast.subscribe():
        text = _("Quý vị đã đăng ký nhận tin nhắc rồi. Gõ /huydangky nếu muốn thôi nhận.")
    else:
        text = _("Đã đăng ký! Trong Tuần lễ, mỗi sáng Quý vị nhận lịch sự kiện trong ngày, tin "
                 "nhắc trước các sự kiện chính và thông báo của Ban tổ chức. Gõ /huydangky "
                 "để thôi nhận bất cứ lúc nào.")
    if ctx.edition.schedule_is_sample:
        # Truthful: nothing is announced from a sample schedule (scheduler/planner.py).
        text += "\n" + _("Hiện lịch sự kiện mới là lịch mẫu: Chatbot sẽ gửi lịch hằng ngày và "
                         "tin nhắc khi có lịch chính thức; thông báo của Ban tổ chức vẫn được "
                         "gửi.")
    buttons = [back_button()]
    if ctx.user.district is None:
        buttons.insert(0, Button(_("Chọn quận, huyện"), "/quan"))
    return [Reply(text, tuple(buttons))]


async def unsubscribe(ctx: Ctx) -> list[Reply]:
    """Stop sending reminders to the user."""
    if await ctx.store.broadcast.unsubscribe():
        text = _("Đã hủy đăng ký: Quý vị sẽ không nhận tin nhắc nữa. Gõ /dangky để đăng ký "
                 "lại.")
    else:
        text = _("Quý vị chưa đăng ký nhận tin nhắc. Gõ /dangky để đăng ký.")
    return [Reply(text, (back_button(),))]
