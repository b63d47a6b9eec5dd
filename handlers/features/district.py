"""Where the citizen lives: /quan shows and sets their quận/huyện, so that the schedule shows
the city's events and that district's (section 4 of the letter: each quận/huyện holds its own).

The contest registration sets it too when the citizen has not chosen one (contest.register).
"""

from __future__ import annotations

from content import Edition
from handlers.context import Ctx
from handlers.format import back_button, district_label
from handlers.i18n import N_, _
from handlers.registry import FeatureSet
from handlers.text import fold
from handlers.types import Button, Reply

features = FeatureSet()

_NONE = ("bo chon", "bo", "khong", "none", "xoa")
_PREFIXES = ("quan ", "huyen ", "q. ", "h. ", "q.", "h.")


def match_district(edition: Edition, text: str) -> str | None:
    """The quận/huyện `text` names (its id, or its name with or without diacritics and the
    word "quận"/"huyện"), as content spells it; None when it names none."""
    wanted = " ".join(fold(text).split())
    for unit in edition.units:
        if not unit.is_district:
            continue
        name = fold(unit.name.vi)
        if wanted in (unit.id, name) or any(wanted == p + name for p in _PREFIXES):
            return unit.name.vi
    return None


def _buttons(edition: Edition, chosen: str | None) -> tuple[Button, ...]:
    buttons = [Button(u.name.vi, f"/quan {u.id}") for u in edition.units
               if u.is_district and u.name.vi != chosen]
    if chosen is not None:
        buttons.append(Button(_("Bỏ chọn"), "/quan bo-chon"))
    return (*buttons, back_button())


@features.feature("district", label=N_("Chọn quận, huyện"), commands=("quan",),
                  help=N_("chọn quận, huyện để xem thêm sự kiện ở đó"), payloads=("quan",))
async def choose(ctx: Ctx) -> list[Reply]:
    """Show the citizen's quận/huyện and offer the others; with an argument, set it."""
    ed, arg = ctx.edition, ctx.route.arg.strip()
    title = _("Quận, huyện của Quý vị")
    if not arg:
        if ctx.user.district is None:
            text = _("Quý vị chưa chọn quận, huyện. Xin chọn nơi Quý vị sinh sống: lịch sự kiện "
                     "sẽ hiện thêm các sự kiện của quận, huyện đó.")
        else:
            text = _("Quận, huyện Quý vị đã chọn: {district}. Lịch sự kiện hiện các sự kiện của "
                     "thành phố và của {district}. Muốn đổi, xin chọn bên dưới.").format(
                district=district_label(ed, ctx.user.district))
        return [Reply(text, _buttons(ed, ctx.user.district), title=title)]
    if fold(arg).replace("-", " ") in _NONE:
        await ctx.store.set_district(None)
        return [Reply(_("Đã bỏ chọn quận, huyện. Lịch sự kiện chỉ hiện các sự kiện của thành "
                        "phố."), (Button(_("Lịch sự kiện"), "/lich"), back_button()))]
    name = match_district(ed, arg)
    if name is None:
        return [Reply(_("Không có quận, huyện “{text}” trong danh sách. Xin chọn một mục bên "
                        "dưới.").format(text=arg[:40]), _buttons(ed, ctx.user.district),
                      title=title)]
    await ctx.store.set_district(name)
    text = _("Đã chọn {district}. Lịch hôm nay, ngày mai và cả tuần sẽ hiện các sự kiện của "
             "thành phố và của {district}.").format(district=district_label(ed, name))
    return [Reply(text, (Button(_("Hôm nay"), "/homnay"), Button(_("Lịch sự kiện"), "/lich"),
                         back_button()))]
