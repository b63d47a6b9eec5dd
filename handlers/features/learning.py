"""Online courses and open resources by category; reading and library programmes."""

from __future__ import annotations

from content import Resource
from handlers.context import Ctx
from handlers.format import back_button, label
from handlers.i18n import N_, _, current_locale
from handlers.paging import paged
from handlers.registry import FeatureSet
from handlers.types import Button, Reply

features = FeatureSet()


def _category_buttons(ctx: Ctx, skip: str = "") -> tuple[Button, ...]:
    loc = current_locale()
    return tuple(Button(c.title.get(loc), f"/khoahoc {c.id}") for c in ctx.edition.categories
                 if c.id != skip)


def _order(r: Resource) -> tuple[bool, int]:
    """Hải Phòng's first, then Vietnamese, then several languages, English-only last."""
    return (not r.local, ("vi", "multi", "en").index(r.language))


def _resource(r: Resource) -> str:
    loc = current_locale()
    title = r.title.get(loc)
    if r.provider and r.provider not in title:
        title += f" ({r.provider})"
    if r.language == "en":
        title += " " + _("(tiếng Anh)")
    return f"• {title}: {r.description.get(loc)}\n  {r.url}"


@features.feature("courses", label=N_("Khóa học trực tuyến"), commands=("khoahoc",),
                  help=N_("khóa học trực tuyến và tài nguyên mở"), payloads=("khoahoc",),
                  paged=True)
async def courses(ctx: Ctx) -> list[Reply]:
    """List the resource categories, or the resources of the chosen one (Vietnamese first)."""
    ed, loc = ctx.edition, current_locale()
    cat = next((c for c in ed.categories if c.id == ctx.route.arg), None)
    if cat is None:
        lines = [f"• {c.title.get(loc)}: {c.description.get(loc)}" for c in ed.categories]
        return [paged(lines, ctx.page, "khoahoc", sep="\n",
                      title=_("Khóa học trực tuyến và tài nguyên giáo dục mở"),
                      buttons=(*_category_buttons(ctx), back_button()))]
    # The disclaimer once, at the head of the list.
    blocks = [ed.resources_note.get(loc)]
    blocks += [_resource(r) for r in sorted(ed.resources_in(cat.id), key=_order)]
    return [paged(blocks, ctx.page, f"khoahoc {cat.id}", title=cat.title.get(loc),
                  buttons=(*_category_buttons(ctx, skip=cat.id), back_button()))]


@features.feature("library", label=N_("Thư viện, văn hóa đọc"), commands=("thuvien",),
                  help=N_("thư viện và văn hóa đọc"), payloads=("thuvien",), paged=True)
async def library(ctx: Ctx) -> list[Reply]:
    """List the reading and library programmes; one programme and how to join it."""
    ed, loc = ctx.edition, current_locale()
    chosen = next((p for p in ed.programmes if p.id == ctx.route.arg.strip()), None)
    if chosen is not None:
        blocks = [chosen.summary.get(loc),
                  _("Tham gia: {how}").format(how=chosen.how_to_join.get(loc))]
        if chosen.url:
            blocks.append(_("Trang web: {url}").format(url=chosen.url))
        return [paged(blocks, ctx.page, f"thuvien {chosen.id}", title=chosen.title.get(loc),
                      buttons=(Button(_("Các chương trình đọc sách"), "/thuvien"),
                               back_button()))]
    blocks = [f"• {p.title.get(loc)}: {(p.short or p.summary).get(loc)}" for p in ed.programmes]
    items: list[Button | None] = [Button(label(p.title.get(loc)), f"/thuvien {p.id}")
                                  for p in ed.programmes]
    buttons: list[Button] = []
    reading = next((c for c in ed.categories if c.id == ed.reading_category), None)
    if reading:
        buttons.append(Button(reading.title.get(loc), f"/khoahoc {reading.id}"))
    buttons.append(back_button())
    return [paged(blocks, ctx.page, "thuvien", title=_("Thư viện và văn hóa đọc"),
                  buttons=buttons, item_buttons=items)]
