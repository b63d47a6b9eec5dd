"""The report's XLSX workbook: sheets Tổng quan, Cuộc thi, Thông báo."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from handlers import cells
from handlers.features.report import ReportFigures, channel_label, feature_label
from handlers.i18n import _

DATE = "dd/mm/yyyy"
DATETIME = "dd/mm/yyyy hh:mm"


def _local(moment: datetime, tz: ZoneInfo) -> datetime:
    # Excel has no time zones: write the wall-clock time of Hải Phòng.
    return moment.astimezone(tz).replace(tzinfo=None)


def _section(ws: Worksheet, title: str, headers: list[str]) -> None:
    """A bold section title and bold headers, after a blank row when the sheet has content."""
    if ws.max_row > 1:
        _append(ws, [])
    _append(ws, [title])
    ws.cell(ws.max_row, 1).font = Font(bold=True, size=12)
    _append(ws, headers)
    for col in range(1, len(headers) + 1):
        ws.cell(ws.max_row, col).font = Font(bold=True)


def _append(ws: Worksheet, values: Sequence[object], fmt: dict[int, str] | None = None) -> None:
    """The one way a row enters the workbook: text never becomes a formula."""
    ws.append(cells.row(values))
    for col, number_format in (fmt or {}).items():
        ws.cell(ws.max_row, col).number_format = number_format


def _widths(ws: Worksheet, limit: int = 60) -> None:
    """Fit columns to their content; section titles (a lone first cell) do not count."""
    widths: dict[int, int] = {}
    for row in ws.iter_rows():
        filled = [c for c in row if c.value is not None]
        if len(filled) == 1 and filled[0].column == 1 and filled[0].font.size == 12:
            continue
        for c in filled:
            if isinstance(c.value, datetime):
                n = 16 if c.number_format == DATETIME else 10
            elif isinstance(c.value, float):
                n = len(f"{c.value:.2f}")
            else:
                n = len(str(c.value))
            widths[c.column] = max(widths.get(c.column, 0), n)
    for col, n in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = min(max(10, n + 2), limit)


def _overview(ws: Worksheet, f: ReportFigures) -> None:
    _append(ws, [_("Báo cáo kết quả Tuần lễ: từ ngày"), f.first, _("đến ngày"), f.last])
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
        _append(ws, [label, value])
    _section(ws, _("Người dùng theo kênh"),
             [_("Kênh"), _("Người dùng mới"), _("Người dùng đã nhắn tin"), _("Tin nhắn")])
    for c in f.channels:
        _append(ws, [channel_label(c.channel), c.new_users, c.active_users, c.messages])
    _section(ws, _("Theo ngày"),
             [_("Ngày"), _("Người dùng mới"), _("Người dùng đã nhắn tin"), _("Tin nhắn")])
    for d in f.days:
        _append(ws, [d.day, d.new_users, d.active_users, d.messages], {1: DATE})
    _section(ws, _("Chức năng được dùng nhiều nhất"),
             [_("Chức năng"), _("Mã chức năng"), _("Tin nhắn")])
    for name, n in f.features:
        _append(ws, [feature_label(name), name, n])


def _contest(ws: Worksheet, f: ReportFigures, tz: ZoneInfo) -> None:
    _section(ws, _("Số liệu chung"), [_("Chỉ số"), _("Giá trị")])
    _append(ws, [_("Người đăng ký dự thi"), f.participants])
    _append(ws, [_("Người hoàn thành bài thi"), f.finished])
    _append(ws, [_("Điểm trung bình (số câu đúng)"), round(f.average_score, 2)])
    _section(ws, _("Theo quận, huyện, đơn vị"),
             [_("Đơn vị"), _("Đăng ký"), _("Hoàn thành"), _("Điểm trung bình")])
    for d in f.districts:
        _append(ws, [d.district, d.participants, d.finished, round(d.average_score, 2)])
    _section(ws, _("Phân bố điểm"), [_("Số câu đúng"), _("Số người")])
    for score, n in f.scores:
        _append(ws, [score, n])
    _section(ws, _("Top {n}").format(n=len(f.top)),
             [_("Hạng"), _("Mã"), _("Họ tên"), _("Đơn vị"), _("Số câu đúng"),
              _("Thời gian (giây)"), _("Hoàn thành lúc")])
    for t in f.top:
        unit = f"{t.district}: {t.unit}" if t.unit else t.district
        _append(ws, [t.rank, t.participant_id, t.full_name or _("(đã xóa dữ liệu)"), unit,
                     t.score, round(t.total_ms / 1000, 1), _local(t.finished_at, tz)],
                {7: DATETIME})


def _kind(kind: str) -> str:
    return {"announcement": _("Thông báo"), "digest": _("Lịch hằng ngày"),
            "remind": _("Nhắc sự kiện"), "eve": _("Nhắc khai mạc")}.get(kind, kind)


def _status(status: str) -> str:
    return {"scheduled": _("Chờ gửi"), "sending": _("Đang gửi"), "done": _("Đã gửi xong"),
            "cancelled": _("Đã hủy"), "missed": _("Bỏ lỡ")}.get(status, status)


def _audience(audience: str) -> str:
    kind, _sep, name = audience.partition(":")
    if kind == "all":
        return _("Người đăng ký nhận tin")
    if kind == "channel":
        return _("Người đăng ký nhận tin trên {channel}").format(channel=channel_label(name))
    if kind == "contest":
        return _("Người dự thi")
    if kind == "district":
        return _("Người dự thi của {district}").format(district=name)
    return audience


def _broadcasts(ws: Worksheet, f: ReportFigures, tz: ZoneInfo) -> None:
    _section(ws, _("Thông báo và tin nhắc"),
             [_("Mã"), _("Loại"), _("Nội dung"), _("Người nhận"), _("Thời điểm gửi"),
              _("Trạng thái"), _("Tổng số"), _("Đã gửi"), _("Bỏ qua"), _("Lỗi"),
              _("Không rõ kết quả"), _("Thời gian gửi (giây)")])
    for b in f.broadcasts:
        _append(ws, [b.id, _kind(b.kind), b.label, _audience(b.audience), _local(b.due_at, tz),
                     _status(b.status), b.total, b.sent, b.skipped, b.failed, b.uncertain,
                     round(b.duration_s, 1) if b.duration_s is not None else None],
                {5: DATETIME})
    if not f.broadcasts:
        _append(ws, [_("Không có thông báo hay tin nhắc nào trong thời gian này.")])


def build_workbook(f: ReportFigures, tz: ZoneInfo) -> bytes:
    """The workbook as XLSX bytes; dates are real dates in Hải Phòng's time."""
    wb = Workbook()
    overview = wb.active
    assert overview is not None
    overview.title = _("Tổng quan")
    _overview(overview, f)
    contest = wb.create_sheet(_("Cuộc thi"))
    _contest(contest, f, tz)
    broadcasts = wb.create_sheet(_("Thông báo"))
    _broadcasts(broadcasts, f, tz)
    for ws in (overview, contest, broadcasts):
        _widths(ws)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
