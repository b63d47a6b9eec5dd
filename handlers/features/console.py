"""/quantri: an organizer asks for a one-time link to the organizers' web console.

The link is made behind the Store port (bot/ keeps the tokens and serves the pages); it is sent
in a private chat only, since whoever opens it first is signed in. The core checks both rules
(organizer_only, private_only) before this handler runs.
"""

from __future__ import annotations

from handlers.context import Ctx
from handlers.i18n import N_, _
from handlers.registry import FeatureSet
from handlers.types import Reply

# How long a sign-in link works (bot/db/console.py keeps the same figure).
LINK_MINUTES = 10

features = FeatureSet(organizer_only=True)


@features.feature("console", label=N_("Trang quản trị (ban tổ chức)"), commands=("quantri",),
                  private_only=True)
async def link(ctx: Ctx) -> list[Reply]:
    """Send an organizer a single-use sign-in link to the web console."""
    url = await ctx.store.console_link()
    return [Reply(_("Xin mở đường dẫn này trong trình duyệt để vào trang quản trị. Đường dẫn "
                    "chỉ dùng được một lần, trong {minutes} phút:\n{url}\n\nXin đừng chuyển "
                    "tiếp cho ai: người mở nó sẽ vào trang với quyền của Quý vị. Cần đường dẫn "
                    "mới, xin gõ lại /quantri.").format(minutes=LINK_MINUTES, url=url),
                  title=_("Trang quản trị"))]
