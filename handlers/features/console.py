"""/quantri: an organizer asks for a one-time link to the organizers' web console.

The link is made behind the Store port (bot/ keeps the tokens and serves the pages); it is sent
in a private chat only, since whoever opens it first is signed in.
"""

from __future__ import annotations

from handlers.context import Ctx
from handlers.format import back_button
from handlers.i18n import _
from handlers.types import Reply

# How long a sign-in link works (bot/db/console.py keeps the same figure).
LINK_MINUTES = 10


async def link(ctx: Ctx) -> list[Reply]:
    """Send an organizer a single-use sign-in link to the web console."""
    if not ctx.user.is_organizer:
        return [Reply(_("Xin lỗi, chỉ Ban tổ chức mới dùng được lệnh này."), (back_button(),))]
    if not ctx.is_private:
        return [Reply(_("Đường dẫn đăng nhập trang quản trị chỉ gửi trong tin nhắn riêng, vì ai "
                        "mở nó trước sẽ vào được trang. Kính mời quý vị nhắn tin riêng cho bot "
                        "rồi gõ lại /quantri."))]
    url = await ctx.store.console_link()
    return [Reply(_("Mở đường dẫn này trong trình duyệt để vào trang quản trị. Đường dẫn chỉ "
                    "dùng được một lần, trong {minutes} phút:\n{url}\n\nĐừng chuyển tiếp cho "
                    "ai: người mở nó sẽ vào trang với quyền của quý vị. Cần đường dẫn mới, gõ "
                    "lại /quantri.").format(minutes=LINK_MINUTES, url=url),
                  title=_("Trang quản trị"))]
