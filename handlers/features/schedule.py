"""The event schedule: the whole week by day, one day, today, the next event, one event.

A citizen sees the city's events and those of their quận/huyện (/quan); while schedule.toml is
a sample, every screen says so first.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from content import Event
from handlers.context import Ctx
from handlers.format import (
    back_button,
    day_buttons,
    day_heading,
    district_label,
    event_detail,
    event_line,
    label,
    sample_note,
    week_span,
    week_status,
)
from handlers.i18n import N_, _, current_locale, format_date_numeric, format_day_short
from handlers.paging import paged
from handlers.registry import FeatureSet
from handlers.types import Button, Reply
from handlers.understanding import read_days
from handlers.understanding.dates import HOURS

features = FeatureSet()

PART_NAMES = {"sang": N_("Buổi sáng"), "trua": N_("Buổi trưa"), "chieu": N_("Buổi chiều"),
              "toi": N_("Buổi tối")}


def _district(ctx: Ctx) -> str | None:
    """The quận/huyện whose events are shown: the one the question names ("lịch quận Lê
    Chân"), else the citizen's own (/quan)."""
    return ctx.route.place or ctx.user.district


def _district_hint(ctx: Ctx, shown: list[Event], every: list[Event]) -> list[str]:
    """A line about the quận/huyện events left out, for a citizen who chose no district; for
    a question about one district, whether it has events of its own here."""
    place = ctx.route.place
    if place is not None:
        name = district_label(ctx.edition, place)
        if any(e.district == place for e in shown):
            return [_("Gồm các sự kiện của thành phố và của {district}.").format(district=name)]
        return [_("{district} chưa có sự kiện riêng vào những ngày này; lịch chỉ có các sự kiện "
                  "của thành phố.").format(district=name[:1].upper() + name[1:])]
    hidden = len(every) - len(shown)
    if _district(ctx) is not None or not hidden:
        return []
    return [_("Còn {n} sự kiện của các quận, huyện: gõ /quan để chọn quận, huyện của Quý vị.")
            .format(n=hidden)]


def _event_button(event: Event) -> Button:
    return Button(label(event.title.get(current_locale())), f"/sukien {event.id}")


@features.feature("schedule", label=N_("Lịch cả tuần"), commands=("lich",),
                  help=N_("lịch sự kiện cả tuần; /lich 03/10: một ngày"), payloads=("lich",),
                  paged=True)
async def week(ctx: Ctx) -> list[Reply]:
    """Show the whole week by day, one line per event, with a button per day for details."""
    ed, district = ctx.edition, _district(ctx)
    blocks = []
    shown: list[Event] = []
    for day in ed.days():
        events = ed.events_on(day, district)
        shown += events
        lines = [day_heading(day)]
        lines += [event_line(e, ed, ctx.now) for e in events] or ["• " + _("Chưa có sự kiện.")]
        blocks.append("\n".join(lines))
    every = [e for d in ed.days() for e in ed.events_on(d, every_district=True)]
    hint = _district_hint(ctx, shown, every)
    # About one district ("lịch quận Lê Chân"): said on the first screen, not after a week.
    blocks = [*hint, *blocks] if ctx.route.place else [*blocks, *hint]
    return [paged(blocks, ctx.page, "lich", title=_("Lịch sự kiện {span}").format(
        span=week_span(ed)), buttons=(*day_buttons(ed), back_button()),
        note=sample_note(ed))]


@features.feature("day", label=N_("Lịch một ngày"), paged=True)
async def day(ctx: Ctx) -> list[Reply]:
    """Show the events of the day(s) asked for ("cuối tuần": both days; "tối nay": the
    evening's): time, title and place, a button for each one's details."""
    ed = ctx.edition
    query = read_days(ctx.route.arg, ed, ctx.today)
    if query.invalid:
        text = _("Không có ngày “{arg}”. Xin Quý vị gõ ngày theo dạng ngày/tháng, ví dụ 03/10, "
                 "hoặc chọn một ngày bên dưới. Tuần lễ diễn ra {span}.").format(
            arg=query.invalid[:40], span=week_span(ed))
        return [Reply(text, (*day_buttons(ed), back_button()))]
    if not query.days:
        text = _("Chatbot chưa hiểu ngày “{arg}”. Quý vị gõ theo dạng ngày/tháng, ví dụ "
                 "/lich 03/10, hoặc chọn một ngày bên dưới.").format(arg=ctx.route.arg[:40])
        return [Reply(text, (*day_buttons(ed), back_button()))]
    command = " ".join(["lich", *(d.isoformat() for d in query.days),
                        *([query.part] if query.part else [])])
    inside = [d for d in query.days if ed.start <= d <= ed.end]
    if len(query.days) > 1 and inside:
        return [_days_reply(ctx, inside, query.part, command)]
    wanted = query.days[0]
    return [_day_reply(ctx, wanted, _heading(wanted, query.part), command, query.part)]


def _heading(day: date, part: str) -> str:
    heading = day_heading(day)
    return f"{_(PART_NAMES[part])}, {heading}" if part else heading


def _in_part(ctx: Ctx, events: list[Event], part: str) -> tuple[list[Event], str]:
    """The events of `part` of the day; all of them, with a line saying so, when that part
    has none."""
    if not part:
        return events, ""
    first, last = HOURS[part]
    tz = ctx.edition.tz
    chosen = [e for e in events if first <= e.start.astimezone(tz).hour < last]
    if events and not chosen:
        return events, _("Buổi này chưa có sự kiện. Cả ngày có:")
    return chosen, ""


def _days_reply(ctx: Ctx, days: list[date], part: str, command: str) -> Reply:
    """Several days in one answer ("cuối tuần", "thứ 7 và chủ nhật"), a block per day."""
    ed = ctx.edition
    blocks: list[str] = []
    buttons: list[Button | None] = []
    for d in days:
        events, lead = _in_part(ctx, ed.events_on(d, _district(ctx)), part)
        lines = [_heading(d, part), *([lead] if lead else [])]
        lines += [event_line(e, ed, ctx.now, place=True) for e in events] or [
            "• " + _("Chưa có sự kiện.")]
        blocks.append("\n".join(lines))
        buttons.append(Button(day_heading(d), f"/lich {d.isoformat()}"))
    return paged(blocks, ctx.page, command, title=_days_title(days),
                 buttons=(Button(_("Các ngày khác"), "/lich"), back_button()),
                 note=sample_note(ed), item_buttons=buttons)


def _days_title(days: list[date]) -> str:
    """"Lịch Thứ Bảy, 03/10 và Chủ Nhật, 04/10"; a run of days by its ends, so that the title
    stays one line."""
    names = [format_day_short(d) for d in days]
    run = len(days) > 2 and all((b - a).days == 1 for a, b in pairwise(days))
    if run:
        shown = f"{names[0]} – {names[-1]}"
    elif len(names) == 2:
        shown = _("{first} và {second}").format(first=names[0], second=names[1])
    else:
        shown = "; ".join(names)
    return _("Lịch {day}").format(day=shown)


def _day_reply(ctx: Ctx, wanted: date, title: str, command: str, part: str = "") -> Reply:
    ed = ctx.edition
    if not ed.start <= wanted <= ed.end:
        text = _("Ngày {day} không thuộc Tuần lễ. Tuần lễ diễn ra {span}.").format(
            day=format_date_numeric(wanted), span=week_span(ed)
        )
        return Reply(text, (*day_buttons(ed), back_button()))
    every = ed.events_on(wanted, _district(ctx))
    events, lead = _in_part(ctx, every, part)
    blocks = [*([lead] if lead else []),
              *(event_line(e, ed, ctx.now, place=True) for e in events)]
    if not events:
        blocks = [_("Chưa có sự kiện nào trong ngày này.")]
    blocks += _district_hint(ctx, every, ed.events_on(wanted, every_district=True))
    buttons: list[Button | None] = [None] if lead else []
    buttons += [_event_button(e) for e in events]
    return paged(blocks, ctx.page, command, title=title, sep="\n",
                 buttons=(Button(_("Các ngày khác"), "/lich"), back_button()),
                 note=sample_note(ed), item_buttons=buttons)


@features.feature("today", label=N_("Lịch hôm nay"), commands=("homnay",),
                  help=N_("sự kiện hôm nay"), payloads=("homnay",), paged=True)
async def today(ctx: Ctx) -> list[Reply]:
    """Show today's events, or say when the week is if today is outside it."""
    ed = ctx.edition
    if not ed.start <= ctx.today <= ed.end:
        status = week_status(ed, ctx.now) or ""
        text = _("Hôm nay ({day}) không có sự kiện của Tuần lễ.").format(
            day=format_date_numeric(ctx.today)) + "\n" + status
        return [Reply(text, (Button(_("Lịch sự kiện"), "/lich"), back_button()))]
    title = _("Hôm nay, {day}").format(day=day_heading(ctx.today))
    return [_day_reply(ctx, ctx.today, title, "homnay")]


@features.feature("next", label=N_("Sắp diễn ra"), commands=("sapdienra",),
                  help=N_("sự kiện sắp diễn ra"), paged=True)
async def upcoming(ctx: Ctx) -> list[Reply]:
    """Show what is on now and the next event to start."""
    ed = ctx.edition
    if ctx.today > ed.end:
        return [Reply(week_status(ed, ctx.now) or "", (Button(_("Lịch sự kiện"), "/lich"),
                                                        back_button()))]
    mine = [e for e in ed.events if e.district is None or e.district == _district(ctx)]
    ongoing = [e for e in mine if e.start <= ctx.now < e.end]
    later = [e for e in mine if e.start > ctx.now]
    blocks = []
    status = week_status(ed, ctx.now)
    if status:
        blocks.append(status)
    if ongoing:
        blocks.append(_("Đang diễn ra:") + "\n"
                      + "\n".join(event_line(e, ed, ctx.now, place=True) for e in ongoing))
    if later:
        first = later[0]
        blocks.append(_("Sự kiện tiếp theo, {day}:").format(day=day_heading(first.start))
                      + "\n" + event_detail(first, ed))
    else:
        blocks.append(_("Không còn sự kiện nào sắp diễn ra trong Tuần lễ."))
    buttons = (Button(_("Hôm nay"), "/homnay"), Button(_("Lịch sự kiện"), "/lich"),
               back_button())
    return [paged(blocks, ctx.page, "sapdienra", buttons=buttons, note=sample_note(ed),
                  title=_("Sắp diễn ra"))]


@features.feature("event", label=N_("Chi tiết sự kiện"), commands=("sukien",), paged=True)
async def event(ctx: Ctx) -> list[Reply]:
    """Show one event in detail."""
    ed = ctx.edition
    found = next((e for e in ed.events if e.id == ctx.route.arg), None)
    if found is None:
        return await week(ctx)
    day = Button(_("Cả ngày hôm đó"), f"/lich {found.start.date().isoformat()}")
    return [paged([event_detail(found, ed, title=False)], ctx.page, f"sukien {found.id}",
                  title=found.title.get(current_locale()), buttons=(day, back_button()),
                  note=sample_note(ed))]
