"""The one-page summary to paste into the official report: Markdown and HTML, no names."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field

from content import Edition
from handlers.broadcast_types import channel_label
from handlers.i18n import _, current_locale, format_date_numeric, format_number
from handlers.report_types import ReportFigures, fired


@dataclass(frozen=True)
class _Block:
    kind: str  # h1, h2, p, ul, table
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()  # list items (one cell each) or table rows


@dataclass
class _Doc:
    """Headings, paragraphs, bullet lists and tables, rendered to Markdown or HTML."""

    blocks: list[_Block] = field(default_factory=list)

    def add(self, kind: str, text: str = "", rows: list[list[str]] | None = None) -> None:
        self.blocks.append(_Block(kind, text, tuple(tuple(r) for r in rows or [])))

    def markdown(self) -> str:
        out: list[str] = []
        for b in self.blocks:
            if b.kind == "h1":
                out.append(f"# {b.text}")
            elif b.kind == "h2":
                out.append(f"## {b.text}")
            elif b.kind == "p":
                out.append(b.text)
            elif b.kind == "ul":
                out.append("\n".join(f"- {item}" for item, in b.rows))
            elif b.kind == "table":
                head, *rows = b.rows
                out.append("\n".join([
                    "| " + " | ".join(head) + " |",
                    "|" + "|".join(" --- " for _ in head) + "|",
                    *("| " + " | ".join(r) + " |" for r in rows),
                ]))
        return "\n\n".join(out) + "\n"

    def html(self, title: str) -> str:
        e = html.escape
        body: list[str] = []
        for b in self.blocks:
            if b.kind in ("h1", "h2", "p"):
                body.append(f"<{b.kind}>{e(b.text)}</{b.kind}>")
            elif b.kind == "ul":
                body.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i, in b.rows) + "</ul>")
            elif b.kind == "table":
                head, *rows = b.rows
                th = "".join(f"<th>{e(h)}</th>" for h in head)
                trs = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>"
                              for r in rows)
                body.append(f"<table><thead><tr>{th}</tr></thead><tbody>{trs}</tbody></table>")
        style = ("body{font-family:'Times New Roman',serif;max-width:48em;margin:2em auto;"
                 "line-height:1.4}table{border-collapse:collapse}"
                 "th,td{border:1px solid #888;padding:.2em .6em;text-align:left}")
        return (f'<!DOCTYPE html>\n<html lang="{current_locale()}"><head><meta charset="utf-8">'
                f"<title>{e(title)}</title><style>{style}</style></head><body>\n"
                + "\n".join(body) + "\n</body></html>\n")


def _n(value: int | float) -> str:
    return format_number(round(value, 2) if isinstance(value, float) else value)


def build(f: ReportFigures, edition: Edition,
          feature_label: Callable[[str], str]) -> tuple[str, str]:
    """(Markdown, HTML) of the summary for `edition` over the period of `f`."""
    loc = current_locale()
    d = format_date_numeric
    title = _("Kết quả hoạt động của chatbot {name}").format(name=edition.name.get(loc))
    doc = _Doc()
    doc.add("h1", title)
    doc.add("p", _(
        "Chủ đề: “{theme}”. Tuần lễ diễn ra tại {city} từ ngày {start} đến ngày {end}. "
        "Số liệu dưới đây tính từ ngày {first} đến ngày {last}, tổng hợp tự động từ cơ sở dữ "
        "liệu của chatbot, phục vụ báo cáo kết quả gửi trước ngày {deadline}.").format(
        theme=edition.theme.get(loc), city=edition.city, start=d(edition.start),
        end=d(edition.end), first=d(f.first), last=d(f.last),
        deadline=d(edition.report.deadline)))
    doc.add("h2", _("Số liệu chính"))
    top_features = ", ".join(f"{feature_label(name)} ({_n(n)})" for name, n in f.features[:3])
    doc.add("ul", rows=[[x] for x in [
        _("{n} người dùng mới, {active} người đã nhắn tin với chatbot, tổng cộng {messages} "
          "tin nhắn.").format(n=_n(f.new_users), active=_n(f.active_users),
                              messages=_n(f.messages)),
        _("Chức năng được dùng nhiều nhất: {list}.").format(list=top_features or "—"),
        _("Cuộc thi Công dân học tập: {n} người đăng ký, {finished} người hoàn thành, điểm "
          "trung bình {avg}/{total} câu đúng.").format(
            n=_n(f.participants), finished=_n(f.finished), avg=_n(f.average_score),
            total=f.questions),
        _("Thông báo và tin nhắc: {items} lượt gửi, {sent} tin nhắn đến người nhận, {failed} "
          "tin lỗi; {subscribers} người đăng ký nhận tin.").format(
            items=_n(fired(f)), sent=_n(sum(b.sent for b in f.broadcasts)),
            failed=_n(sum(b.failed for b in f.broadcasts)), subscribers=_n(f.subscribers)),
    ]])
    doc.add("p", _("Người dùng và tin nhắn chỉ tính người dân, không tính Ban tổ chức."))
    doc.add("h2", _("Người dùng theo kênh"))
    rows = [[channel_label(c.channel), _n(c.new_users), _n(c.active_users), _n(c.messages)]
            for c in f.channels]
    doc.add("table", rows=[[_("Kênh"), _("Người dùng mới"), _("Người dùng đã nhắn tin"),
                            _("Tin nhắn")], *rows,
                           [_("Tổng"), _n(f.new_users), _n(f.active_users), _n(f.messages)]])
    if f.districts:
        doc.add("h2", _("Cuộc thi theo quận, huyện, đơn vị"))
        doc.add("table", rows=[
            [_("Đơn vị"), _("Đăng ký"), _("Hoàn thành"), _("Điểm trung bình")],
            *([x.district, _n(x.participants), _n(x.finished), _n(x.average_score)]
              for x in f.districts[:10]),
        ])
    doc.add("p", _("Bảng số liệu chi tiết (XLSX) và biểu đồ (PNG) gửi kèm. Bản tóm tắt "
                   "không chứa thông tin cá nhân."))
    return doc.markdown(), doc.html(title)
