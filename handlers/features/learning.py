"""Online courses and open resources by category; reading and library programmes."""

from __future__ import annotations

from handlers.context import Ctx
from handlers.format import back_button
from handlers.i18n import N_, _, current_locale
from handlers.registry import FeatureSet
from handlers.types import Button, Reply

features = FeatureSet()


def _category_buttons(ctx: Ctx, skip: str = "") -> tuple[Button, ...]:
    loc = current_locale()
    return tuple(Button(c.title.get(loc), f"/khoahoc {c.id}") for c in ctx.edition.categories
                 if c.id != skip)


@features.feature("courses", label=N_("Khóa học trực tuyến"), commands=("khoahoc",),
                  help=N_("khóa học trực tuyến và tài nguyên mở"), payloads=("khoahoc",))
async def courses(ctx: Ctx) -> list[Reply]:
    """List the resource categories, or the resources of the chosen one."""
    ed, loc = ctx.edition, current_locale()
    cat = next((c for c in ed.categories if c.id == ctx.route.arg), None)
    if cat is None:
        lines = [f"• {c.title.get(loc)}: {c.description.get(loc)}" for c in ed.categories]
        text = _("Chọn một nhóm tài nguyên:") + "\n\n" + "\n".join(lines)
        return [Reply(text, (*_category_buttons(ctx), back_button()),
                      title=_("Khóa học trực tuyến và tài nguyên giáo dục mở"))]
    items = []
    for r in ed.resources_in(cat.id):
        title = r.title.get(loc)
        if r.provider and r.provider not in title:
            title += f" ({r.provider})"
        items.append(f"• {title}\n  {r.description.get(loc)}\n  {r.url}")
    text = cat.description.get(loc) + "\n\n" + "\n\n".join(items)
    return [Reply(text, (*_category_buttons(ctx, skip=cat.id), back_button()),
                  title=cat.title.get(loc))]


@features.feature("library", label=N_("Thư viện, văn hóa đọc"), commands=("thuvien",),
                  help=N_("thư viện và văn hóa đọc"), payloads=("thuvien",))
async def library(ctx: Ctx) -> list[Reply]:
    """Show the reading and library programmes and how to join them."""
    loc = current_locale()
    parts = [
        f"• {p.title.get(loc)}\n{p.summary.get(loc)}\n"
        + _("Tham gia: {how}").format(how=p.how_to_join.get(loc))
        for p in ctx.edition.programmes
    ]
    buttons: list[Button] = []
    reading = next((c for c in ctx.edition.categories
                    if c.id == ctx.edition.reading_category), None)
    if reading:
        buttons.append(Button(reading.title.get(loc), f"/khoahoc {reading.id}"))
    buttons += [Button(_("Lịch sự kiện"), "/lich"), back_button()]
    return [Reply("\n\n".join(parts), tuple(buttons), title=_("Thư viện và văn hóa đọc"))]
