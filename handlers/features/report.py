"""The results report for the organizers: /baocao (workbook, charts, summary) and /thongke.

The figures come from the database through `ReportStore` (handlers/report_types.py); rendering
the files (openpyxl, matplotlib) happens behind the same port, in bot/report, so this module
stays light.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from content import Edition
from handlers.broadcast_types import channel_label
from handlers.context import Ctx
from handlers.format import back_button
from handlers.i18n import N_, _, format_date_numeric, format_number
from handlers.registry import FeatureSet
from handlers.report_types import ReportFigures, fired
from handlers.router import find_day
from handlers.types import Button, Reply

features = FeatureSet(organizer_only=True)


def headline(f: ReportFigures, feature_label: Callable[[str], str]) -> list[str]:
    """The figures an organizer pastes into the report, one per line; `feature_label` names
    the logged features (the registry's `label`)."""
    lines = [
        _("Người dùng mới: {n}").format(n=format_number(f.new_users)),
        _("Người dùng đã nhắn tin: {n}").format(n=format_number(f.active_users)),
        _("Tin nhắn: {n}").format(n=format_number(f.messages)),
    ]
    if f.channels:
        lines.append(_("Người dùng mới theo kênh: {list}").format(list=", ".join(
            f"{channel_label(c.channel)} {format_number(c.new_users)}" for c in f.channels)))
    if f.features:
        lines.append(_("Được dùng nhiều nhất: {list}").format(list=", ".join(
            f"{feature_label(name)} ({format_number(n)})" for name, n in f.features[:3])))
    lines += [
        _("Người đăng ký dự thi: {n}").format(n=format_number(f.participants)),
        _("Người hoàn thành bài thi: {n}").format(n=format_number(f.finished)),
        _("Điểm trung bình: {avg}/{total} câu đúng").format(
            avg=format_number(round(f.average_score, 2)), total=f.questions),
        _("Thông báo và tin nhắc đã gửi: {items} lượt, {sent} tin nhắn đến người nhận").format(
            items=format_number(fired(f)),
            sent=format_number(sum(b.sent for b in f.broadcasts))),
        _("Người đăng ký nhận tin: {n}").format(n=format_number(f.subscribers)),
    ]
    return lines


def period_text(f: ReportFigures) -> str:
    return _("Từ {first} đến {last}").format(first=format_date_numeric(f.first),
                                             last=format_date_numeric(f.last))


_DATES = re.compile(r"\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{2,4})?")


def parse_period(arg: str, edition: Edition, today: date) -> tuple[date, date] | None:
    """The period of `/baocao [FROM [TO]]`; the whole week when no date is given."""
    found = [find_day(m, edition, today) for m in _DATES.findall(arg)]
    if arg.strip() and (not found or None in found or len(found) > 2):
        return None
    days = [d for d in found if d is not None]
    first = days[0] if days else edition.start
    last = days[1] if len(days) > 1 else (first if days else edition.end)
    return (first, last) if first <= last else None


def _usage(command: str) -> list[Reply]:
    """How to give the period, for the command that was typed (/baocao or /thongke)."""
    return [Reply(_("Cách dùng: {command}, hoặc {command} TỪ_NGÀY ĐẾN_NGÀY, ví dụ: {command} "
                    "01/10/2020 07/10/2020. Không ghi ngày thì lấy cả Tuần lễ.").format(
                        command=command))]


@features.feature("report", label=N_("Báo cáo (ban tổ chức)"), commands=("baocao",),
                  private_only=True)
async def report(ctx: Ctx) -> list[Reply]:
    """Send organizers the workbook, the charts and the summary for the report."""
    period = parse_period(ctx.route.arg, ctx.edition, ctx.today)
    if period is None:
        return _usage("/baocao")
    figures = await ctx.store.report.figures(ctx.edition, *period)
    files = await ctx.store.report.files(figures, ctx.edition, ctx.features.label)
    # The figures are in the files (and /thongke): the message stays one screen.
    text = "\n".join([period_text(figures),
                      _("Gửi kèm: bảng số liệu (XLSX), biểu đồ (PNG) và bản tóm tắt để "
                        "dán vào báo cáo. Gõ /thongke để xem các số liệu chính.")])
    return [Reply(text, files=files, title=_("Báo cáo kết quả Tuần lễ"))]


@features.feature("stats", label=N_("Số liệu (ban tổ chức)"), commands=("thongke",))
async def stats(ctx: Ctx) -> list[Reply]:
    """Give organizers the headline figures in the chat."""
    period = parse_period(ctx.route.arg, ctx.edition, ctx.today)
    if period is None:
        return _usage("/thongke")
    figures = await ctx.store.report.figures(ctx.edition, *period)
    # The period in the title, the figures one a line: one screen (the files: /baocao).
    title = _("Số liệu Tuần lễ") + " · " + period_text(figures)
    return [Reply("\n".join(headline(figures, ctx.features.label)),
                  (Button(_("Nhận tệp báo cáo"), "/baocao"), back_button()), title=title)]
