"""Organizers' side of the contest: results export (the files come from bot/report through the
ReportStore port), figures per unit, voiding."""

from __future__ import annotations

from handlers.contest_types import ContestFigures, ResultRow, participant_name, unit_label
from handlers.context import Ctx
from handlers.features.contest import format_duration
from handlers.i18n import N_, _, format_number
from handlers.numbers import parse_int
from handlers.paging import fits
from handlers.registry import FeatureSet
from handlers.types import Reply

features = FeatureSet(organizer_only=True)


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


def _best_line(r: ResultRow) -> str:
    return _("Hạng {rank}: {name} ({unit}), {score} câu đúng, {time}").format(
        rank=r.rank, name=participant_name(r.full_name), unit=unit_label(r.district, r.unit),
        score=r.score, time=format_duration(r.total_ms or 0))


@features.feature("contest_export", label=N_("Xuất kết quả thi (ban tổ chức)"),
                  commands=("ketquathi",), private_only=True)
async def export(ctx: Ctx) -> list[Reply]:
    """Send organizers the results as CSV and XLSX, with the figures per unit."""
    results = await ctx.store.contest.results()
    files = await ctx.store.report.results_files(results, ctx.edition, ctx.now)
    head, *units = summary_lines(results.figures)
    best = [_best_line(r) for r in results.rows if r.rank is not None][:3]
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


@features.feature("contest_void", label=N_("Hủy kết quả thi (ban tổ chức)"),
                  commands=("loaithi",))
async def void(ctx: Ctx) -> list[Reply]:
    """Void a participant (kept in the export, marked, out of the ranking)."""
    head, _sep, reason = ctx.route.arg.partition(" ")
    participant_id = parse_int(head, 1)
    if participant_id is None or not reason.strip():
        return [Reply(_("Cách dùng: /loaithi MÃ lý do, ví dụ: /loaithi 12 trùng người dự thi. "
                        "Mã người dự thi có trong tệp kết quả (/ketquathi)."))]
    if not await ctx.store.contest.void(participant_id, reason.strip()):
        return [Reply(_("Không có người dự thi mã {id}.").format(id=participant_id))]
    return [Reply(_("Đã hủy kết quả của người dự thi mã {id}.").format(id=participant_id))]
