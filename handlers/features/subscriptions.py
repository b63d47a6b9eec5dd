"""Subscriptions to the week's reminders: /dangky and /huydangky, never done silently."""

from __future__ import annotations

from handlers.context import Ctx
from handlers.format import back_button, week_status
from handlers.i18n import N_, _
from handlers.registry import FeatureSet
from handlers.types import Button, Reply

features = FeatureSet()


def offer_button() -> Button:
    return Button(_("Nhận tin nhắc lịch"), "/dangky")


@features.feature("subscribe", label=N_("Đăng ký nhận tin"), commands=("dangky",),
                  help=N_("nhận tin nhắc lịch và thông báo"))
async def subscribe(ctx: Ctx) -> list[Reply]:
    """Subscribe the user to the daily digest, event reminders and announcements."""
    over = ctx.today > ctx.edition.end
    if not await ctx.store.broadcast.subscribe():
        text = _("Quý vị đã đăng ký nhận tin nhắc rồi. Gõ /huydangky nếu muốn thôi nhận.")
    elif over:
        # Truthful after the week: no digest, no reminder; the organizers may still write
        # (the results of the contest).
        text = _("Đã đăng ký nhận thông báo của Ban tổ chức. {status} Vì vậy không còn lịch "
                 "hằng ngày và tin nhắc sự kiện. Gõ /huydangky để thôi nhận bất cứ lúc nào.")\
            .format(status=week_status(ctx.edition, ctx.now))
    else:
        text = _("Đã đăng ký! Trong Tuần lễ, mỗi sáng Quý vị nhận lịch sự kiện trong ngày, tin "
                 "nhắc trước các sự kiện chính và thông báo của Ban tổ chức. Gõ /huydangky "
                 "để thôi nhận bất cứ lúc nào.")
    if ctx.edition.schedule_is_sample and not over:
        # Truthful: nothing is announced from a sample schedule (scheduler/planner.py).
        text += "\n" + _("Hiện lịch sự kiện mới là lịch mẫu: Chatbot sẽ gửi lịch hằng ngày và "
                         "tin nhắc khi có lịch chính thức; thông báo của Ban tổ chức vẫn được "
                         "gửi.")
    buttons = [back_button()]
    if ctx.user.district is None:
        buttons.insert(0, Button(_("Chọn quận, huyện"), "/quan"))
    return [Reply(text, tuple(buttons))]


@features.feature("unsubscribe", label=N_("Hủy nhận tin"), commands=("huydangky",),
                  help=N_("thôi nhận tin nhắc"))
async def unsubscribe(ctx: Ctx) -> list[Reply]:
    """Stop sending reminders to the user."""
    if await ctx.store.broadcast.unsubscribe():
        text = _("Đã hủy đăng ký: Quý vị sẽ không nhận tin nhắc nữa. Gõ /dangky để đăng ký "
                 "lại.")
    else:
        text = _("Quý vị chưa đăng ký nhận tin nhắc. Gõ /dangky để đăng ký.")
    return [Reply(text, (back_button(),))]
