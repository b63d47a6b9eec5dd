"""The week itself: theme and purpose, organizing bodies, activities, contacts, FAQ."""

from __future__ import annotations

from content import Contact
from handlers.context import Ctx
from handlers.format import back_button, label, week_span, week_status
from handlers.i18n import N_, _, current_locale, format_date_numeric
from handlers.paging import paged
from handlers.registry import FeatureSet
from handlers.types import Button, Reply

features = FeatureSet()


@features.feature("theme", label=N_("Chủ đề"), commands=("chude",),
                  help=N_("chủ đề và mục đích của Tuần lễ"), paged=True)
async def theme(ctx: Ctx) -> list[Reply]:
    """Show the theme and dates first, then the purpose, requirements and legal basis."""
    ed, loc = ctx.edition, current_locale()
    blocks = [
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
        blocks.insert(0, status)
    buttons = (
        Button(_("Hoạt động"), "/hoatdong"),
        Button(_("Đơn vị tổ chức"), "/tochuc"),
        back_button(),
    )
    return [paged(blocks, ctx.page, "chude", title=ed.name.get(loc), buttons=buttons)]


def _contact_lines(c: Contact) -> str:
    loc = current_locale()
    lines = [c.name.get(loc)]
    if c.phones:
        lines.append(_("Điện thoại: {phones}").format(phones=", ".join(c.phones)))
    if c.email:
        lines.append(_("E-mail: {email}").format(email=c.email))
    if c.address:
        lines.append(_("Địa chỉ: {address}").format(address=c.address))
    if c.note:
        lines.append(c.note.get(loc))
    return "\n".join(lines)


@features.feature("bodies", label=N_("Đơn vị tổ chức"), commands=("tochuc",),
                  help=N_("đơn vị tổ chức và báo cáo kết quả"), paged=True)
async def bodies(ctx: Ctx) -> list[Reply]:
    """For the organizing units: the report (when, where), whom to call, each body's duties."""
    ed, loc = ctx.edition, current_locale()
    r = ed.report
    recipients = [f"• {x.get(loc)}" for x in r.recipients]
    # Each address once: the letter's recipients may already name them.
    written = "\n".join(recipients)
    if r.email not in written:
        recipients.append(_("E-mail: {email}").format(email=r.email))
    if r.address not in written:
        recipients.append(_("Địa chỉ: {address}").format(address=r.address))
    blocks = ["\n".join([
        _("Báo cáo kết quả: hạn gửi trước ngày {deadline}.").format(
            deadline=format_date_numeric(r.deadline)),
        r.what.get(loc),
    ]), "\n".join([_("Gửi về:"), *recipients])]
    # The letter gives these numbers to the units: here, and only here, all of them.
    for i, c in enumerate(ed.contacts):
        lines = _contact_lines(c)
        blocks.append(_("Khi có vướng mắc, các đơn vị liên hệ:") + "\n" + lines if i == 0
                      else lines)
    blocks += [f"• {b.name.get(loc)}: {b.duties.get(loc)}" for b in ed.bodies]
    return [paged(blocks, ctx.page, "tochuc", title=_("Tổ chức thực hiện"),
                  buttons=(back_button(),))]


@features.feature("activities", label=N_("Hoạt động"), commands=("hoatdong",),
                  help=N_("các hoạt động"), paged=True)
async def activities(ctx: Ctx) -> list[Reply]:
    """List the activities of the week by section of the letter; one activity in full."""
    ed, loc = ctx.edition, current_locale()
    chosen = next((a for a in ed.activities if a.id == ctx.route.arg.strip()), None)
    titles = {s.id: s.title.get(loc) for s in ed.sections}
    if chosen is not None:
        text = titles.get(chosen.section, "") + "\n" + chosen.summary.get(loc)
        return [paged([text], ctx.page, f"hoatdong {chosen.id}", title=chosen.title.get(loc),
                      buttons=(Button(_("Các hoạt động"), "/hoatdong"), back_button()))]
    blocks: list[str] = []
    items: list[Button | None] = []
    for section in ed.sections:
        for i, a in enumerate(x for x in ed.activities if x.section == section.id):
            line = f"• {a.title.get(loc)}"
            blocks.append(f"{titles[section.id]}:\n{line}" if i == 0 else line)
            items.append(Button(label(a.title.get(loc)), f"/hoatdong {a.id}"))
    buttons = (
        Button(_("Lịch sự kiện"), "/lich"),
        back_button(),
    )
    return [paged(blocks, ctx.page, "hoatdong", title=_("Các hoạt động trong Tuần lễ"),
                  buttons=buttons, sep="\n", item_buttons=items)]


@features.feature("contacts", label=N_("Liên hệ"), commands=("lienhe",),
                  help=N_("số điện thoại, e-mail, địa chỉ liên hệ"), payloads=("lienhe",),
                  paged=True)
async def contacts(ctx: Ctx) -> list[Reply]:
    """The units' official phones, e-mail and address for citizens, each once."""
    blocks = [_contact_lines(c) for c in ctx.edition.contacts if c.public]
    return [paged(blocks, ctx.page, "lienhe", title=_("Liên hệ"),
                  buttons=(Button(_("Hỏi đáp"), "/hoidap"), back_button()))]


@features.feature("faq", label=N_("Hỏi đáp"), commands=("hoidap",),
                  help=N_("câu hỏi thường gặp"), paged=True)
async def faq(ctx: Ctx) -> list[Reply]:
    """Answer one FAQ entry, or list the questions."""
    loc = current_locale()
    entry = next((e for e in ctx.edition.faq if e.id == ctx.route.arg), None)
    if entry is not None:
        return [paged([entry.answer.get(loc)], ctx.page, f"hoidap {entry.id}",
                      title=entry.question.get(loc),
                      buttons=(Button(_("Câu hỏi khác"), "/hoidap"), back_button()))]
    buttons = tuple(Button(e.question.get(loc), f"/hoidap {e.id}") for e in ctx.edition.faq)
    return [Reply(_("Xin chọn câu hỏi Quý vị quan tâm:"), (*buttons, back_button()),
                  title=_("Câu hỏi thường gặp"))]
