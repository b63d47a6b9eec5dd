"""Shared wording: dates of the week, event lines, buttons to the main features."""

from __future__ import annotations

from datetime import date, datetime

from content import Edition, Event
from handlers.i18n import (
    _,
    current_locale,
    format_date_numeric,
    format_day,
    format_day_short,
    format_time,
)
from handlers.types import Button


def week_span(edition: Edition) -> str:
    return _("từ {start} đến {end}").format(
        start=format_date_numeric(edition.start), end=format_date_numeric(edition.end)
    )


def week_status(edition: Edition, now: datetime) -> str | None:
    """A line saying when the week is or was, or None while it is on."""
    today = now.date()
    if today < edition.start:
        days = (edition.start - today).days
        return _("{name} sẽ diễn ra {span} (còn {days} ngày nữa).").format(
            name=edition.name.get(current_locale()), span=week_span(edition), days=days
        )
    if today > edition.end:
        return _("{name} đã diễn ra {span}.").format(
            name=edition.name.get(current_locale()), span=week_span(edition)
        )
    return None


def event_time(event: Event, edition: Edition) -> str:
    return f"{format_time(event.start, edition.tz)}–{format_time(event.end, edition.tz)}"


def event_line(event: Event, edition: Edition, now: datetime) -> str:
    """One line: time, title and whether it is on now or over."""
    loc = current_locale()
    line = f"• {event_time(event, edition)}  {event.title.get(loc)}"
    if event.start <= now < event.end:
        line += "  " + _("(đang diễn ra)")
    elif event.end <= now:
        line += "  " + _("(đã kết thúc)")
    return line


def event_detail(event: Event, edition: Edition) -> str:
    """Everything a citizen needs to attend an event."""
    loc = current_locale()
    lines = [
        f"{event.title.get(loc)}",
        _("Thời gian: {time}, {day}").format(
            time=event_time(event, edition), day=format_day(event.start)
        ),
    ]
    if event.place:
        lines.append(_("Địa điểm: {place}").format(place=event.place.get(loc)))
    if event.online_url:
        lines.append(_("Trực tuyến: {url}").format(url=event.online_url))
    lines.append(_("Dành cho: {audience}").format(audience=event.audience.get(loc)))
    lines.append(event.description.get(loc))
    return "\n".join(lines)


def day_heading(day: date) -> str:
    return format_day(day)


def day_buttons(edition: Edition) -> tuple[Button, ...]:
    return tuple(
        Button(format_day_short(d), f"/lich {d.isoformat()}") for d in edition.days()
    )


def menu_buttons() -> tuple[Button, ...]:
    """The main menu, in the order citizens most often need it."""
    return (
        Button(_("Lịch sự kiện"), "/lich"),
        Button(_("Hôm nay"), "/homnay"),
        Button(_("Sắp diễn ra"), "/sapdienra"),
        Button(_("Chủ đề và mục đích"), "/chude"),
        Button(_("Hoạt động"), "/hoatdong"),
        Button(_("Khóa học trực tuyến"), "/khoahoc"),
        Button(_("Thư viện và đọc sách"), "/thuvien"),
        Button(_("Cuộc thi Công dân học tập"), "/cuocthi"),
        Button(_("Liên hệ"), "/lienhe"),
        Button(_("Hỏi đáp"), "/hoidap"),
    )


def back_button() -> Button:
    return Button(_("Menu chính"), "/menu")
