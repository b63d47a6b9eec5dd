"""The contest's results for the organizers (/ketquathi, `hoctap-bot contest export`): CSV and
XLSX, with the report workbook's labels, cells and formats (bot/report/workbook.py)."""

from __future__ import annotations

import io
from zoneinfo import ZoneInfo

from bot.report.workbook import (
    DATETIME_S,
    append_row,
    fit_widths,
    local_time,
    unit_headers,
)
from handlers import cells
from handlers.contest_types import ContestFigures, ResultRow, participant_name, unit_label
from handlers.i18n import _, format_number


def _headers() -> list[str]:
    return [_("Hạng"), _("Mã"), _("Họ tên"), _("Đơn vị"), _("Điện thoại"), _("Số câu đúng"),
            _("Thời gian (giây)"), _("Hoàn thành lúc"), _("Đăng ký lúc"), _("Ghi chú")]


def _note(row: ResultRow) -> str:
    if row.voided:
        return _("Đã hủy: {reason}").format(reason=row.void_reason or "")
    if row.same_as is not None:
        return _("Cùng người dự thi với mã {id}: chỉ tính một lần").format(id=row.same_as)
    if row.score is None:
        return _("Chưa hoàn thành")
    return ""


def _values(row: ResultRow, tz: ZoneInfo) -> list[object]:
    seconds = round(row.total_ms / 1000, 1) if row.total_ms is not None else None
    return [row.rank, row.participant_id, participant_name(row.full_name),
            unit_label(row.district, row.unit), row.phone or "", row.score, seconds,
            local_time(row.finished_at, tz) if row.finished_at else None,
            local_time(row.registered_at, tz), _note(row)]


def build_csv(rows: tuple[ResultRow, ...], tz: ZoneInfo) -> bytes:
    buf = io.StringIO()
    writer = cells.csv_writer(buf)
    writer.writerow(cells.row(_headers()))
    for row in rows:
        values = _values(row, tz)
        # Text, so decimals come out as the locale writes them ("12,5"), as everywhere else.
        values[6] = format_number(values[6]) if isinstance(values[6], float) else values[6]
        writer.writerow(cells.row("" if v is None else v for v in values))
    # UTF-8 with BOM: Excel on Windows then shows Vietnamese correctly.
    return buf.getvalue().encode("utf-8-sig")


def build_xlsx(rows: tuple[ResultRow, ...], figures: ContestFigures, tz: ZoneInfo) -> bytes:
    from openpyxl import Workbook  # with numpy: only when a workbook is built

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = _("Kết quả")
    append_row(ws, _headers())
    for row in rows:
        append_row(ws, _values(row, tz), {8: DATETIME_S, 9: DATETIME_S})
    units = wb.create_sheet(_("Theo đơn vị"))
    append_row(units, unit_headers())
    # Numbers stay numbers (Excel shows them in the reader's locale: "7,4" in Vietnamese).
    for d in figures.districts:
        append_row(units, [d.district, d.participants, d.finished, round(d.average_score, 2)],
                   {4: "0.0#"})
    append_row(units, [_("Tổng cộng"), figures.participants, figures.finished,
                       round(figures.average_score, 2)], {4: "0.0#"})
    for sheet in (ws, units):
        fit_widths(sheet, limit=50)
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()

