"""The results report (issue 7): figures from the database, workbook, charts and summary."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from bot.report import summary
from bot.report.figures import collect

__all__ = ["XLSX", "SqlReportStore", "collect", "files", "render", "render_async", "write"]
from bot.files import write_private
from content import Edition
from handlers.features.report import ReportFigures
from handlers.types import Attachment

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def files(f: ReportFigures, edition: Edition
          ) -> tuple[tuple[str, str, Callable[[], bytes]], ...]:
    """(file name, MIME type, builder) of every file of the report, named after the period:
    the chat and the CLI build them all, the web console one at a time."""
    # Imported here: openpyxl (with numpy) and matplotlib cost about a second to import, and
    # every update imports this package for SqlReportStore.
    from bot.report import charts, workbook

    span = f"{f.first:%Y%m%d}-{f.last:%Y%m%d}"
    return (
        (f"bao-cao-tuan-le-{span}.xlsx", XLSX, lambda: workbook.build_workbook(f, edition.tz)),
        (f"tom-tat-{span}.md", "text/markdown", lambda: summary.build(f, edition)[0].encode()),
        (f"tom-tat-{span}.html", "text/html", lambda: summary.build(f, edition)[1].encode()),
        (f"bieu-do-nguoi-dung-tin-nhan-{span}.png", "image/png", lambda: charts.per_day(f)),
        (f"bieu-do-du-thi-theo-don-vi-{span}.png", "image/png", lambda: charts.districts(f)),
        (f"bieu-do-phan-bo-diem-{span}.png", "image/png", lambda: charts.scores(f)),
        (f"bieu-do-chuc-nang-{span}.png", "image/png", lambda: charts.features(f)),
    )


def render(f: ReportFigures, edition: Edition) -> tuple[Attachment, ...]:
    """Every file of the report (CPU-bound: run it in a thread)."""
    markdown, html = summary.build(f, edition)
    built = {"text/markdown": markdown.encode(), "text/html": html.encode()}
    return tuple(Attachment(name, built[mime] if mime in built else build(), mime)
                 for name, mime, build in files(f, edition))


async def render_async(f: ReportFigures, edition: Edition) -> tuple[Attachment, ...]:
    """Render in a worker thread (to_thread copies the context, so the locale too)."""
    return await asyncio.to_thread(render, f, edition)


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

    async def files(self, figures: ReportFigures, edition: Edition) -> tuple[Attachment, ...]:
        return await render_async(figures, edition)
