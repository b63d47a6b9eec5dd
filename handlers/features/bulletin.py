"""Broadcasts as citizens read them: announcements, the morning digest, event reminders.

The outbox sends the first screen (handlers/paging.py: at most SCREEN_CHARS characters and
SCREEN_LINES lines), with "Xem thêm (2/n)" when there is more. The button's command names the
item ("/xemthem tin 42 2"), and /tin renders the stored item again and cuts the page asked
for: the same pages on every channel, cut here and nowhere else, and nothing kept per reader.
"""

from __future__ import annotations

from datetime import date

from content import Edition
from handlers.broadcast_types import ItemView, stored_buttons
from handlers.context import Ctx
from handlers.format import (
    back_button,
    district_label,
    event_time,
    label,
    quoted,
    sample_note,
)
from handlers.i18n import N_, _, current_locale, format_date_numeric, format_day, format_time
from handlers.numbers import parse_int
from handlers.paging import paged
from handlers.registry import FeatureSet
from handlers.types import Button, Reply

features = FeatureSet()

# The statuses of an item that went out: only those can be read again.
SENT = ("sending", "done")


def _footer() -> str:
    return _("Quý vị nhận tin này vì đã đăng ký nhắc lịch; gõ /huydangky để thôi nhận.")


def _event_lines(edition: Edition, event_id: str) -> tuple[str, list[str]] | None:
    event = next((e for e in edition.events if e.id == event_id), None)
    if event is None:
        return None
    loc = current_locale()
    lines = [_("Thời gian: {time}, {day}").format(time=event_time(event, edition),
                                                   day=format_day(event.start))]
    if event.place:
        lines.append(_("Địa điểm: {place}").format(place=event.place.get(loc)))
    if event.online_url:
        lines.append(_("Trực tuyến: {url}").format(url=event.online_url))
    return event.title.get(loc), lines


def _with_note(edition: Edition, lines: list[str]) -> list[str]:
    note = sample_note(edition)
    return [note, *lines] if note else lines


def render(item: ItemView, edition: Edition) -> tuple[str | None, str]:
    """(title, whole text) of `item` in the current locale.

    Reminders come from the schedule; while it is a sample (only sent with [bot]
    demo_sample_schedule) every one of them says so first.
    """
    if item.kind == "announcement":
        return _("Thông báo của Ban tổ chức"), item.text or ""
    if item.kind == "answer":
        # The organizers' answer to questions the Chatbot could not answer (the console's
        # inbox): the question as the citizen typed it (the group's latest wording); no
        # wording once the citizen who typed it erased their data. Cut: a question of 1,000
        # characters in the title filled every page of the answer, past a screen.
        question = quoted(item.payload.get("question", ""))
        title = (_("Trả lời câu hỏi của Quý vị: “{question}”").format(question=question)
                 if question else _("Trả lời câu hỏi của Quý vị"))
        return title, f"{item.text or ''}\n— {_('Ban tổ chức')}"
    if item.kind == "digest":
        day = date.fromisoformat(item.payload["day"])
        district = item.payload.get("district")
        loc = current_locale()
        lines = []
        for e in edition.events_on(day, district):
            line = f"• {event_time(e, edition)}  {e.title.get(loc)}"
            if e.district:
                line += f" ({district_label(edition, e.district)})"
            lines.append(line)
        lines += ["", _("Gõ /homnay để xem chi tiết."), _footer()]
        return (_("Lịch hôm nay, {day}").format(day=format_day(day)),
                "\n".join(_with_note(edition, lines)))
    found = _event_lines(edition, item.payload.get("event", ""))
    if found is None:
        # The event left the content after the item fired: say nothing wrong.
        return None, _("Sự kiện này đã thay đổi; gõ /lich để xem lịch mới nhất.")
    title, lines = found
    event = next(e for e in edition.events if e.id == item.payload["event"])
    if item.kind == "eve":
        head = _("Ngày mai khai mạc: {title}").format(title=title)
    else:
        head = _("Sắp diễn ra lúc {time}: {title}").format(
            time=format_time(event.start, edition.tz), title=title)
    return head, "\n".join(_with_note(edition, [*lines, "", _footer()]))


async def _received(ctx: Ctx) -> list[Reply]:
    received = await ctx.store.broadcast.received(RECEIVED)
    if not received:
        return [Reply(_("Quý vị chưa nhận tin nhắc hay thông báo nào. Gõ /dangky để nhận lịch "
                        "mỗi sáng và tin nhắc trước các sự kiện chính."),
                      (Button(_("Nhận tin nhắc lịch"), "/dangky"), back_button()))]
    buttons = []
    for item, sent_at in received:
        title, text = render(item, ctx.edition)
        name = title if item.kind != "announcement" else " ".join((text or "").split())
        when = format_date_numeric(sent_at.astimezone(ctx.edition.tz))
        buttons.append(Button(label(f"{when} · {name or _('Tin')}"), f"/tin {item.id}"))
    return [Reply(_("Các tin Quý vị đã nhận gần đây, mới nhất trước. Xin chọn một tin để đọc "
                    "lại."), (*buttons, back_button()), title=_("Tin đã nhận"))]


def more_of(item_id: int) -> str:
    """What shows the pages of item `item_id` ("/xemthem tin 42 2")."""
    return f"tin {item_id}"


def bulletin(item: ItemView, edition: Edition, page: int = 1) -> Reply:
    """Page `page` of `item` as a recipient reads it, in the current locale: its screen, then
    "Xem thêm" while there is more, then the buttons the organizer attached."""
    title, text = render(item, edition)
    blocks = [b for b in text.split("\n\n") if b.strip()] or [""]
    buttons = tuple(b.button() for b in stored_buttons(item.payload))
    return paged(blocks, page, more_of(item.id), title=title, buttons=buttons)


def pages(item: ItemView, edition: Edition) -> list[Reply]:
    """Every page of `item` (the console's preview, the tests)."""
    first = bulletin(item, edition)
    out = [first]
    while len(out) < 1000 and _has_more(out[-1]):
        out.append(bulletin(item, edition, len(out) + 1))
    return out


def _has_more(reply: Reply) -> bool:
    return bool(reply.buttons) and reply.buttons[0].command.startswith("/xemthem ")


RECEIVED = 8  # the latest messages /tin lists


@features.feature("bulletin", label=N_("Xem lại tin đã nhận"), commands=("tin",), paged=True,
                  private_only=True,
                  help=N_("xem lại các tin nhắc và thông báo đã nhận"))
async def show(ctx: Ctx) -> list[Reply]:
    """/tin: the latest announcements, answers and reminders this citizen received, a button
    each; /tin ID: a page of one that went out (its "Xem thêm")."""
    arg = ctx.route.arg.strip()
    if not arg:
        return await _received(ctx)
    item_id = parse_int(arg.lstrip("#"), low=1)
    item = await ctx.store.broadcast.item(item_id) if item_id is not None else None
    if item is None:
        return [Reply(_("Không tìm thấy tin này. Có thể tin đã bị hủy hoặc chưa được gửi."),
                      (back_button(),))]
    return [bulletin(item, ctx.edition, ctx.page)]
