"""The report's XLSX workbook (sheets Tổng quan, Cuộc thi, Thông báo), and the cells, formats
and labels the contest's results workbook (bot/report/results.py) shares with it."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from handlers import cells
from handlers.broadcast_types import audience_label, channel_label, kind_label, status_label
from handlers.contest_types import participant_name, unit_label
from handlers.i18n import _
from handlers.report_types import ReportFigures

# openpyxl (and numpy, which it imports) is imported where a workbook is built: `hoctap-bot run`
# imports the results module for the web console, and most runs never build one.
if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

DATE = "dd/mm/yyyy"
DATETIME = "dd/mm/yyyy hh:mm"
DATETIME_S = "dd/mm/yyyy hh:mm:ss"  # contest times: the ranking's last tie-break is the finish


def local_time(moment: datetime, tz: ZoneInfo) -> datetime:
    # Excel has no time zones: write the wall-clock time of the edition's time zone.
    return moment.astimezone(tz).replace(tzinfo=None)


def _section(ws: Worksheet, title: str, headers: list[str]) -> None:
    """A bold section title and bold headers, after a blank row when the sheet has content."""
    from openpyxl.styles import Font

    if ws.max_row > 1:
        append_row(ws, [])
    append_row(ws, [title])
    ws.cell(ws.max_row, 1).font = Font(bold=True, size=12)
    append_row(ws, headers)
    for col in range(1, len(headers) + 1):
        ws.cell(ws.max_row, col).font = Font(bold=True)


def append_row(ws: Worksheet, values: Sequence[object],
               fmt: dict[int, str] | None = None) -> None:
    """The one way a row enters the workbook: text never becomes a formula."""
    ws.append(cells.row(values))
    for col, number_format in (fmt or {}).items():
        ws.cell(ws.max_row, col).number_format = number_format


def fit_widths(ws: Worksheet, limit: int = 60) -> None:
    """Fit columns to their content; section titles (a lone first cell) do not count."""
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    for row in ws.iter_rows():
        filled = [c for c in row if c.value is not None]
        if len(filled) == 1 and filled[0].column == 1 and filled[0].font.size == 12:
            continue
        for c in filled:
            if isinstance(c.value, datetime):
                n = {DATETIME: 16, DATETIME_S: 19}.get(c.number_format, 10)
            elif isinstance(c.value, float):
                n = len(f"{c.value:.2f}")
            else:
                n = len(str(c.value))
            widths[c.column] = max(widths.get(c.column, 0), n)
    for col, n in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = min(max(10, n + 2), limit)


def unit_headers() -> list[str]:
    """The columns of the contest's figures per district or unit."""
    return [_("Đơn vị"), _("Đăng ký"), _("Hoàn thành"), _("Điểm trung bình")]


def _cap(text: str) -> str:
    """A label as a cell starts it: capital first letter, the rest as written."""
    return text[:1].upper() + text[1:]


def _overview(ws: Worksheet, f: ReportFigures, feature_label: Callable[[str], str]) -> None:
    from openpyxl.styles import Font

    append_row(ws, [_("Báo cáo kết quả Tuần lễ: từ ngày"), f.first, _("đến ngày"), f.last])
    for col in (2, 4):
        ws.cell(1, col).number_format = DATE
    ws.cell(1, 1).font = Font(bold=True)
    _section(ws, _("Số liệu chung"), [_("Chỉ số"), _("Giá trị")])
    for label, value in (
        (_("Người dùng mới"), f.new_users),
        (_("Người dùng đã nhắn tin"), f.active_users),
        (_("Tin nhắn"), f.messages),
        (_("Người đăng ký dự thi"), f.participants),
        (_("Người hoàn thành bài thi"), f.finished),
        (_("Người đăng ký nhận tin (hiện tại)"), f.subscribers),
    ):
        append_row(ws, [label, value])
    _section(ws, _("Người dùng theo kênh"),
             [_("Kênh"), _("Người dùng mới"), _("Người dùng đã nhắn tin"), _("Tin nhắn")])
    for c in f.channels:
        append_row(ws, [channel_label(c.channel), c.new_users, c.active_users, c.messages])
    _section(ws, _("Theo ngày"),
             [_("Ngày"), _("Người dùng mới"), _("Người dùng đã nhắn tin"), _("Tin nhắn")])
    for d in f.days:
        append_row(ws, [d.day, d.new_users, d.active_users, d.messages], {1: DATE})
    _section(ws, _("Chức năng được dùng nhiều nhất"),
             [_("Chức năng"), _("Mã chức năng"), _("Tin nhắn")])
    for name, n in f.features:
        append_row(ws, [feature_label(name), name, n])


def _contest(ws: Worksheet, f: ReportFigures, tz: ZoneInfo) -> None:
    _section(ws, _("Số liệu chung"), [_("Chỉ số"), _("Giá trị")])
    append_row(ws, [_("Người đăng ký dự thi"), f.participants])
    append_row(ws, [_("Người hoàn thành bài thi"), f.finished])
    append_row(ws, [_("Điểm trung bình (số câu đúng)"), round(f.average_score, 2)])
    _section(ws, _("Theo quận, huyện, đơn vị"), unit_headers())
    for d in f.districts:
        append_row(ws, [d.district, d.participants, d.finished, round(d.average_score, 2)])
    _section(ws, _("Phân bố điểm"), [_("Số câu đúng"), _("Số người")])
    for score, n in f.scores:
        append_row(ws, [score, n])
    _section(ws, _("Top {n}").format(n=len(f.top)),
             [_("Hạng"), _("Mã"), _("Họ tên"), _("Đơn vị"), _("Số câu đúng"),
              _("Thời gian (giây)"), _("Hoàn thành lúc")])
    for t in f.top:
        append_row(ws, [t.rank, t.participant_id, participant_name(t.full_name),
                        unit_label(t.district, t.unit), t.score, round(t.total_ms / 1000, 1),
                        local_time(t.finished_at, tz)], {7: DATETIME_S})


def _broadcasts(ws: Worksheet, f: ReportFigures, tz: ZoneInfo) -> None:
    _section(ws, _("Thông báo và tin nhắc"),
             [_("Mã"), _("Loại"), _("Nội dung"), _("Người nhận"), _("Thời điểm gửi"),
              _("Trạng thái"), _("Tổng số"), _("Đã gửi"), _("Bỏ qua"), _("Lỗi"),
              _("Không rõ kết quả"), _("Thời gian gửi (giây)")])
    for b in f.broadcasts:
        append_row(ws, [b.id, kind_label(b.kind), b.label, _cap(audience_label(b.audience)),
                        local_time(b.due_at, tz), _cap(status_label(b.status)), b.total,
                        b.sent, b.skipped, b.failed, b.uncertain,
                        round(b.duration_s, 1) if b.duration_s is not None else None],
                   {5: DATETIME})
    if not f.broadcasts:
        append_row(ws, [_("Không có thông báo hay tin nhắc nào trong thời gian này.")])


def build_workbook(f: ReportFigures, tz: ZoneInfo, feature_label: Callable[[str], str]) -> bytes:
    """The workbook as XLSX bytes; dates are real dates in the edition's time zone."""
    from openpyxl import Workbook

    wb = Workbook()
    overview = wb.active
    assert overview is not None
    overview.title = _("Tổng quan")
    _overview(overview, f, feature_label)
    contest = wb.create_sheet(_("Cuộc thi"))
    _contest(contest, f, tz)
    broadcasts = wb.create_sheet(_("Thông báo"))
    _broadcasts(broadcasts, f, tz)
    for ws in (overview, contest, broadcasts):
        fit_widths(ws)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
