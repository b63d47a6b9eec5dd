"""Organizers' side of the contest: results export (CSV, XLSX), figures per unit, voiding."""

from __future__ import annotations

import io
from datetime import datetime

from handlers import cells
from handlers.contest_types import ContestFigures, ResultRow
from handlers.context import Ctx
from handlers.features.contest import format_duration
from handlers.i18n import _, format_number
from handlers.numbers import parse_int
from handlers.paging import fits
from handlers.types import Attachment, Reply

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _headers() -> list[str]:
    return [_("Hạng"), _("Mã"), _("Họ tên"), _("Đơn vị"), _("Điện thoại"), _("Số câu đúng"),
            _("Thời gian (giây)"), _("Hoàn thành lúc"), _("Đăng ký lúc"), _("Ghi chú")]


def _unit(row: ResultRow) -> str:
    return f"{row.district}: {row.unit}" if row.unit else row.district


def _local(moment: datetime | None, ctx_tz: object) -> datetime | None:
    if moment is None:
        return None
    return moment.astimezone(ctx_tz).replace(tzinfo=None)  # type: ignore[arg-type]


def _note(row: ResultRow) -> str:
    if row.voided:
        return _("Đã hủy: {reason}").format(reason=row.void_reason or "")
    if row.same_as is not None:
        return _("Cùng người dự thi với mã {id}: chỉ tính một lần").format(id=row.same_as)
    if row.score is None:
        return _("Chưa hoàn thành")
    return ""


def _seconds(row: ResultRow) -> float | None:
    return round(row.total_ms / 1000, 1) if row.total_ms is not None else None


def _values(row: ResultRow, tz: object) -> list[object]:
    return [row.rank, row.participant_id, row.full_name, _unit(row), row.phone or "",
            row.score, _seconds(row), _local(row.finished_at, tz),
            _local(row.registered_at, tz), _note(row)]


def build_csv(rows: tuple[ResultRow, ...], tz: object) -> bytes:
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


def summary_lines(figures: ContestFigures) -> list[str]:
    """The figures as the organizers read them (the chat, the CLI): one source, the locale's
    number format."""
    lines = [_("{n} người đăng ký, {k} người đã hoàn thành bài thi.").format(
        n=format_number(figures.participants), k=format_number(figures.finished))]
    lines += [_("• {unit}: {registered} đăng ký, {finished} hoàn thành, điểm trung bình {avg}")
              .format(unit=d.district, registered=format_number(d.participants),
                      finished=format_number(d.finished),
                      avg=format_number(round(d.average_score, 2)))
              for d in figures.districts]
    return lines


def build_xlsx(rows: tuple[ResultRow, ...], figures: ContestFigures, tz: object) -> bytes:
    # Imported here: openpyxl pulls in numpy (~0.3 s), which every other command would pay.
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = _("Kết quả")
    ws.append(cells.row(_headers()))
    for row in rows:
        ws.append(cells.row(_values(row, tz)))
    for col in (8, 9):
        for cell in ws.iter_cols(min_col=col, max_col=col, min_row=2):
            for c in cell:
                c.number_format = "dd/mm/yyyy hh:mm:ss"
    units = wb.create_sheet(_("Theo đơn vị"))
    units.append(cells.row([_("Đơn vị"), _("Đăng ký"), _("Hoàn thành"), _("Điểm trung bình")]))
    for d in figures.districts:
        units.append(cells.row([d.district, d.participants, d.finished,
                                round(d.average_score, 2)]))
    units.append(cells.row([_("Tổng cộng"), figures.participants, figures.finished,
                            round(figures.average_score, 2)]))
    # Numbers stay numbers (Excel shows them in the reader's locale: "7,4" in Vietnamese).
    for cell in units.iter_cols(min_col=4, max_col=4, min_row=2):
        for c in cell:
            c.number_format = "0.0#"
    for sheet in (ws, units):
        for i, column in enumerate(sheet.columns, start=1):
            width = max(len(str(c.value or "")) for c in column)
            sheet.column_dimensions[get_column_letter(i)].width = min(max(10, width + 2), 50)
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _refuse() -> list[Reply]:
    return [Reply(_("Xin lỗi, chức năng này chỉ dành cho Ban tổ chức."))]


def private_only(ctx: Ctx, command: str) -> list[Reply] | None:
    """Refuse organizer output with personal data outside a private chat (None: go ahead).

    Every member of a group reads what the bot posts there, and a file, once posted, stays.
    """
    if not ctx.user.is_organizer:
        return _refuse()
    if ctx.is_private:
        return None
    return [Reply(_("Các tệp này có thông tin cá nhân của người dự thi nên Chatbot chỉ gửi "
                    "trong tin nhắn riêng, không gửi vào nhóm. Kính mời Quý vị nhắn tin riêng "
                    "cho Chatbot rồi gõ lại lệnh {command}.").format(command=command))]


async def export(ctx: Ctx) -> list[Reply]:
    """Send organizers the results as CSV and XLSX, with the figures per unit."""
    refusal = private_only(ctx, "/ketquathi")
    if refusal is not None:
        return refusal
    results = await ctx.store.contest.results()
    rows, tz = results.rows, ctx.edition.tz
    stamp = ctx.now.strftime("%Y%m%d-%H%M")
    files = (
        Attachment(f"ket-qua-cuoc-thi-{stamp}.csv", build_csv(rows, tz), "text/csv"),
        Attachment(f"ket-qua-cuoc-thi-{stamp}.xlsx", build_xlsx(rows, results.figures, tz),
                   XLSX),
    )
    head, *units = summary_lines(results.figures)
    best = [_("Hạng {rank}: {name} ({unit}), {score} câu đúng, {time}").format(
        rank=r.rank, name=r.full_name, unit=_unit(r), score=r.score,
        time=format_duration(r.total_ms or 0)) for r in rows if r.rank is not None][:3]
    title = _("Kết quả Cuộc thi Công dân học tập")
    # One screen: as many units as fit, the others are in the workbook's sheet per unit.
    shown = list(units)
    while True:
        lines = [head, *shown]
        if len(shown) < len(units):
            lines.append(_("… và {n} đơn vị khác: xem trong tệp XLSX.").format(
                n=len(units) - len(shown)))
        if best:
            lines += ["", *best]
        reply = Reply("\n".join(lines), files=files, title=title)
        if fits(reply) or not shown:
            return [reply]
        shown.pop()


async def void(ctx: Ctx) -> list[Reply]:
    """Void a participant (kept in the export, marked, out of the ranking)."""
    if not ctx.user.is_organizer:
        return _refuse()
    head, _sep, reason = ctx.route.arg.partition(" ")
    participant_id = parse_int(head, 1)
    if participant_id is None or not reason.strip():
        return [Reply(_("Cách dùng: /loaithi MÃ lý do, ví dụ: /loaithi 12 trùng người dự thi. "
                        "Mã người dự thi có trong tệp kết quả (/ketquathi)."))]
    if not await ctx.store.contest.void(participant_id, reason.strip()):
        return [Reply(_("Không có người dự thi mã {id}.").format(id=participant_id))]
    return [Reply(_("Đã hủy kết quả của người dự thi mã {id}.").format(id=participant_id))]
