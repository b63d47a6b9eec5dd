"""Where the citizen lives: /quan shows and sets their quận/huyện, so that the schedule shows
the city's events and that district's (section 4 of the letter: each quận/huyện holds its own).

The contest registration sets it too when the citizen has not chosen one (contest.register).
"""

from __future__ import annotations

from enum import StrEnum

from content import Edition
from handlers.context import Ctx
from handlers.format import back_button, district_label
from handlers.i18n import N_, _
from handlers.places import match_district, said_district
from handlers.registry import FeatureSet, Flow
from handlers.text import fold
from handlers.types import Button, Reply


class Step(StrEnum):
    CHOOSE = "choose"


# After /quan shows the list, the name typed instead of pressed ("kien an") chooses it too.
FLOW = Flow("district", Step, passing=True)
features = FeatureSet()

_NONE = ("bo chon", "bo", "khong", "none", "xoa")


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
        await FLOW.enter(ctx.store, Step.CHOOSE)
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
    return await _choose(ctx, name)


async def _choose(ctx: Ctx, name: str) -> list[Reply]:
    await ctx.store.set_district(name)
    text = _("Đã chọn {district}. Lịch hôm nay, ngày mai và cả tuần sẽ hiện các sự kiện của "
             "thành phố và của {district}.").format(district=district_label(ctx.edition, name))
    return [Reply(text, (Button(_("Hôm nay"), "/homnay"), Button(_("Lịch sự kiện"), "/lich"),
                         back_button()))]


@features.flow(FLOW)
async def typed(ctx: Ctx) -> list[Reply] | None:
    """The message after /quan: a quận/huyện typed ("Kiến An", "tôi ở q. Lê Chân") is chosen;
    what the bot would not understand otherwise ("quận 1", "An", "99") was meant for the list,
    and is told it is not in it; anything else leaves the list and is answered as it would have
    been (None)."""
    said = said_district(ctx.edition, ctx.route.arg)
    if said is not None:
        await ctx.store.clear_state()
        return await _choose(ctx, said.district)
    understood, typed = ctx.route.understood, ctx.route.arg.split()
    # A place's name is short ("quận 1", "huyện An Hải cũ"); a long message is a question.
    if understood is not None and understood.feature == "unknown" and 0 < len(typed) <= 4:
        return [Reply(_("Không có quận, huyện “{text}” trong danh sách. Xin chọn một mục bên "
                        "dưới.").format(text=ctx.route.arg.strip()[:40]),
                      _buttons(ctx.edition, ctx.user.district),
                      title=_("Quận, huyện của Quý vị"))]
    await ctx.store.clear_state()
    return None


@features.feature("district_offer", label=N_("Hỏi về một quận, huyện"))
async def offer(ctx: Ctx) -> list[Reply]:
    """A message that only names a quận/huyện ("Kiến An", "quận Lê Chân"): offer to choose it,
    so that the schedule shows its events; the citizen decides (they may live elsewhere)."""
    unit = ctx.edition.unit(ctx.route.arg)
    if unit is None or not unit.is_district:
        return [Reply(_("Xin chọn quận, huyện của Quý vị."), _buttons(ctx.edition,
                                                                      ctx.user.district))]
    label = district_label(ctx.edition, unit.name.vi)
    if ctx.user.district == unit.name.vi:
        text = _("Quý vị đã chọn {district}: lịch sự kiện hiện các sự kiện của thành phố và của "
                 "{district}.").format(district=label)
        return [Reply(text, (Button(_("Hôm nay"), "/homnay"), Button(_("Lịch sự kiện"), "/lich"),
                             back_button()))]
    text = _("Quý vị ở {district}? Xin bấm “Chọn {name}”: lịch sự kiện sẽ hiện thêm các sự "
             "kiện của {district}.").format(district=label, name=unit.name.vi)
    return [Reply(text, (Button(_("Chọn {name}").format(name=unit.name.vi), f"/quan {unit.id}"),
                         Button(_("Lịch sự kiện"), "/lich"), back_button()))]
