"""The organizers' files: the results report (issue 7: figures from the database, workbook,
charts, summary) and the contest's results (CSV, XLSX), rendered here and nowhere else."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from bot.report import summary
from bot.report.figures import collect

__all__ = ["XLSX", "SqlReportStore", "collect", "files", "render", "render_async",
           "render_results", "write"]
from bot.files import write_private
from content import Edition
from handlers.contest_types import Results
from handlers.report_types import ReportFigures
from handlers.types import Attachment

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FeatureLabel = Callable[[str], str]


def files(f: ReportFigures, edition: Edition, feature_label: FeatureLabel
          ) -> tuple[tuple[str, str, Callable[[], bytes]], ...]:
    """(file name, MIME type, builder) of every file of the report, named after the period:
    the chat and the CLI build them all, the web console one at a time; `feature_label` names
    the logged features (the feature registry's `label`)."""
    # Imported here: openpyxl (with numpy) and matplotlib cost about a second to import, and
    # every update imports this package for SqlReportStore.
    from bot.report import charts, workbook

    span = f"{f.first:%Y%m%d}-{f.last:%Y%m%d}"
    return (
        (f"bao-cao-tuan-le-{span}.xlsx", XLSX,
         lambda: workbook.build_workbook(f, edition.tz, feature_label)),
        (f"tom-tat-{span}.md", "text/markdown",
         lambda: summary.build(f, edition, feature_label)[0].encode()),
        (f"tom-tat-{span}.html", "text/html",
         lambda: summary.build(f, edition, feature_label)[1].encode()),
        (f"bieu-do-nguoi-dung-tin-nhan-{span}.png", "image/png", lambda: charts.per_day(f)),
        (f"bieu-do-du-thi-theo-don-vi-{span}.png", "image/png", lambda: charts.districts(f)),
        (f"bieu-do-phan-bo-diem-{span}.png", "image/png", lambda: charts.scores(f)),
        (f"bieu-do-chuc-nang-{span}.png", "image/png", lambda: charts.features(f, feature_label)),
    )


def render(f: ReportFigures, edition: Edition,
           feature_label: FeatureLabel) -> tuple[Attachment, ...]:
    """Every file of the report (CPU-bound: run it in a thread)."""
    markdown, html = summary.build(f, edition, feature_label)
    built = {"text/markdown": markdown.encode(), "text/html": html.encode()}
    return tuple(Attachment(name, built[mime] if mime in built else build(), mime)
                 for name, mime, build in files(f, edition, feature_label))


async def render_async(f: ReportFigures, edition: Edition,
                       feature_label: FeatureLabel) -> tuple[Attachment, ...]:
    """Render in a worker thread (to_thread copies the context, so the locale too)."""
    return await asyncio.to_thread(render, f, edition, feature_label)


def render_results(results: Results, edition: Edition,
                   now: datetime) -> tuple[Attachment, ...]:
    """The contest's results as CSV and XLSX, named after `now` (CPU-bound)."""
    from bot.report import results as sheets  # openpyxl: see render

    stamp = now.astimezone(edition.tz).strftime("%Y%m%d-%H%M")
    return (
        Attachment(f"ket-qua-cuoc-thi-{stamp}.csv",
                   sheets.build_csv(results.rows, edition.tz), "text/csv"),
        Attachment(f"ket-qua-cuoc-thi-{stamp}.xlsx",
                   sheets.build_xlsx(results.rows, results.figures, edition.tz), XLSX),
    )


def write(files: tuple[Attachment, ...], out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for a in files:
        path = out / a.filename
        write_private(path, a.data)
        paths.append(path)
    return paths


@dataclass
class SqlReportStore:
    """The core's ReportStore, inside one update's session."""

    session: AsyncSession

    async def figures(self, edition: Edition, first: date, last: date) -> ReportFigures:
        return await collect(self.session, edition, first, last)

    async def files(self, figures: ReportFigures, edition: Edition,
                    feature_label: FeatureLabel) -> tuple[Attachment, ...]:
        return await render_async(figures, edition, feature_label)

    async def results_files(self, results: Results, edition: Edition,
                            now: datetime) -> tuple[Attachment, ...]:
        return await asyncio.to_thread(render_results, results, edition, now)
