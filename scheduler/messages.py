"""The text of each broadcast, in the recipient's language, rendered when it is sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from content import Edition
from handlers.format import event_time
from handlers.i18n import _, current_locale, format_day, format_time, use_locale


@dataclass(frozen=True)
class ItemView:
    """What rendering needs of a scheduled item."""

    id: int
    kind: str
    text: str | None
    payload: dict[str, str]


def _footer() -> str:
    return _("Bạn nhận tin này vì đã đăng ký nhắc lịch; gõ /huydangky để thôi nhận.")


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


def render(item: ItemView, edition: Edition, locale: str) -> tuple[str | None, str]:
    """(title, text) of `item` for a recipient who reads `locale`."""
    with use_locale(locale):
        if item.kind == "announcement":
            return _("Thông báo của Ban tổ chức"), item.text or ""
        if item.kind == "digest":
            day = date.fromisoformat(item.payload["day"])
            loc = current_locale()
            lines = [f"• {event_time(e, edition)}  {e.title.get(loc)}"
                     for e in edition.events_on(day)]
            lines += ["", _("Gõ /homnay để xem chi tiết."), _footer()]
            return _("Lịch hôm nay, {day}").format(day=format_day(day)), "\n".join(lines)
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
        return head, "\n".join([*lines, "", _footer()])
