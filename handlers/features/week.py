"""The week itself: theme and purpose, organizing bodies, activities, contacts, FAQ."""

from __future__ import annotations

from handlers.context import Ctx
from handlers.format import back_button, week_span, week_status
from handlers.i18n import N_, _, current_locale, format_date_numeric
from handlers.registry import FeatureSet
from handlers.types import Button, Reply

features = FeatureSet()


@features.feature("theme", label=N_("Chủ đề"), commands=("chude",),
                  help=N_("chủ đề và mục đích của Tuần lễ"))
async def theme(ctx: Ctx) -> list[Reply]:
    """Show the theme, dates, opening ceremony, purpose and requirements."""
    ed, loc = ctx.edition, current_locale()
    parts = [
        _("Chủ đề năm {year}: “{theme}”.").format(year=ed.start.year, theme=ed.theme.get(loc)),
        _("Thời gian: {span}; Lễ khai mạc ngày {opening}.").format(
            span=week_span(ed), opening=format_date_numeric(ed.opening)
        ),
        _("Mục đích: {text}").format(text=ed.purpose.get(loc)),
        _("Yêu cầu: {text}").format(text=ed.requirements.get(loc)),
        _("Căn cứ: {source}").format(source=ed.source.get(loc)),
    ]
    status = week_status(ed, ctx.now)
    if status:
        parts.append(status)
    buttons = (
        Button(_("Hoạt động"), "/hoatdong"),
        Button(_("Đơn vị tổ chức"), "/tochuc"),
        back_button(),
    )
    return [Reply("\n\n".join(parts), buttons, title=ed.name.get(loc))]


@features.feature("bodies", label=N_("Đơn vị tổ chức"), commands=("tochuc",),
                  help=N_("đơn vị tổ chức và báo cáo kết quả"))
async def bodies(ctx: Ctx) -> list[Reply]:
    """Show who organizes the week, what each must do, and where reports go."""
    ed, loc = ctx.edition, current_locale()
    parts = [f"• {b.name.get(loc)}: {b.duties.get(loc)}" for b in ed.bodies]
    r = ed.report
    lines = [
        _("Báo cáo kết quả"),
        r.what.get(loc),
        _("Hạn gửi: trước ngày {deadline}").format(deadline=format_date_numeric(r.deadline)),
        _("Gửi về:"),
        *(f"• {x.get(loc)}" for x in r.recipients),
        _("E-mail: {email}").format(email=r.email),
        _("Địa chỉ: {address}").format(address=r.address),
    ]
    parts.append("\n".join(lines))
    return [Reply("\n\n".join(parts), (Button(_("Liên hệ"), "/lienhe"), back_button()),
                  title=_("Tổ chức thực hiện"))]


@features.feature("activities", label=N_("Hoạt động"), commands=("hoatdong",),
                  help=N_("các hoạt động"))
async def activities(ctx: Ctx) -> list[Reply]:
    """List the activities of the week, grouped by section of the letter."""
    ed, loc = ctx.edition, current_locale()
    parts = []
    for section in ed.sections:
        items = [a for a in ed.activities if a.section == section.id]
        if items:
            lines = [section.title.get(loc)]
            lines += [f"• {a.title.get(loc)}: {a.summary.get(loc)}" for a in items]
            parts.append("\n".join(lines))
    buttons = (
        Button(_("Lịch sự kiện"), "/lich"),
        Button(_("Khóa học trực tuyến"), "/khoahoc"),
        Button(_("Thư viện và đọc sách"), "/thuvien"),
        back_button(),
    )
    return [Reply("\n\n".join(parts), buttons, title=_("Các hoạt động trong Tuần lễ"))]


@features.feature("contacts", label=N_("Liên hệ"), commands=("lienhe",),
                  help=N_("số điện thoại, e-mail, địa chỉ liên hệ"), payloads=("lienhe",))
async def contacts(ctx: Ctx) -> list[Reply]:
    """Show every contact: phones, e-mail, address."""
    loc = current_locale()
    parts = []
    for c in ctx.edition.contacts:
        lines = [c.name.get(loc)]
        if c.phones:
            lines.append(_("Điện thoại: {phones}").format(phones=", ".join(c.phones)))
        if c.email:
            lines.append(_("E-mail: {email}").format(email=c.email))
        if c.address:
            lines.append(_("Địa chỉ: {address}").format(address=c.address))
        if c.note:
            lines.append(c.note.get(loc))
        parts.append("\n".join(lines))
    return [Reply("\n\n".join(parts), (Button(_("Hỏi đáp"), "/hoidap"), back_button()),
                  title=_("Liên hệ"))]


@features.feature("faq", label=N_("Hỏi đáp"), commands=("hoidap",),
                  help=N_("câu hỏi thường gặp"))
async def faq(ctx: Ctx) -> list[Reply]:
    """Answer one FAQ entry, or list the questions."""
    loc = current_locale()
    entry = next((e for e in ctx.edition.faq if e.id == ctx.route.arg), None)
    if entry is not None:
        return [Reply(entry.answer.get(loc), (Button(_("Câu hỏi khác"), "/hoidap"),
                                               back_button()), title=entry.question.get(loc))]
    buttons = tuple(Button(e.question.get(loc), f"/hoidap {e.id}") for e in ctx.edition.faq)
    return [Reply(_("Chọn câu hỏi bạn quan tâm:"), (*buttons, back_button()),
                  title=_("Câu hỏi thường gặp"))]
