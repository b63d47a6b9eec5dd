"""The report's PNG charts (matplotlib, Agg, no display): labels in Vietnamese."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from handlers.i18n import _, format_date_numeric, format_day_short
from handlers.report_types import ReportFigures

# DejaVu Sans ships with matplotlib and covers Vietnamese (precomposed letters with tone marks);
# a missing glyph would raise in the tests, where warnings are errors.
FONT: dict[Any, Any] = {"font.family": "DejaVu Sans", "font.size": 10,
                        "axes.titleweight": "bold"}
BLUE, ORANGE, GREEN = "#1f77b4", "#ff7f0e", "#2ca02c"


@contextmanager
def _figure(width: float, height: float, rows: int = 1) -> Iterator[tuple[Any, list[Any]]]:
    """A figure on the Agg canvas, never pyplot: no global figure registry, no display."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with matplotlib.rc_context(FONT):
        fig = Figure(figsize=(width, height), dpi=120, layout="constrained")
        FigureCanvasAgg(fig)
        axes = [fig.add_subplot(rows, 1, i + 1) for i in range(rows)]
        yield fig, axes


def _png(fig: Any) -> bytes:
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return out.getvalue()


def _no_data(ax: Any) -> None:
    ax.text(0.5, 0.5, _("Chưa có số liệu"), ha="center", va="center", transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])


def _integer_axis(ax: Any, axis: str = "y") -> None:
    from matplotlib.ticker import MaxNLocator

    getattr(ax, f"{axis}axis").set_major_locator(MaxNLocator(integer=True))


def _bar_labels(ax: Any, bars: Any) -> None:
    ax.bar_label(bars, labels=[str(int(v)) if v else "" for v in bars.datavalues], fontsize=8,
                 padding=2)


def per_day(f: ReportFigures) -> bytes:
    """Users and messages per day of the period."""
    labels = [format_day_short(d.day) for d in f.days]
    x = list(range(len(f.days)))
    with _figure(max(6.0, 0.7 * len(x) + 2), 6.5, rows=2) as (fig, (top, bottom)):
        w = 0.4
        b1 = top.bar([i - w / 2 for i in x], [d.new_users for d in f.days], w,
                     label=_("Người dùng mới"), color=BLUE)
        b2 = top.bar([i + w / 2 for i in x], [d.active_users for d in f.days], w,
                     label=_("Người dùng đã nhắn tin"), color=ORANGE)
        _bar_labels(top, b1)
        _bar_labels(top, b2)
        top.set_title(_("Người dùng theo ngày"))
        top.legend(loc="upper left", fontsize=8, ncols=2)
        b3 = bottom.bar(x, [d.messages for d in f.days], 0.6, color=GREEN)
        _bar_labels(bottom, b3)
        bottom.set_title(_("Tin nhắn theo ngày"))
        for ax in (top, bottom):
            ax.set_xticks(x, labels, rotation=30, ha="right", fontsize=8)
            ax.set_ylabel(_("Số lượng"))
            ax.margins(y=0.15)
            _integer_axis(ax)
        top.margins(y=0.3)  # room for the legend above the tallest bar
        bottom.set_xlabel(_("Ngày"))
        fig.suptitle(_("Người dùng và tin nhắn, {period}").format(
            period=f"{format_date_numeric(f.first)}–{format_date_numeric(f.last)}"))
        return _png(fig)


def districts(f: ReportFigures) -> bytes:
    """Contest participants per district or unit, most first."""
    rows = list(reversed(f.districts))  # barh draws bottom-up: the largest on top
    with _figure(8.0, max(3.5, 0.4 * len(rows) + 1.5)) as (fig, (ax,)):
        if not rows:
            _no_data(ax)
        else:
            y = list(range(len(rows)))
            h = 0.4
            b1 = ax.barh([i + h / 2 for i in y], [d.participants for d in rows], h,
                         label=_("Đăng ký"), color=BLUE)
            b2 = ax.barh([i - h / 2 for i in y], [d.finished for d in rows], h,
                         label=_("Hoàn thành"), color=ORANGE)
            _bar_labels(ax, b1)
            _bar_labels(ax, b2)
            ax.set_yticks(y, [d.district for d in rows])
            ax.set_xlabel(_("Số người dự thi"))
            ax.margins(x=0.1)
            _integer_axis(ax, "x")
            ax.legend(loc="lower right", fontsize=8)
        ax.set_title(_("Người dự thi theo quận, huyện, đơn vị"))
        return _png(fig)


def scores(f: ReportFigures) -> bytes:
    """How many participants got each score (best attempt)."""
    with _figure(7.0, 4.0) as (fig, (ax,)):
        b = ax.bar([s for s, _n in f.scores], [n for _s, n in f.scores], 0.7, color=BLUE)
        _bar_labels(ax, b)
        ax.set_xticks([s for s, _n in f.scores])
        ax.set_xlabel(_("Số câu đúng (trên {n} câu)").format(n=f.questions))
        ax.set_ylabel(_("Số người"))
        ax.margins(y=0.15)
        _integer_axis(ax)
        ax.set_title(_("Phân bố điểm Cuộc thi Công dân học tập"))
        return _png(fig)


def features(f: ReportFigures, feature_label: Callable[[str], str], limit: int = 10) -> bytes:
    """The most used features."""
    rows = list(reversed(f.features[:limit]))
    with _figure(8.0, max(3.5, 0.4 * len(rows) + 1.5)) as (fig, (ax,)):
        if not rows:
            _no_data(ax)
        else:
            b = ax.barh(range(len(rows)), [n for _f, n in rows], 0.6, color=GREEN)
            _bar_labels(ax, b)
            ax.set_yticks(range(len(rows)), [feature_label(name) for name, _n in rows])
            ax.set_xlabel(_("Số tin nhắn"))
            ax.margins(x=0.1)
            _integer_axis(ax, "x")
        ax.set_title(_("Chức năng được dùng nhiều nhất"))
        return _png(fig)
