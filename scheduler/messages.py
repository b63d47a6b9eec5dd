"""The text of each broadcast, in the recipient's language, rendered when it is sent.

Reminders come from the schedule; while it is a sample (only sent with [bot]
demo_sample_schedule) every one of them says so first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from content import Edition
from handlers.format import district_label, event_time, sample_note
from handlers.i18n import _, current_locale, format_day, format_time, use_locale


@dataclass(frozen=True)
class ItemView:
    """What rendering needs of a scheduled item."""

    id: int
    kind: str
    text: str | None
    payload: dict[str, str]


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


def render(item: ItemView, edition: Edition, locale: str) -> tuple[str | None, str]:
    """(title, text) of `item` for a recipient who reads `locale`."""
    with use_locale(locale):
        if item.kind == "announcement":
            return _("Thông báo của Ban tổ chức"), item.text or ""
        if item.kind == "answer":
            # The organizers' answer to questions the Chatbot could not answer (the console's
            # inbox): the question as the citizen typed it (the group's latest wording).
            # No wording once the citizen who typed it erased their data.
            question = " ".join(item.payload.get("question", "").split())
            signature = _("Ban tổ chức")
            title = (_("Trả lời câu hỏi của Quý vị: “{question}”").format(question=question)
                     if question else _("Trả lời câu hỏi của Quý vị"))
            return title, f"{item.text or ''}\n— {signature}"
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
