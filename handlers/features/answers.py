"""Short answers: a question about one thing gets that thing in one or two sentences, with a
button to the whole section ("thư viện 50k là gì", "hạn nộp báo cáo").

Every answerable unit of the content (an FAQ entry, a reading programme, an activity, an
event) has a reference "kind:id" and a short text (its `short` field, or a fallback). Whatever
understands free text routes to Route("unit", "faq:han-bao-cao"); `units` lists them all, with
words to match, for that understanding layer.
"""

from __future__ import annotations

from dataclasses import dataclass

from content import Edition, Text
from handlers.context import Ctx
from handlers.format import back_button, event_time, sample_note
from handlers.i18n import N_, _, current_locale, format_day
from handlers.registry import FeatureSet
from handlers.types import Button, Reply

features = FeatureSet()

KINDS = ("faq", "programme", "activity", "event")


@dataclass(frozen=True)
class ShortAnswer:
    """One thing a citizen may ask about, answered in a sentence or two."""

    ref: str  # "kind:id"
    title: Text
    short: Text
    more: str  # the command that shows all of it
    section: str  # the command of the section it belongs to
    section_label: str  # msgid of that section's button
    keywords: tuple[str, ...] = ()  # what citizens type for it (FAQ keywords)


def units(edition: Edition) -> list[ShortAnswer]:
    """Every short answer of the edition, FAQ entries first."""
    out = [ShortAnswer(f"faq:{f.id}", f.question, f.short or f.answer, f"/hoidap {f.id}",
                       "/hoidap", N_("Câu hỏi khác"), f.keywords) for f in edition.faq]
    out += [ShortAnswer(f"programme:{p.id}", p.title, p.short or p.summary, f"/thuvien {p.id}",
                        "/thuvien", N_("Thư viện và đọc sách")) for p in edition.programmes]
    out += [ShortAnswer(f"activity:{a.id}", a.title, a.short or a.summary, f"/hoatdong {a.id}",
                        "/hoatdong", N_("Các hoạt động")) for a in edition.activities]
    # An event's short answer is when and where (short_reply words it); `short` holds its
    # description for the understanding layer to match.
    out += [ShortAnswer(f"event:{e.id}", e.title, e.description, f"/sukien {e.id}",
                        f"/lich {e.start.date().isoformat()}", N_("Cả ngày hôm đó"))
            for e in edition.events]
    return out


def find(edition: Edition, ref: str) -> ShortAnswer | None:
    return next((u for u in units(edition) if u.ref == ref), None)


def short_reply(edition: Edition, ref: str) -> Reply | None:
    """The short answer `ref` names: its sentence or two, a button to all of it and one to
    its section; None when there is no such unit."""
    found = find(edition, ref)
    if found is None:
        return None
    loc = current_locale()
    text = found.short.get(loc)
    event = next((e for e in edition.events if f"event:{e.id}" == found.ref), None)
    if event is not None:
        where = event.place.get(loc) if event.place else _("trực tuyến")
        text = _("{time}, {day}. Địa điểm: {place}.").format(
            time=event_time(event, edition), day=format_day(event.start), place=where)
        note = sample_note(edition)
        text = f"{note}\n{text}" if note else text
    buttons = (Button(_("Xem đầy đủ"), found.more), Button(_(found.section_label),
                                                           found.section), back_button())
    return Reply(text, buttons, title=found.title.get(loc))


@features.feature("unit", label=N_("Trả lời ngắn"), paged=True)
async def unit(ctx: Ctx) -> list[Reply]:
    """Answer one thing in a sentence or two (Route("unit", "kind:id"))."""
    reply = short_reply(ctx.edition, ctx.route.arg.strip())
    if reply is None:
        from handlers.features.dialogue import unknown

        return await unknown(ctx)
    return [reply]
