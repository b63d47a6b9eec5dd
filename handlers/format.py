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
from handlers.types import Button, Reply

LABEL_MAX = 40  # a button label longer than this is cut (Telegram and Zalo cut it worse)


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


def district_label(edition: Edition, name: str) -> str:
    """'quận Lê Chân' or 'huyện An Dương' (the unit's kind says which)."""
    unit = next((u for u in edition.units if u.is_district and u.name.vi == name), None)
    if unit is None:
        return name
    text = _("quận {name}") if unit.kind == "quan" else _("huyện {name}")
    return text.format(name=unit.name.get(current_locale()))


def sample_note(edition: Edition) -> str:
    """The warning every schedule answer carries while schedule.toml is a sample."""
    if edition.schedule_is_sample:
        return _("Lưu ý: đây là lịch mẫu, giờ và địa điểm chưa phải chính thức.")
    return ""


def event_time(event: Event, edition: Edition) -> str:
    return f"{format_time(event.start, edition.tz)}–{format_time(event.end, edition.tz)}"


def event_line(event: Event, edition: Edition, now: datetime, place: bool = False) -> str:
    """One line: time, title, whose district, whether it is on now or over; then the place."""
    loc = current_locale()
    line = f"• {event_time(event, edition)}  {event.title.get(loc)}"
    if event.district:
        line += f" ({district_label(edition, event.district)})"
    if event.start <= now < event.end:
        line += "  " + _("(đang diễn ra)")
    elif event.end <= now:
        line += "  " + _("(đã kết thúc)")
    if place:
        where = event.place.get(loc) if event.place else _("trực tuyến")
        line += "\n  " + _("Địa điểm: {place}").format(place=where)
    return line


def event_detail(event: Event, edition: Edition, title: bool = True) -> str:
    """Everything a citizen needs to attend an event (its title first, unless `title` is
    False because the reply's title is the event's)."""
    loc = current_locale()
    lines = [event.title.get(loc)] if title else []
    lines.append(_("Thời gian: {time}, {day}").format(
        time=event_time(event, edition), day=format_day(event.start)))
    if event.place:
        lines.append(_("Địa điểm: {place}").format(place=event.place.get(loc)))
    if event.online_url:
        lines.append(_("Trực tuyến: {url}").format(url=event.online_url))
    unit = edition.unit(event.unit)
    if unit is not None:
        lines.append(_("Đơn vị tổ chức: {unit}").format(
            unit=district_label(edition, unit.name.vi) if unit.is_district
            else unit.name.get(loc)))
    if event.district and (unit is None or not unit.is_district):
        lines.append(_("Dành cho người dân {district}").format(
            district=district_label(edition, event.district)))
    lines.append(_("Dành cho: {audience}").format(audience=event.audience.get(loc)))
    lines.append(event.description.get(loc))
    return "\n".join(lines)


MAX_QUOTED = 80  # characters of a citizen's words repeated in an answer


def quoted(text: str) -> str:
    """A citizen's words as an answer repeats them: on one line, at most MAX_QUOTED
    characters (a question may be 1,000 long; the answer's screen is too)."""
    text = " ".join(text.split())
    return text if len(text) <= MAX_QUOTED else text[:MAX_QUOTED - 1].rstrip() + "…"


def label(text: str) -> str:
    """A button label short enough to read whole on a phone."""
    return text if len(text) <= LABEL_MAX else text[:LABEL_MAX - 1].rstrip() + "…"


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


def private_only_reply(command: str) -> Reply:
    """What is said in a group (where every member reads the answer) to a command whose answer
    is for the sender only: an organizer's file, a citizen's contest registration."""
    return Reply(_("Lệnh {command} có thông tin chỉ dành cho Quý vị nên Chatbot chỉ gửi trong "
                   "tin nhắn riêng, không gửi vào nhóm. Kính mời Quý vị nhắn tin riêng cho "
                   "Chatbot rồi gõ lại lệnh {command}.").format(command=command))
