"""The event schedule: the whole week by day, one day, today, the next event, one event."""

from __future__ import annotations

from datetime import date

from handlers.context import Ctx
from handlers.format import (
    back_button,
    day_buttons,
    day_heading,
    event_detail,
    event_line,
    week_span,
    week_status,
)
from handlers.i18n import N_, _, current_locale, format_date_numeric
from handlers.registry import FeatureSet
from handlers.router import parse_day_arg
from handlers.types import Button, Reply

features = FeatureSet()


def _sample_note(ctx: Ctx) -> str:
    if ctx.edition.schedule_is_sample:
        return "\n\n" + _("Lưu ý: đây là lịch mẫu; giờ và địa điểm chính thức do Ban tổ chức "
                          "thông báo.")
    return ""


@features.feature("schedule", label=N_("Lịch cả tuần"), commands=("lich",),
                  help=N_("lịch sự kiện cả tuần; /lich 03/10: một ngày"), payloads=("lich",))
async def week(ctx: Ctx) -> list[Reply]:
    """Show the whole week, one short line per event, with a button per day for details."""
    ed = ctx.edition
    parts = []
    for day in ed.days():
        events = ed.events_on(day)
        lines = [day_heading(day)]
        lines += [event_line(e, ed, ctx.now) for e in events] or ["• " + _("Chưa có sự kiện.")]
        parts.append("\n".join(lines))
    text = "\n\n".join(parts) + "\n\n" + _("Chọn một ngày để xem chi tiết.") + _sample_note(ctx)
    return [Reply(text, (*day_buttons(ed), back_button()),
                  title=_("Lịch sự kiện {span}").format(span=week_span(ed)))]


@features.feature("day", label=N_("Lịch một ngày"))
async def day(ctx: Ctx) -> list[Reply]:
    """Show every event of one day in detail."""
    ed = ctx.edition
    wanted = parse_day_arg(ctx.route.arg, ed, ctx.today)
    if wanted is None:
        text = _("Mình chưa hiểu ngày “{arg}”. Bạn gõ theo dạng ngày/tháng, ví dụ /lich 03/10, "
                 "hoặc chọn một ngày bên dưới.").format(arg=ctx.route.arg[:40])
        return [Reply(text, (*day_buttons(ed), back_button()))]
    return [_day_reply(ctx, wanted)]


def _day_reply(ctx: Ctx, wanted: date) -> Reply:
    ed = ctx.edition
    if not ed.start <= wanted <= ed.end:
        text = _("Ngày {day} không thuộc Tuần lễ. Tuần lễ diễn ra {span}.").format(
            day=format_date_numeric(wanted), span=week_span(ed)
        )
        return Reply(text, (*day_buttons(ed), back_button()))
    events = ed.events_on(wanted)
    if not events:
        text = _("Chưa có sự kiện nào trong ngày này.")
    else:
        text = "\n\n".join(event_detail(e, ed) for e in events)
    others = tuple(b for b in day_buttons(ed) if b.command != f"/lich {wanted.isoformat()}")
    return Reply(text + _sample_note(ctx), (*others, back_button()), title=day_heading(wanted))


@features.feature("today", label=N_("Lịch hôm nay"), commands=("homnay",),
                  help=N_("sự kiện hôm nay"), payloads=("homnay",))
async def today(ctx: Ctx) -> list[Reply]:
    """Show today's events, or say when the week is if today is outside it."""
    ed = ctx.edition
    if not ed.start <= ctx.today <= ed.end:
        status = week_status(ed, ctx.now) or ""
        text = _("Hôm nay ({day}) không có sự kiện của Tuần lễ.").format(
            day=format_date_numeric(ctx.today)) + "\n" + status
        return [Reply(text, (Button(_("Lịch sự kiện"), "/lich"), back_button()))]
    events = ed.events_on(ctx.today)
    lines = [event_line(e, ed, ctx.now) for e in events] or [_("Hôm nay chưa có sự kiện.")]
    buttons = tuple(Button(e.title.get(current_locale()), f"/sukien {e.id}") for e in events
                    if e.end > ctx.now)
    return [Reply("\n".join(lines) + _sample_note(ctx),
                  (*buttons, Button(_("Sắp diễn ra"), "/sapdienra"), back_button()),
                  title=_("Hôm nay, {day}").format(day=day_heading(ctx.today)))]


@features.feature("next", label=N_("Sắp diễn ra"), commands=("sapdienra",),
                  help=N_("sự kiện sắp diễn ra"))
async def upcoming(ctx: Ctx) -> list[Reply]:
    """Show what is on now and the next event to start."""
    ed = ctx.edition
    if ctx.today > ed.end:
        return [Reply(week_status(ed, ctx.now) or "", (Button(_("Lịch sự kiện"), "/lich"),
                                                        back_button()))]
    ongoing = [e for e in ed.events if e.start <= ctx.now < e.end]
    later = [e for e in ed.events if e.start > ctx.now]
    parts = []
    if ongoing:
        details = "\n\n".join(event_detail(e, ed) for e in ongoing)
        parts.append(_("Đang diễn ra:") + "\n" + details)
    if later:
        first = later[0]
        parts.append(_("Sự kiện tiếp theo, {day}:").format(day=day_heading(first.start)) + "\n"
                     + event_detail(first, ed))
    else:
        parts.append(_("Không còn sự kiện nào sắp diễn ra trong Tuần lễ."))
    status = week_status(ed, ctx.now)
    if status:
        parts.insert(0, status)
    buttons = [Button(_("Hôm nay"), "/homnay"), Button(_("Lịch sự kiện"), "/lich"), back_button()]
    return [Reply("\n\n".join(parts) + _sample_note(ctx), tuple(buttons))]


@features.feature("event", label=N_("Chi tiết sự kiện"), commands=("sukien",))
async def event(ctx: Ctx) -> list[Reply]:
    """Show one event in detail."""
    ed = ctx.edition
    found = next((e for e in ed.events if e.id == ctx.route.arg), None)
    if found is None:
        return await week(ctx)
    return [Reply(event_detail(found, ed) + _sample_note(ctx),
                  (Button(_("Cả ngày hôm đó"), f"/lich {found.start.date().isoformat()}"),
                   back_button()))]
